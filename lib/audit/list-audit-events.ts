import "server-only";
import type pg from "pg";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { containsPattern } from "../console/search-params";
import { getDb } from "../db/client";
import type { TAuditListQuery } from "./audit-list-query";

export type TAuditEventRow = {
  id: number; at: Date; actorId: string; actorEmail: string | null; actorRoles: string[]; action: string;
  targetType: string | null; targetId: string | null; details: Record<string, unknown>; ip: string | null; userAgent: string | null;
};

export const AUDIT_COLUMNS = `id, at, actor_id AS "actorId", actor_email AS "actorEmail", coalesce(actor_roles, '{}') AS "actorRoles", action,
  target_type AS "targetType", target_id AS "targetId", details, ip, user_agent AS "userAgent"`;

/** WHERE clause and parameters for the filters (shared by the page and the CSV export). */
export function auditFilterSql(query: Omit<TAuditListQuery, "page" | "pageSize">): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => { params.push(value); clauses.push(sql(`$${params.length}`)); };
  if (query.action) add((p) => `action = ${p}`, query.action);
  if (query.actor) add((p) => `(actor_email ILIKE ${p} OR actor_id ILIKE ${p})`, containsPattern(query.actor));
  if (query.target) add((p) => `(coalesce(target_type, '') || ':' || coalesce(target_id, '')) ILIKE ${p}`, containsPattern(query.target));
  if (query.from) add((p) => `at >= ${p}::date`, query.from);
  if (query.to) add((p) => `at < ${p}::date + 1`, query.to);
  return { where: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

/** One page of the audit trail, newest first. */
export async function listAuditEvents(options: { user: TSessionUser; query: TAuditListQuery; pool?: pg.Pool }): Promise<{ rows: TAuditEventRow[]; total: number }> {
  assertCan(options.user, "audit.read");
  const pool = options.pool ?? getDb().pool;
  const { where, params } = auditFilterSql(options.query);
  const { page, pageSize } = options.query;
  const [rows, total] = await Promise.all([
    pool.query(`SELECT ${AUDIT_COLUMNS} FROM audit_event ${where} ORDER BY at DESC, id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params),
    pool.query(`SELECT count(*)::int AS n FROM audit_event ${where}`, params),
  ]);
  return { rows: rows.rows as TAuditEventRow[], total: total.rows[0].n };
}
