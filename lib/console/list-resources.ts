import "server-only";
import type pg from "pg";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";
import { findLatestAnalysis } from "./find-latest-analysis";
import type { TResourceListQuery } from "./resource-list-query";
import { containsPattern } from "./search-params";

export type TResourceRow = {
  arn: string;
  type: string;
  accountId: string;
  accountName: string | null;
  region: string;
  name: string;
  exposure: string;
  policyPublic: boolean;
  externalAccounts: string[];
  orgAccounts: string[];
  grantCount: number;
  principalsByLevel: Record<string, number>;
};

export type TResourceList = { rows: TResourceRow[]; total: number; page: number; pageSize: number; analysisId: number | null };

const ORDER: Record<TResourceListQuery["sort"], string> = {
  name: "r.name",
  type: "r.type",
  account: "r.account_id",
  // Widest exposure first when ascending: that is the order a reviewer works in.
  exposure: "array_position(ARRAY['public','outside-organization','organization','account'], r.exposure)",
};

function resourceFilter(options: { analysisId: number; query: TResourceListQuery }): { where: string; params: unknown[] } {
  const { query } = options;
  const params: unknown[] = [options.analysisId];
  const clauses = ["(r.valid_from <= $1 AND (r.valid_to IS NULL OR r.valid_to > $1))"];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace("?", `$${params.length}`));
  };
  if (query.type) add("r.type = ?", query.type);
  if (query.account) add("r.account_id = ?", query.account);
  if (query.region) add("r.region = ?", query.region);
  if (query.exposure) add("r.exposure = ?", query.exposure);
  if (query.q) {
    params.push(containsPattern(query.q));
    // The expression resource_exposure_search_idx (trigram) indexes.
    clauses.push(`(r.name || ' ' || r.arn) ILIKE $${params.length}`);
  }
  return { where: clauses.join(" AND "), params };
}

/** One page of resources (or up to `limit` for an export), filtered and sorted in SQL. */
export async function selectResourceRows(options: { pool: pg.Pool; analysisId: number; query: TResourceListQuery; limit: number; offset: number }): Promise<TResourceRow[]> {
  const { where, params } = resourceFilter(options);
  const direction = options.query.dir === "desc" ? "DESC" : "ASC";
  params.push(options.limit, options.offset);
  const { rows } = await options.pool.query(
    `WITH page AS (
       SELECT r.arn, r.type, r.account_id, r.region, r.name, r.exposure, r.policy_public, r.external_accounts, r.org_accounts, r.grant_count, r.principals_by_level
       FROM resource_exposure r WHERE ${where}
       ORDER BY ${ORDER[options.query.sort]} ${direction}, r.name, r.arn LIMIT $${params.length - 1} OFFSET $${params.length}
     )
     SELECT p.arn, p.type, p.account_id AS "accountId", a.name AS "accountName", p.region, p.name, p.exposure, p.policy_public AS "policyPublic",
            p.external_accounts AS "externalAccounts", p.org_accounts AS "orgAccounts", p.grant_count AS "grantCount", p.principals_by_level AS "principalsByLevel"
     FROM page p
     LEFT JOIN snapshot_record a ON a.scope = 'org' AND a.kind = 'org.account' AND a.valid_to IS NULL AND a.key = p.account_id
     ORDER BY ${ORDER[options.query.sort].replace(/r\./g, "p.")} ${direction}, p.name, p.arn`,
    params,
  );
  return rows as TResourceRow[];
}

export async function countResources(options: { pool: pg.Pool; analysisId: number; query: TResourceListQuery }): Promise<number> {
  const { where, params } = resourceFilter(options);
  const { rows } = await options.pool.query(`SELECT count(*)::int AS n FROM resource_exposure r WHERE ${where}`, params);
  return rows[0].n;
}

/** One page of the resource list: every analysed data resource of every account and region. */
export async function listResources({ user, query }: { user: TSessionUser; query: TResourceListQuery }): Promise<TResourceList> {
  assertCan(user, "inventory.read");
  const { pool } = getDb();
  const analysis = await findLatestAnalysis({ pool });
  if (!analysis) return { rows: [], total: 0, page: query.page, pageSize: query.pageSize, analysisId: null };
  return listResourcesAt({ pool, analysisId: analysis.analysisId, query });
}

export async function listResourcesAt(options: { pool: pg.Pool; analysisId: number; query: TResourceListQuery }): Promise<TResourceList> {
  const { pool, analysisId, query } = options;
  const [rows, total] = await Promise.all([
    selectResourceRows({ pool, analysisId, query, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    countResources({ pool, analysisId, query }),
  ]);
  return { rows, total, page: query.page, pageSize: query.pageSize, analysisId };
}

/** The regions present in the analysis, for the filter. */
export async function listResourceRegions(options: { user: TSessionUser }): Promise<string[]> {
  assertCan(options.user, "inventory.read");
  const { pool } = getDb();
  const analysis = await findLatestAnalysis({ pool });
  if (!analysis) return [];
  // A loose index scan would need the region in an index; the distinct
  // regions of an analysis are few, so a recursive skip is not worth it at this size.
  const { rows } = await pool.query("SELECT DISTINCT region FROM resource_exposure WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) ORDER BY region", [analysis.analysisId]);
  return rows.map((row) => row.region as string);
}
