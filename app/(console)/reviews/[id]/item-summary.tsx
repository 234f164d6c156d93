import type { TItemEvidence } from "@/lib/reviews/item-evidence";

const SEVERITY_ORDER = ["critical", "high", "medium", "low", "info"];
const day = (v: string | null) => (v ? v.slice(0, 10) : "never");

/**
 * What a reviewer decides on at a glance, from the frozen evidence: how much the access
 * grants and how much of it is used, when it was last used, its keys and open findings.
 * The full evidence (services by level, admin paths, path, trusted parties) opens on demand.
 */
export function ItemSummary({ evidence: e }: { evidence: TItemEvidence }) {
  const a = e.access;
  const worst = SEVERITY_ORDER.find((s) => e.findings.some((f) => f.severity === s));
  const oldestKey = e.accessKeys.reduce<number | null>((n, k) => (k.ageDays !== null && (n === null || k.ageDays > n) ? k.ageDays : n), null);
  return (
    <div className="small" data-testid="item-summary">
      {a && <div>{a.grantedServices} service(s) granted, {a.usedServices ?? "?"} used{a.servicesByLevel.permissions.length > 0 && <>, permissions management on {a.servicesByLevel.permissions.length}</>}</div>}
      <div className="muted">last used {day(e.lastUsedAt)}
        {e.accessKeys.length > 0 && <> · {e.accessKeys.length} key(s){oldestKey !== null && `, oldest ${oldestKey} days`}</>}
        {e.trustParties.length > 0 && <> · trusts {e.trustParties.length} outside part{e.trustParties.length === 1 ? "y" : "ies"}</>}
      </div>
      {e.findings.length > 0 && <div><span className={`badge ${worst}`}>{worst}</span> {e.findings.length} open finding(s)</div>}
    </div>
  );
}
