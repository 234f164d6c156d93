import { accountNames, cisScopeLabel, cisSnapshotLabel, CIS_STATUS_BADGE, CIS_STATUS_LABEL } from "@/lib/reports/cis-labels";
import type { TCisStatus } from "@/lib/reports/evaluate-cis-controls";
import type { TCisReport } from "@/lib/reports/get-cis-report";
import Link from "next/link";
import { findingListHref } from "@/lib/console/finding-list-query";
import { LongId } from "../../_components/long-id";

/** A failing resource's page: the principal when it is one, else its finding in the list. */
const resourceHref = (f: { resourceKey: string; resourceName: string; rule: string }) =>
  /^(\d{12}|sso)\/[\w-]+$/.test(f.resourceKey) ? `/principals/${encodeURIComponent(f.resourceKey)}` : findingListHref({ rule: f.rule, q: f.resourceName, view: "list", status: "all" });

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
                {control.failing.slice(0, SHOWN).map((f) => <div key={f.id}><Link href={resourceHref(f)} data-testid="cis-failing-link"><LongId value={f.resourceName} /></Link><span className="muted">{where(f.accountId)}</span></div>)}
                {control.failing.length > SHOWN && <div><Link href={findingListHref({ cis: control.controlId, view: "list" })}>and {control.failing.length - SHOWN} more</Link> <span className="muted">(or see the PDF or CSV)</span></div>}
                {control.exceptions.map((f) => (
                  <div key={f.id}><span className="badge warn">accepted</span> <Link href={resourceHref(f)}><LongId value={f.resourceName} /></Link><span className="muted">{where(f.accountId)}: {f.acceptedReason ?? "no reason"}, until {f.acceptedUntil?.toISOString().slice(0, 10) ?? "no expiry"}</span></div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
