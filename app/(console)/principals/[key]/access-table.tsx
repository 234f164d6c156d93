import Link from "next/link";
import { ACCESS_LEVELS, type TServiceAccess } from "@/lib/console/get-principal-detail";
import type { TServiceActions } from "@/lib/console/get-principal-service-actions";
import { AccessRows, type TAccessRow } from "./access-rows-client";

const SHORT: Record<(typeof ACCESS_LEVELS)[number], string> = { List: "List", Read: "Read", Write: "Write", "Permissions management": "Permissions", Tagging: "Tagging" };

/** Totals per level over all services: the one line that says how broad the access is. */
function LevelTotals({ services }: { services: TServiceAccess[] }) {
  return (
    <p className="small" data-testid="access-totals">
      {ACCESS_LEVELS.map((level) => {
        const touched = services.filter((s) => { const c = s.levels[level]; return c && c.allowed + c.partial + c.conditional > 0; });
        const full = touched.filter((s) => s.levels[level]!.allowed === s.levels[level]!.total).length;
        return <span key={level} style={{ marginRight: 14 }}><strong>{level}</strong>: {touched.length} services{full > 0 && <span className="muted"> ({full} in full)</span>}</span>;
      })}
    </p>
  );
}

function ServiceActions({ actions }: { actions: TServiceActions }) {
  return (
    <div data-testid="service-actions" className="service-actions">
      {actions.levels.map((level) => (
        <div key={level.level}>
          <strong className="small">{level.level}</strong>{" "}
          {level.actions.map((a) => <span key={a.action} className={`action action-${a.grant}`} title={a.grant}>{a.action.split(":")[1]}</span>)}
        </div>
      ))}
    </div>
  );
}

/**
 * Effective access collapsed to services: granted/total actions per access level, a
 * search over the services, and one service at a time expanded to its actions (and its
 * granting statements highlighted in the policies).
 */
export function AccessTable({ services, keyHref, selected, selectedActions }: { services: TServiceAccess[]; keyHref: string; selected?: string; selectedActions: TServiceActions | null }) {
  if (services.length === 0) return <p className="muted">No effective access: no policy grants this principal an action.</p>;
  const rows: TAccessRow[] = services.map((s) => [s.service, s.serviceName, ACCESS_LEVELS.map((level) => {
    const c = s.levels[level];
    const granted = c ? c.allowed + c.partial + c.conditional : 0;
    return c && granted > 0 ? [granted, c.total, c.allowed === c.total ? 1 : 0, c.allowed] : null;
  })]);
  const expanded = selectedActions ? <ServiceActions actions={selectedActions} /> : <span className="muted">The actions could not be computed from the snapshot.</span>;
  return (
    <>
      <LevelTotals services={services} />
      <AccessRows rows={rows} levels={ACCESS_LEVELS.map((l) => SHORT[l])} keyHref={keyHref} selected={selected} expanded={expanded} />
      <p className="muted small">Each cell: actions granted in some form / actions of that level. Red: all of them on every resource; amber: some; grey: only on some resources or under conditions. Open a service for its actions.</p>
    </>
  );
}
