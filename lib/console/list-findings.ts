import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assignedEvidenceScope } from "../reviews/assigned-evidence";
import type { TFindingListQuery } from "./finding-list-query";
import { findLatestAnalysis } from "./find-latest-analysis";
import { FINDING_PRINCIPAL_SQL, findingFilter, findingOrderBy } from "./list-finding-filter";

export type TFindingRow = {
  id: number; rule: string; title: string; severity: string; cisControl: string | null;
  accountId: string | null; accountName: string | null; resourceKey: string; resourceName: string;
  /** The principal the finding is about (a link target), when there is one. */
  principalKey: string | null;
  evidence: Record<string, unknown>;
  firstSeenRun: number; firstSeenAt: Date; lastSeenRun: number; lastSeenAt: Date;
  status: "open" | "accepted" | "resolved";
  acceptedReason: string | null; acceptedUntil: Date | null; acceptedBy: string | null;
  /** Services the principal's permissions grant and those Access Advisor saw used (latest analysis). */
  grantedServices: number | null; usedServices: number | null;
};

export type TFindingList = { rows: TFindingRow[]; total: number; page: number; pageSize: number };

/** Upper bound for an export: the whole filtered list, not one page, within reason. */
export const FINDING_EXPORT_LIMIT = 50_000;

/**
 * The findings list (or the unused-access list: `unusedOnly`), filtered, sorted and
 * paged in SQL. `all: true` returns every matching row (exports).
 */
export async function listFindings(options: { user: TSessionUser; query: TFindingListQuery; unusedOnly?: boolean; all?: boolean }): Promise<TFindingList> {
  // Reviewers: only the findings about principals of their own review items.
  const assignedTo = assignedEvidenceScope(options.user, "findings.read");
  const { pool } = getDb();
  const { query } = options;
  const analysis = await findLatestAnalysis({ pool });
  const filter = findingFilter({ query, unusedOnly: options.unusedOnly, firstParam: 2, assignedTo });
  const limit = options.all ? FINDING_EXPORT_LIMIT : query.pageSize;
  const offset = options.all ? 0 : (query.page - 1) * query.pageSize;
  const params = [analysis?.analysisId ?? 0, ...filter.params];
  const { rows } = await pool.query(
    `SELECT f.id, f.rule, f.title, f.severity, f.cis_control AS "cisControl", f.account_id AS "accountId", a.name AS "accountName",
       f.resource_key AS "resourceKey", f.resource_name AS "resourceName", ${FINDING_PRINCIPAL_SQL} AS "principalKey", f.evidence,
       f.first_seen_run AS "firstSeenRun", f.first_seen_at AS "firstSeenAt", f.last_seen_run AS "lastSeenRun", f.last_seen_at AS "lastSeenAt",
       f.status, f.accepted_reason AS "acceptedReason", f.accepted_until AS "acceptedUntil", f.accepted_by AS "acceptedBy",
       pa.granted_services AS "grantedServices", pa.used_services AS "usedServices", count(*) OVER ()::int AS total
     FROM finding f
     LEFT JOIN snapshot_record a ON a.valid_to IS NULL AND a.scope = 'org' AND a.kind = 'org.account' AND a.key = f.account_id
     LEFT JOIN principal_access pa ON (pa.valid_from <= $1 AND (pa.valid_to IS NULL OR pa.valid_to > $1)) AND pa.principal_key = ${FINDING_PRINCIPAL_SQL}
     WHERE ${filter.where}
     ORDER BY ${findingOrderBy(query)}
     LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  const total = rows[0]?.total ?? (offset > 0 ? await countFindings({ query, unusedOnly: options.unusedOnly, assignedTo }) : 0);
  return { rows: rows.map(({ total: _total, ...row }) => row as TFindingRow), total, page: query.page, pageSize: query.pageSize };
}

// A page past the end returns no rows and so no window count: count separately.
async function countFindings(options: { query: TFindingListQuery; unusedOnly?: boolean; assignedTo: string | null }): Promise<number> {
  const { pool } = getDb();
  const filter = findingFilter({ query: options.query, unusedOnly: options.unusedOnly, assignedTo: options.assignedTo });
  const { rows } = await pool.query(`SELECT count(*)::int AS n FROM finding f WHERE ${filter.where}`, filter.params);
  return rows[0].n;
}
