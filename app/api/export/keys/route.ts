import { requestOrigin } from "@/lib/audit/request-origin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { withRole } from "@/lib/auth/require-user";
import { parseKeyListQuery } from "@/lib/console/key-list-query";
import { listKeys, type TKeyRow } from "@/lib/console/list-keys";
import { getDb } from "@/lib/db/client";
import { csvResponse, toCsv, type TCsvColumn } from "@/lib/export/to-csv";

const COLUMNS: TCsvColumn<TKeyRow>[] = [
  { header: "access_key_id", value: (r) => r.accessKeyId },
  { header: "user_name", value: (r) => r.userName },
  { header: "user_arn", value: (r) => r.userArn },
  { header: "account_id", value: (r) => r.accountId },
  { header: "account_name", value: (r) => r.accountName },
  { header: "status", value: (r) => r.status },
  { header: "created", value: (r) => r.createDate },
  { header: "age_days", value: (r) => r.ageDays },
  { header: "last_used", value: (r) => r.lastUsedDate },
  { header: "last_used_service", value: (r) => r.lastUsedService },
  { header: "open_findings", value: (r) => r.findings.map((f) => `${f.rule} (${f.severity})`) },
];

/** The access-key list as CSV, with the page's filters and sort, every page. Key ids only, never a secret. */
export const GET = withRole(async ({ request, user }) => {
  const query = parseKeyListQuery(new URL(request.url).searchParams);
  const list = await listKeys({ user, query, all: true });
  const { pool } = getDb();
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  await recordAuditEvent({ db: pool, event: {
    actor: { id: user.id, email: user.email, roles: user.roles }, action: "export.download",
    targetType: "access-keys", details: { filters, rows: list.rows.length }, origin: await requestOrigin(),
  } });
  return csvResponse({ csv: toCsv({ rows: list.rows, columns: COLUMNS }), filename: `access-keys-${new Date().toISOString().slice(0, 10)}.csv` });
}, { permission: "exports.download" });
