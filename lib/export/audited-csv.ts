import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import { requestOrigin } from "../audit/request-origin";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { csvResponse, toCsv, type TCsvColumn } from "./to-csv";

/**
 * A list export as a CSV download, recorded in the audit trail with its filters and row
 * count: what every "Export CSV" route answers.
 */
export async function auditedCsvResponse<T>(options: {
  user: TSessionUser; targetType: string; filters: Record<string, unknown>; rows: T[]; columns: TCsvColumn<T>[]; filename: string;
}): Promise<Response> {
  const { user } = options;
  await recordAuditEvent({ db: getDb().pool, event: {
    actor: { id: user.id, email: user.email, roles: user.roles }, action: "export.download",
    targetType: options.targetType, details: { filters: options.filters, rows: options.rows.length }, origin: await requestOrigin(),
  } });
  const day = new Date().toISOString().slice(0, 10);
  return csvResponse({ csv: toCsv({ rows: options.rows, columns: options.columns }), filename: `${options.filename}-${day}.csv` });
}
