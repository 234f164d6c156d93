import Link from "next/link";
import type { TFindingRow } from "@/lib/console/list-findings";
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
  if (!row.principalKey) return <span className="mono small">{row.resourceName}</span>;
  return <Link href={principalHref(row.principalKey)} className="mono small">{row.resourceName}</Link>;
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
        {row.grantedServices !== null && row.usedServices !== null && <div className="muted">{row.usedServices} of {row.grantedServices} services used</div>}
      </td>
    </>
  );
}

export function FindingTable({ rows, canAccept, unused = false }: { rows: TFindingRow[]; canAccept: boolean; unused?: boolean }) {
  if (rows.length === 0) return <p className="muted">No findings match these filters.</p>;
  return (
    <div style={{ overflowX: "auto" }}>
    <table data-testid="finding-table">
      <thead>
        <tr>
          <th>Severity</th><th>Finding</th><th>Rule</th><th>CIS</th><th>Account</th><th>Resource</th>
          {unused && <><th>Window</th><th className="num">Data age</th><th>Excess permissions</th></>}
          <th>First seen</th><th>Last seen</th><th>Status</th>{canAccept && <th>Actions</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid="finding-row" data-finding-id={row.id}>
            <td><span className={`badge ${row.severity}`}>{row.severity}</span></td>
            <td>{row.title}<EvidenceView evidence={row.evidence} /></td>
            <td className="mono small">{row.rule}</td>
            <td>{row.cisControl ?? <span className="muted">—</span>}</td>
            <td>{row.accountName ?? row.accountId ?? <span className="muted">organization</span>}</td>
            <td style={{ wordBreak: "break-all", maxWidth: 200 }}><Resource row={row} /></td>
            {unused && <UnusedColumns row={row} />}
            <td className="small">run {row.firstSeenRun}<div className="muted">{day(row.firstSeenAt)}</div></td>
            <td className="small">run {row.lastSeenRun}<div className="muted">{day(row.lastSeenAt)}</div></td>
            <td><Status row={row} /></td>
            {canAccept && <td><FindingStatusActions findingId={row.id} status={row.status} title={row.title} /></td>}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
