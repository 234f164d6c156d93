import { accountNames, cisScopeLabel, cisSnapshotLabel, CIS_STATUS_BADGE, CIS_STATUS_LABEL } from "@/lib/reports/cis-labels";
import type { TCisStatus } from "@/lib/reports/evaluate-cis-controls";
import type { TCisReport } from "@/lib/reports/get-cis-report";

const SHOWN = 6;
const CARDS: TCisStatus[] = ["fail", "exception", "not-evaluated", "pass", "manual", "not-applicable"];

/** The CIS results for the selected scope: one row per control with its failing resources and accepted exceptions. */
export function CisResultsTable({ report }: { report: TCisReport }) {
  const names = accountNames(report);
  const where = (accountId: string | null) => (report.scope.kind === "org" ? ` (${accountId ? names.get(accountId) ?? accountId : "organization"})` : "");
  return (
    <>
      <p className="muted small">{cisScopeLabel(report)} · snapshot {cisSnapshotLabel(report)}</p>
      <div className="cards">
        {CARDS.map((status) => (
          <div className="card" key={status}><div className="value">{report.counts[status]}</div><div className="label">{CIS_STATUS_LABEL[status].toLowerCase()}</div></div>
        ))}
      </div>
      <table data-testid="cis-table">
        <thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Why</th><th>Failing resources / accepted exceptions</th></tr></thead>
        <tbody>
          {report.controls.map((control) => (
            <tr key={control.controlId} data-testid={`cis-${control.controlId}`}>
              <td className="mono">{control.controlId}</td>
              <td>{control.title}</td>
              <td><span className={`badge ${CIS_STATUS_BADGE[control.status]}`} data-testid="cis-status">{CIS_STATUS_LABEL[control.status]}</span></td>
              <td className="small">{control.reason}</td>
              <td className="small">
                {control.failing.slice(0, SHOWN).map((f) => <div key={f.id}>{f.resourceName}<span className="muted">{where(f.accountId)}</span></div>)}
                {control.failing.length > SHOWN && <div className="muted">and {control.failing.length - SHOWN} more (see the PDF or CSV)</div>}
                {control.exceptions.map((f) => (
                  <div key={f.id}><span className="badge warn">accepted</span> {f.resourceName}<span className="muted">{where(f.accountId)}: {f.acceptedReason ?? "no reason"}, until {f.acceptedUntil?.toISOString().slice(0, 10) ?? "no expiry"}</span></div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
