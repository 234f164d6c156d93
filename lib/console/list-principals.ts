import "server-only";
import type pg from "pg";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";
import { findLatestAnalysis } from "./find-latest-analysis";
import { principalOrderBy, principalSource } from "./list-principal-source";
import type { TPrincipalKind, TPrincipalListQuery } from "./principal-list-query";

export type TPrincipalRow = {
  key: string;
  kind: TPrincipalKind;
  accountId: string | null;
  accountName: string | null;
  name: string;
  arn: string | null;
  /** Null for IAM groups: the analysis evaluates users, roles and Identity Center users. */
  adminEquivalent: boolean | null;
  grantedServices: number | null;
  usedServices: number | null;
  lastUsed: Date | null;
  keyCount: number;
  openFindings: number;
};

export type TPrincipalList = { rows: TPrincipalRow[]; total: number; page: number; pageSize: number; analysisId: number | null };

/**
 * Selects the filtered, sorted principals with `limit`/`offset`, then adds account names and
 * key and finding counts for those rows only (indexed lookups by account and by owner key),
 * so the cost of a page does not grow with the organization: each branch of the source is
 * cut to its first limit + offset rows in the list's order (read in the order of an index),
 * the page from their union, and only the page's rows are joined; findings are looked up
 * per row by owner key (LATERAL: each probe uses the partial open-finding indexes).
 * Sorting by account name needs the name before the cut; that sort joins first.
 */
export async function selectPrincipalRows(options: { pool: pg.Pool; analysisId: number; query: TPrincipalListQuery; limit: number; offset: number }): Promise<TPrincipalRow[]> {
  const byAccount = options.query.sort === "account";
  // A text search is found through the trigram index and sorted after; cutting its branches
  // in index order would walk the name index testing every principal against the pattern.
  const cutBranches = !byAccount && !options.query.q;
  // The limit and offset go after the source's parameters: their numbers are known up front.
  const sourceParams = principalSource({ analysisId: options.analysisId, query: options.query }).params.length;
  const limit = `$${sourceParams + 1}`, offset = `$${sourceParams + 2}`;
  const source = principalSource({ analysisId: options.analysisId, query: options.query, eachBranchFirst: !cutBranches ? undefined : { limit: `${limit}::int + ${offset}::int` } });
  const params = [...source.params, options.limit, options.offset];
  const orderBy = principalOrderBy(options.query);
  const accountJoin = "LEFT JOIN snapshot_record a ON a.scope = 'org' AND a.kind = 'org.account' AND a.valid_to IS NULL AND a.key = p.account_id";
  const page = byAccount
    ? `SELECT p.*, a.name AS account_name FROM p ${accountJoin} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`
    : `SELECT p.*, a.name AS account_name FROM (SELECT p.* FROM p ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}) p ${accountJoin}`;
  const { rows } = await options.pool.query(
    `WITH p AS (${source.sql}),
     page AS MATERIALIZED (${page}),
     accounts AS (SELECT DISTINCT account_id FROM page WHERE account_id IS NOT NULL),
     keys AS (
       SELECT k.scope || '/' || (k.data->>'userId') AS key, count(*)::int AS n FROM snapshot_record k
       WHERE k.valid_to IS NULL AND k.kind = 'iam.access-key' AND k.scope IN (SELECT account_id FROM accounts) GROUP BY 1
     ),
     findings AS (
       SELECT page.key, count(DISTINCT o.id)::int AS n FROM page CROSS JOIN LATERAL (
         SELECT f.id FROM finding f WHERE f.status = 'open' AND f.resource_key = page.key
         UNION ALL
         SELECT f.id FROM finding f WHERE f.status = 'open' AND (f.evidence->>'userKey') = page.key OFFSET 0
       ) o GROUP BY page.key
     )
     SELECT p.key, p.kind, p.account_id AS "accountId", p.account_name AS "accountName", p.name, p.arn,
       p.admin_equivalent AS "adminEquivalent", p.granted_services AS "grantedServices", p.used_services AS "usedServices",
       p.last_used AS "lastUsed", coalesce(keys.n, 0) AS "keyCount", coalesce(findings.n, 0) AS "openFindings"
     FROM page p LEFT JOIN keys ON keys.key = p.key LEFT JOIN findings ON findings.key = p.key
     ORDER BY ${orderBy.replace(/a\.name/g, "p.account_name")}`,
    params,
  );
  return rows as TPrincipalRow[];
}

/**
 * How many principals match the filters. With no filters but account, kind and admin the
 * analysed principals are summed from the counts stored with the analysis
 * (storePrincipalListCounts) and only the IAM groups are counted; otherwise, or for an
 * analysis stored without counts, every matching row is counted.
 */
export async function countPrincipals(options: { pool: pg.Pool; analysisId: number; query: TPrincipalListQuery }): Promise<number> {
  const { query } = options;
  const precounted = !query.q && !query.unusedDays && !query.keys && !query.finding && !query.severity;
  if (precounted) {
    const stored = await countFromStoredCounts(options);
    if (stored !== null) return stored;
  }
  const source = principalSource(options);
  const { rows } = await options.pool.query(`SELECT count(*)::int AS n FROM (${source.sql}) p`, source.params);
  return rows[0].n;
}

async function countFromStoredCounts(options: { pool: pg.Pool; analysisId: number; query: TPrincipalListQuery }): Promise<number | null> {
  const { query } = options;
  const params: unknown[] = [options.analysisId];
  const conditions = ["analysis_id = $1"];
  if (query.account) conditions.push(`account_id = $${params.push(query.account)}`);
  if (query.kind) conditions.push(`kind = $${params.push(query.kind)}`);
  if (query.admin) conditions.push(query.admin === "yes" ? "admin_equivalent" : "NOT admin_equivalent");
  // Groups are not analysed: counted from the snapshot (a few per account) when the filters keep them.
  const groups = query.kind === "iam-group" || (query.kind === undefined && query.admin === undefined)
    ? principalSource({ analysisId: options.analysisId, query: { ...query, kind: "iam-group" } })
    : null;
  const { rows: [row] } = await options.pool.query(
    `SELECT EXISTS (SELECT 1 FROM principal_list_count WHERE analysis_id = $1) AS stored,
       (SELECT coalesce(sum(principals), 0)::int FROM principal_list_count WHERE ${conditions.join(" AND ")}) AS analysed`,
    params,
  );
  if (!row.stored) return null;
  if (!groups) return row.analysed;
  const { rows: [counted] } = await options.pool.query(`SELECT count(*)::int AS n FROM (${groups.sql}) p`, groups.params);
  return row.analysed + counted.n;
}

/** One page of the principal list: IAM users, roles, groups and Identity Center users across all accounts. */
export async function listPrincipals({ user, query }: { user: TSessionUser; query: TPrincipalListQuery }): Promise<TPrincipalList> {
  assertCan(user, "inventory.read");
  const { pool } = getDb();
  const analysis = await findLatestAnalysis({ pool });
  if (!analysis) return { rows: [], total: 0, page: query.page, pageSize: query.pageSize, analysisId: null };
  const [rows, total] = await Promise.all([
    selectPrincipalRows({ pool, analysisId: analysis.analysisId, query, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    countPrincipals({ pool, analysisId: analysis.analysisId, query }),
  ]);
  return { rows, total, page: query.page, pageSize: query.pageSize, analysisId: analysis.analysisId };
}
