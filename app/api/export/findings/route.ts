import { withRole } from "@/lib/auth/require-user";
import { parseFindingListQuery } from "@/lib/console/finding-list-query";
import { listFindings, type TFindingRow } from "@/lib/console/list-findings";
import { auditedCsvResponse } from "@/lib/export/audited-csv";
import type { TCsvColumn } from "@/lib/export/to-csv";

const COLUMNS: TCsvColumn<TFindingRow>[] = [
  { header: "id", value: (r) => r.id },
  { header: "severity", value: (r) => r.severity },
  { header: "title", value: (r) => r.title },
  { header: "rule", value: (r) => r.rule },
  { header: "cis_control", value: (r) => r.cisControl },
  { header: "account_id", value: (r) => r.accountId },
  { header: "account_name", value: (r) => r.accountName },
  { header: "resource_key", value: (r) => r.resourceKey },
  { header: "resource_name", value: (r) => r.resourceName },
  { header: "first_seen_run", value: (r) => r.firstSeenRun },
  { header: "first_seen_at", value: (r) => r.firstSeenAt },
  { header: "last_seen_run", value: (r) => r.lastSeenRun },
  { header: "last_seen_at", value: (r) => r.lastSeenAt },
  { header: "status", value: (r) => r.status },
  { header: "accepted_reason", value: (r) => r.acceptedReason },
  { header: "accepted_until", value: (r) => r.acceptedUntil },
  { header: "accepted_by", value: (r) => r.acceptedBy },
  { header: "evidence", value: (r) => r.evidence },
];

/** The findings list (or, with view=unused, the unused-access list) as CSV, with the page's filters, every page. */
export const GET = withRole(async ({ request, user }) => {
  const params = new URL(request.url).searchParams;
  const unused = params.get("view") === "unused";
  const query = parseFindingListQuery(params);
  const list = await listFindings({ user, query, unusedOnly: unused, all: true });
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  const name = unused ? "unused-access" : "findings";
  return auditedCsvResponse({ user, targetType: name, filters: { ...filters, view: unused ? "unused" : "findings" }, rows: list.rows, columns: COLUMNS, filename: name });
}, { permission: "exports.download" });
