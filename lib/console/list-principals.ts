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
 * Selects the filtered, sorted principals with `limit`/`offset`, then adds key and finding
 * counts for those rows only (through indexed lookups by account), so the cost of the counts
 * does not grow with the organization.
 */
export async function selectPrincipalRows(options: { pool: pg.Pool; analysisId: number; query: TPrincipalListQuery; limit: number; offset: number }): Promise<TPrincipalRow[]> {
  const source = principalSource({ analysisId: options.analysisId, query: options.query });
  const params = [...source.params, options.limit, options.offset];
  const { rows } = await options.pool.query(
    `WITH p AS (${source.sql}),
     page AS (
       SELECT p.*, a.name AS account_name FROM p
       LEFT JOIN snapshot_record a ON a.scope = 'org' AND a.kind = 'org.account' AND a.valid_to IS NULL AND a.key = p.account_id
       ORDER BY ${principalOrderBy(options.query)} LIMIT $${params.length - 1} OFFSET $${params.length}
     ),
     accounts AS (SELECT DISTINCT account_id FROM page WHERE account_id IS NOT NULL),
     keys AS (
       SELECT k.scope || '/' || (k.data->>'userId') AS key, count(*)::int AS n FROM snapshot_record k
       WHERE k.valid_to IS NULL AND k.kind = 'iam.access-key' AND k.scope IN (SELECT account_id FROM accounts) GROUP BY 1
     ),
     findings AS (
       SELECT owner AS key, count(DISTINCT f.id)::int AS n
       FROM finding f CROSS JOIN LATERAL (VALUES (f.resource_key), (f.evidence->>'userKey')) o(owner)
       WHERE f.status = 'open' AND (f.account_id IN (SELECT account_id FROM accounts) OR f.account_id IS NULL) AND owner IS NOT NULL
       GROUP BY owner
     )
     SELECT p.key, p.kind, p.account_id AS "accountId", p.account_name AS "accountName", p.name, p.arn,
       p.admin_equivalent AS "adminEquivalent", p.granted_services AS "grantedServices", p.used_services AS "usedServices",
       p.last_used AS "lastUsed", coalesce(keys.n, 0) AS "keyCount", coalesce(findings.n, 0) AS "openFindings"
     FROM page p LEFT JOIN keys ON keys.key = p.key LEFT JOIN findings ON findings.key = p.key
     ORDER BY ${principalOrderBy(options.query).replace(/a\.name/g, "p.account_name")}`,
    params,
  );
  return rows as TPrincipalRow[];
}

/** How many principals match the filters. */
export async function countPrincipals(options: { pool: pg.Pool; analysisId: number; query: TPrincipalListQuery }): Promise<number> {
  const source = principalSource(options);
  const { rows } = await options.pool.query(`SELECT count(*)::int AS n FROM (${source.sql}) p`, source.params);
  return rows[0].n;
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
