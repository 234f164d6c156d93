import Link from "next/link";
import type { TFindingRow } from "@/lib/console/list-findings";
import { cisControlTitle } from "@/lib/console/cis-control-title";
import { LongId } from "../../_components/long-id";
import { SeverityBadge } from "../../_components/severity-badge";
import { EvidenceView } from "./evidence-view";
import { FindingStatusActions } from "./finding-status-client";
import { principalHref } from "./principal-href";

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "—");

function Status({ row }: { row: TFindingRow }) {
  if (row.status !== "accepted") return <span className={`badge ${row.status === "open" ? "warn" : "ok"}`}>{row.status}</span>;
  return (
    <div>
      <span className="badge info">accepted</span>
      <div className="small" data-testid="accepted-reason">{row.acceptedReason}</div>
      <div className="small muted">until {day(row.acceptedUntil)} · by {row.acceptedBy}</div>
    </div>
  );
}

function Resource({ row }: { row: TFindingRow }) {
  const name = <LongId value={row.resourceName} className="small" />;
  return row.principalKey ? <Link href={principalHref(row.principalKey)}>{name}</Link> : name;
}

/** The Access Advisor window, the data's age and the excess-permission ratio of an unused-access finding. */
function UnusedColumns({ row }: { row: TFindingRow }) {
  const e = row.evidence as Record<string, number | string | null | undefined>;
  const windowDays = e.windowDays ?? e.thresholdDays;
  const ratio = typeof e.excessPermissionRatio === "number" ? e.excessPermissionRatio
    : row.grantedServices && row.usedServices !== null ? (row.grantedServices - row.usedServices) / row.grantedServices : null;
  return (
    <>
      <td className="small">
        {windowDays !== undefined && windowDays !== null ? `${windowDays} days` : "—"}
        {typeof e.windowStart === "string" && <div className="muted">{String(e.windowStart).slice(0, 10)} → {String(e.windowEnd).slice(0, 10)}</div>}
      </td>
      <td className="num small">{typeof e.dataAgeDays === "number" ? `${e.dataAgeDays} d` : "—"}</td>
      <td className="small" data-testid="excess">
        {ratio === null ? "—" : `${Math.round(ratio * 100)}%`}
        {row.grantedServices !== null && row.usedServices !== null && <div className="muted">{row.usedServices} of {row.grantedServices} used</div>}
      </td>
    </>
  );
}

export function FindingTable({ rows, canAccept, unused = false }: { rows: TFindingRow[]; canAccept: boolean; unused?: boolean }) {
  return (
    <table data-testid="finding-table" className="fixed findings">
      <colgroup>
        <col style={{ width: 84 }} /><col /><col style={{ width: unused ? 110 : 130 }} /><col style={{ width: unused ? "15%" : "20%" }} />
        {unused && <><col style={{ width: 100 }} /><col style={{ width: 64 }} /><col style={{ width: 110 }} /></>}
        <col style={{ width: 92 }} /><col style={{ width: 120 }} />{canAccept && <col style={{ width: 96 }} />}
      </colgroup>
      <thead>
        <tr>
          <th>Severity</th><th>Finding</th><th>Account</th><th>Resource</th>
          {unused && <><th>Window</th><th className="num">Data age</th><th>Excess</th></>}
          <th>Seen</th><th>Status</th>{canAccept && <th>Actions</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid="finding-row" data-finding-id={row.id}>
            <td><SeverityBadge severity={row.severity} /></td>
            <td>
              {row.title}
              <div className="muted small"><span className="mono">{row.rule}</span>{row.cisControl && <> · CIS {row.cisControl} {cisControlTitle(row.cisControl)}</>}</div>
              <EvidenceView evidence={row.evidence} />
            </td>
            <td className="small">{row.accountName ?? row.accountId ?? <span className="muted">organization</span>}</td>
            <td><Resource row={row} /></td>
            {unused && <UnusedColumns row={row} />}
            <td className="small" title={`first seen in run ${row.firstSeenRun}, last seen in run ${row.lastSeenRun}`}>{day(row.firstSeenAt)}<div className="muted">last {day(row.lastSeenAt)}</div></td>
            <td><Status row={row} /></td>
            {canAccept && <td><FindingStatusActions findingId={row.id} status={row.status} title={row.title} /></td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
