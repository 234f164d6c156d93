import Link from "next/link";
import type { TResourceDetail } from "@/lib/console/get-resource-detail";

const ROUTE_LABELS: Record<string, string> = {
  "identity-policy": "identity policy",
  "resource-policy": "resource policy",
  "named-party": "named in the policy",
};

/** Who reaches the resource at the chosen level, and by which path. */
export function ResourceReachTable({ reach }: { reach: TResourceDetail["reach"] }) {
  return (
    <>
      {reach.identityBlocked && <p className="muted" data-testid="identity-blocked">Identity policies do not count here: {reach.identityBlocked}.</p>}
      <p className="muted small"><span data-testid="reach-total">{reach.totalPaths}</span> path{reach.totalPaths === 1 ? "" : "s"} at level {reach.level}{reach.rows.length < reach.totalPaths ? ` (first ${reach.rows.length} shown)` : ""}.</p>
      <table data-testid="resource-reach">
        <thead><tr><th>Who</th><th>Route</th><th>Path</th><th>Statement</th></tr></thead>
        <tbody>
          {reach.rows.map((row, i) => (
            <tr key={i} data-route={row.route}>
              <td>{row.principalKey ? <Link href={`/principals/${encodeURIComponent(row.principalKey)}`}>{row.principalName}</Link> : <span className="mono small">{row.principalName}</span>} {row.accountId && <span className="muted mono small">{row.accountId}</span>}</td>
              <td>{ROUTE_LABELS[row.route]}{row.reach && <span className="muted"> ({row.reach})</span>}</td>
              <td className="small">{row.pathText}{row.conditional && <span className="badge warn"> conditional</span>}</td>
              <td className="small">{row.statement ?? "—"}</td>
            </tr>
          ))}
          {reach.rows.length === 0 && <tr><td colSpan={4} className="muted">Nobody at this level.</td></tr>}
        </tbody>
      </table>
    </>
  );
}
