import { auditExportHref, auditListHref, parseAuditListQuery } from "@/lib/audit/audit-list-query";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { AUDIT_ACTIONS } from "@/lib/audit/record-audit-event";
import { requirePageUser } from "@/lib/auth/require-user";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { ListPagination } from "../findings/list-pagination";
import { FilterSelect } from "../../_components/filter-select";

export const dynamic = "force-dynamic";

const stamp = (date: Date) => `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;

/** Details as short "key: value" text; the CSV export carries the full JSON. */
function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)}`)
    .join(" · ")
    .slice(0, 300);
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("audit.read");
  const query = parseAuditListQuery(await searchParams);
  const list = await listAuditEvents({ user, query });
  const href = (page: number) => auditListHref(query, { page });
  return (
    <>
      <div className="page-head">
        <h1>Audit log</h1>
        <span><a href="/audit/verify" className="button secondary" data-testid="audit-verify">Verify chain</a> <a href={auditExportHref(query)} className="button secondary" data-testid="audit-export">Export CSV</a></span>
      </div>
      <p className="muted small">Append-only and hash-chained: sign-ins and sign-outs, refused requests, exports, review decisions and sign-offs, finding status changes, collection runs, ended sessions and configuration changes. Entries cannot be edited or deleted, and each one carries a hash linking it to the one before, so a change made behind the product's back shows when the chain is verified.</p>
      <form className="filters" method="get" aria-label="Filter the audit log">
        <FilterSelect label="Action" name="action" value={query.action} options={AUDIT_ACTIONS} />
        <label>Actor<input name="actor" defaultValue={query.actor ?? ""} placeholder="email or subject" /></label>
        <label>Target<input name="target" defaultValue={query.target ?? ""} placeholder="e.g. report.cis or a campaign id" /></label>
        <label>From<input name="from" type="date" defaultValue={query.from ?? ""} /></label>
        <label>To<input name="to" type="date" defaultValue={query.to ?? ""} /></label>
        <button type="submit">Apply</button>
      </form>
      <ListPagination page={query.page} pageSize={query.pageSize} total={list.total} href={href} />
      {list.rows.length === 0 ? <p className="muted">No audit events match these filters.</p> : (
        <table data-testid="audit-table">
          <thead><tr><th>When</th><th>Actor</th><th>Action</th><th>Target</th><th>Details</th><th>From</th></tr></thead>
          <tbody>
            {list.rows.map((event) => (
              <tr key={event.id} data-testid="audit-row">
                <td className="small" style={{ whiteSpace: "nowrap" }}>{stamp(event.at)}</td>
                <td>{event.actorEmail ?? event.actorId}<div className="muted small">{event.actorRoles.join(", ")}</div></td>
                <td><span className="badge info">{event.action}</span></td>
                <td className="small">{event.targetType ?? "—"}{event.targetId && <div className="mono">{event.targetId}</div>}</td>
                <td className="small" style={{ maxWidth: 420, overflowWrap: "anywhere" }}>{describeDetails(event.details)}</td>
                <td className="small">{event.ip ?? "—"}<div className="muted" style={{ maxWidth: 200, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }} title={event.userAgent ?? ""}>{event.userAgent}</div></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ListPagination page={query.page} pageSize={query.pageSize} total={list.total} href={href} />
    </>
  );
}
