import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import { requestOrigin } from "../audit/request-origin";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { toCsv } from "../export/to-csv";
import { assertCan } from "./assert-can";
import { findWhoCanReachView, type TWhoCanReachRow } from "./find-who-can-reach-view";
import type { TWhoCanReachQuery } from "./who-can-reach-query";

// The export holds up to ten times what the page shows, so a truncated page can still be exported whole.
const EXPORT_LIMIT = 10_000;

/** The who-can-reach result as CSV (one row per path, as on the page), recorded in the audit trail. */
export async function exportWhoCanReachCsv(options: { user: TSessionUser; query: TWhoCanReachQuery }): Promise<{ csv: string; rows: number }> {
  assertCan(options.user, "exports.download");
  const view = await findWhoCanReachView({ user: options.user, query: options.query, limit: EXPORT_LIMIT });
  const csv = toCsv<TWhoCanReachRow>({
    rows: view.rows,
    columns: [
      { header: "principal", value: (row) => row.principalName },
      { header: "principal_key", value: (row) => row.principalKey },
      { header: "kind", value: (row) => row.principalKind },
      { header: "principal_account", value: (row) => row.principalAccountName },
      { header: "route", value: (row) => row.route },
      { header: "path", value: (row) => row.pathText },
      { header: "account_reached", value: (row) => row.targetAccountId },
      { header: "account_name", value: (row) => row.targetAccountName },
      { header: "acting_as", value: (row) => row.actingName },
      { header: "grant", value: (row) => row.grant },
      { header: "conditional", value: (row) => row.conditional },
      { header: "admin_equivalent", value: (row) => row.adminEquivalent },
    ],
  });
  const { pool } = getDb();
  await recordAuditEvent({
    db: pool,
    event: {
      actor: { id: options.user.id, email: options.user.email, roles: options.user.roles },
      action: "export.download", targetType: "who-can-reach", targetId: view.action?.name ?? view.service,
      details: { filters: options.query, rows: view.rows.length }, origin: await requestOrigin(),
    },
  });
  return { csv, rows: view.rows.length };
}
