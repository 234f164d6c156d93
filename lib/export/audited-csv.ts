import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import { requestOrigin } from "../audit/request-origin";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { csvResponse, toCsv, type TCsvColumn } from "./to-csv";

/** Records one list export in the audit trail: what was exported, with which filters, how many rows of how many. */
export async function recordListExport(options: {
  user: TSessionUser; targetType: string; targetId?: string; filters: Record<string, unknown>; rows: number; total?: number;
}): Promise<void> {
  const { user } = options;
  await recordAuditEvent({ db: getDb().pool, event: {
    actor: { id: user.id, email: user.email, roles: user.roles }, action: "export.download",
    targetType: options.targetType, targetId: options.targetId,
    details: { filters: options.filters, rows: options.rows, ...(options.total === undefined ? {} : { total: options.total, format: "csv" }) },
    origin: await requestOrigin(),
  } });
}

/**
 * A list export as a CSV download, recorded in the audit trail with its filters and row
 * count: what every "Export CSV" route answers.
 */
export async function auditedCsvResponse<T>(options: {
  user: TSessionUser; targetType: string; filters: Record<string, unknown>; rows: T[]; columns: TCsvColumn<T>[]; filename: string;
}): Promise<Response> {
  await recordListExport({ user: options.user, targetType: options.targetType, filters: options.filters, rows: options.rows.length });
  const day = new Date().toISOString().slice(0, 10);
  return csvResponse({ csv: toCsv({ rows: options.rows, columns: options.columns }), filename: `${options.filename}-${day}.csv` });
}
