import type { TLastAccessed, TPrincipalAccessKey } from "@/lib/console/get-principal-usage";
import { EmptyState } from "../../../_components/empty-state";

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "never");

/** Access Advisor's last-accessed data (with its own age) and, for users, the access keys. */
export function UsageSections({ lastAccessed, accessKeys }: { lastAccessed: TLastAccessed | null; accessKeys: TPrincipalAccessKey[] | null }) {
  const used = (lastAccessed?.services ?? []).filter((s) => s.lastAuthenticated).sort((a, b) => b.lastAuthenticated!.getTime() - a.lastAuthenticated!.getTime());
  const never = [...new Set([...(lastAccessed?.services ?? []).filter((s) => !s.lastAuthenticated).map((s) => s.namespace), ...(lastAccessed?.unusedServices ?? [])])].sort();
  return (
    <>
      {accessKeys && (
        <>
          <h2>Access keys</h2>
          <table data-testid="access-keys">
            <thead><tr><th>Key id</th><th>Status</th><th>Created</th><th className="num">Age (days)</th><th>Last used</th><th>Service / region</th></tr></thead>
            <tbody>
              {accessKeys.map((k) => (
                <tr key={k.id}>
                  <td className="mono">{k.id}</td><td>{k.status}</td><td>{day(k.createdAt)}</td><td className="num" data-testid="key-age">{k.ageDays ?? "—"}</td>
                  <td>{day(k.lastUsedAt)}</td><td>{[k.lastUsedService, k.lastUsedRegion].filter(Boolean).join(" / ") || "—"}</td>
                </tr>
              ))}
              {accessKeys.length === 0 && <tr><td colSpan={6}><EmptyState title="No access keys">This user signs in without long-lived keys (or has none yet).</EmptyState></td></tr>}
            </tbody>
          </table>
        </>
      )}
      <h2>Last accessed</h2>
      {!lastAccessed ? (
        <EmptyState title="No Access Advisor data yet" testId="no-access-advisor">
          The collection has not read this principal&apos;s last-accessed data: AWS produces it on request (iam:GenerateServiceLastAccessedDetails),
          and the audit role may lack that permission or the job had not finished. Run a collection again from the Collection page.
        </EmptyState>
      ) : (
        <>
          <p className="muted small" data-testid="last-accessed-age">
            Access Advisor data from {lastAccessed.jobCompletedAt?.toISOString().slice(0, 16).replace("T", " ") ?? "an unknown time"} UTC
            {lastAccessed.dataAgeDays !== null && ` (${lastAccessed.dataAgeDays} days old)`}, {lastAccessed.granularity?.toLowerCase().replace("_", " ") ?? "service level"}.
          </p>
          {used.length === 0 ? <EmptyState title="Never used">Access Advisor saw no use of any granted service in its tracking period.</EmptyState> : (
            <table data-testid="last-accessed">
              <thead><tr><th>Service</th><th>Last used</th><th>Region</th><th>Actions (last used)</th></tr></thead>
              <tbody>
                {used.map((s) => (
                  <tr key={s.namespace}>
                    <td>{s.namespace} <span className="muted small">{s.name}</span></td><td>{day(s.lastAuthenticated)}</td><td>{s.region ?? "—"}</td>
                    <td className="small">{s.actions.length === 0 ? <span className="muted">not tracked per action</span> : s.actions.map((a) => (
                      <div key={a.action}><span className="mono">{a.action}</span> <span className="muted">{a.lastAccessed ? day(a.lastAccessed) : "never"}</span></div>
                    ))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {never.length > 0 && (
            <details data-testid="never-used" className="small" style={{ marginTop: 8 }}>
              <summary>{never.length} granted services never used</summary>
              <p className="mono wrap-list">{never.join(", ")}</p>
            </details>
          )}
        </>
      )}
    </>
  );
}
