import { parseAuditListQuery } from "@/lib/audit/audit-list-query";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";
import { requestOrigin } from "@/lib/audit/request-origin";
import { withRole } from "@/lib/auth/require-user";
import { csvResponse } from "@/lib/export/to-csv";

export const dynamic = "force-dynamic";

/** GET /api/export/audit?action=&actor=&target=&from=YYYY-MM-DD&to=YYYY-MM-DD: the filtered audit trail as CSV. */
export const GET = withRole(async ({ request, user }) => {
  const { page: _page, pageSize: _pageSize, ...filters } = parseAuditListQuery(new URL(request.url).searchParams);
  const { csv } = await exportAuditEvents({ user, query: filters, origin: await requestOrigin() });
  return csvResponse({ csv, filename: `audit-log-${new Date().toISOString().slice(0, 10)}.csv` });
}, { permission: "audit.read" });
