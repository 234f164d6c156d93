import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { ConsoleError } from "../console/console-error";
import { getDb } from "../db/client";
import { toCsv } from "../export/to-csv";
import type { TAuditListQuery } from "./audit-list-query";
import { CHAIN_FIELDS, CHAIN_SELECT_SQL, type TChainRow } from "./audit-chain";
import { auditFilterSql } from "./list-audit-events";
import { recordAuditEvent } from "./record-audit-event";

/** More than this is an archive job, not a download; narrow the date range. */
export const AUDIT_EXPORT_LIMIT = 100_000;

/**
 * The filtered audit trail as CSV, newest first; the export itself becomes an audit event.
 * Every column holds the exact text the hash chain covers, plus prev_hash and hash, so the
 * file can be verified offline (npm run audit:verify -- --file <export.csv>, README).
 */
export async function exportAuditEvents(options: {
  user: TSessionUser; query: Omit<TAuditListQuery, "page" | "pageSize">; origin?: { ip: string | null; userAgent: string | null };
}): Promise<{ csv: string; rows: number }> {
  assertCan(options.user, "audit.read");
  const { pool } = getDb();
  const { where, params } = auditFilterSql(options.query);
  const { rows } = await pool.query(`SELECT ${CHAIN_SELECT_SQL} FROM audit_event ${where} ORDER BY audit_event.at DESC, audit_event.id DESC LIMIT ${AUDIT_EXPORT_LIMIT + 1}`, params);
  if (rows.length > AUDIT_EXPORT_LIMIT) throw new ConsoleError("invalid", `more than ${AUDIT_EXPORT_LIMIT} events match: narrow the filters (e.g. the date range)`);
  const csv = toCsv<TChainRow>({
    rows,
    columns: [...CHAIN_FIELDS.map((f) => ({ header: f.name, value: (e: TChainRow) => e[f.name] })),
      { header: "prev_hash", value: (e) => e.prev_hash }, { header: "hash", value: (e) => e.hash }],
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
