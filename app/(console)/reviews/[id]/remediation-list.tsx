import type { TReportItem } from "@/lib/reviews/get-campaign-report";

/**
 * After sign-off: what to remove for every effective revoke/change decision, and whether later
 * snapshots show it done; a reviewer's revocation an admin overrode to keep is listed too, as such.
 */
export function RemediationList({ items }: { items: TReportItem[] }) {
  const rows = items.filter((i) => i.remediation !== null);
  const overriddenRevocations = items.filter((i) => i.override?.decision === "keep" && i.reviewerDecision && i.reviewerDecision.decision !== "keep");
  return (
    <section className="panel" aria-label="Remediation">
      <h2>Remediation</h2>
      <p className="muted small">Access Atlas stays read-only: run these commands (with credentials for the account) to carry out the decisions.</p>
      {rows.length === 0 ? <p>No revocation or change was decided.</p> : (
        <table>
          <thead><tr><th>Principal</th><th>Decision</th><th>Status</th><th>What, where, how</th></tr></thead>
          <tbody>
            {rows.map((i) => (
              <tr key={i.id}>
                <td>{i.principalName}{i.evidence?.resourceShare && <> on {i.evidence.resourceShare.resourceName}</>} <span className="muted mono small">{i.accountId}</span></td>
                <td>{i.decision}{i.override && <> <span className="badge warn">override</span> of {i.reviewerDecision?.decision} by {i.reviewerDecision?.decidedBy}</>}{i.decisionComment && <div className="small">“{i.decisionComment}”</div>}</td>
                <td><span className={`badge ${i.remediationStatus === "done" ? "ok" : i.remediationStatus === "overdue" ? "bad" : "warn"}`}>{i.remediationStatus ?? "to narrow"}</span></td>
                <td>
                  {i.remediation!.length === 0 && <span className="muted">nothing attached directly: review the principal</span>}
                  {i.remediation!.map((s, n) => <div key={n}><div className="small">{s.what} ({s.accountId}, {s.principal})</div><code className="mono small">{s.command}</code></div>)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {overriddenRevocations.length > 0 && (
        <>
          <h3>Revocations overridden to keep</h3>
          <table aria-label="Overridden revocations">
            <thead><tr><th>Principal</th><th>Reviewer&apos;s decision</th><th>Override</th></tr></thead>
            <tbody>
              {overriddenRevocations.map((i) => (
                <tr key={i.id}>
                  <td>{i.principalName} <span className="muted mono small">{i.accountId}</span></td>
                  <td>{i.reviewerDecision!.decision} by {i.reviewerDecision!.decidedBy}{i.reviewerDecision!.comment && <div className="small">“{i.reviewerDecision!.comment}”</div>}</td>
                  <td><span className="badge warn">override</span> keep by {i.override!.decidedBy}: “{i.override!.comment}” <div className="small muted">no remediation: the effective decision is keep</div></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
