import { withRole } from "@/lib/auth/require-user";
import { parseKeyListQuery } from "@/lib/console/key-list-query";
import { listKeys, type TKeyRow } from "@/lib/console/list-keys";
import { auditedCsvResponse } from "@/lib/export/audited-csv";
import type { TCsvColumn } from "@/lib/export/to-csv";

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
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return auditedCsvResponse({ user, targetType: "access-keys", filters, rows: list.rows, columns: COLUMNS, filename: "access-keys" });
}, { permission: "exports.download" });
