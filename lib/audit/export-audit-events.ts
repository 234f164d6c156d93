import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { ConsoleError } from "../console/console-error";
import { getDb } from "../db/client";
import { toCsv } from "../export/to-csv";
import type { TAuditListQuery } from "./audit-list-query";
import { AUDIT_COLUMNS, auditFilterSql, type TAuditEventRow } from "./list-audit-events";
import { recordAuditEvent } from "./record-audit-event";

/** More than this is an archive job, not a download; narrow the date range. */
export const AUDIT_EXPORT_LIMIT = 100_000;

/** The filtered audit trail as CSV, newest first; the export itself becomes an audit event. */
export async function exportAuditEvents(options: {
  user: TSessionUser; query: Omit<TAuditListQuery, "page" | "pageSize">; origin?: { ip: string | null; userAgent: string | null };
}): Promise<{ csv: string; rows: number }> {
  assertCan(options.user, "audit.read");
  const { pool } = getDb();
  const { where, params } = auditFilterSql(options.query);
  const { rows } = await pool.query(`SELECT ${AUDIT_COLUMNS} FROM audit_event ${where} ORDER BY at DESC, id DESC LIMIT ${AUDIT_EXPORT_LIMIT + 1}`, params);
  if (rows.length > AUDIT_EXPORT_LIMIT) throw new ConsoleError("invalid", `more than ${AUDIT_EXPORT_LIMIT} events match: narrow the filters (e.g. the date range)`);
  const csv = toCsv<TAuditEventRow>({
    rows,
    columns: [
      { header: "id", value: (e) => e.id },
      { header: "at", value: (e) => e.at },
      { header: "actor_id", value: (e) => e.actorId },
      { header: "actor_email", value: (e) => e.actorEmail },
      { header: "actor_roles", value: (e) => e.actorRoles },
      { header: "action", value: (e) => e.action },
      { header: "target_type", value: (e) => e.targetType },
      { header: "target_id", value: (e) => e.targetId },
      { header: "details", value: (e) => e.details },
      { header: "ip", value: (e) => e.ip },
      { header: "user_agent", value: (e) => e.userAgent },
    ],
  });
  const { user } = options;
  await recordAuditEvent({
    db: pool,
    event: {
      actor: { id: user.id, email: user.email, roles: user.roles },
      action: "export.download",
      targetType: "audit-log",
      details: { filters: options.query, rows: rows.length, format: "csv" },
      origin: options.origin,
    },
  });
  return { csv, rows: rows.length };
}
