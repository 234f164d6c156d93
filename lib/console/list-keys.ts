import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";
import type { TKeyListQuery } from "./key-list-query";
import { containsPattern } from "./search-params";

export type TKeyRow = {
  accessKeyId: string; accountId: string; accountName: string | null; userName: string; userKey: string; userArn: string | null;
  status: string; createDate: Date | null; ageDays: number | null; lastUsedDate: Date | null; lastUsedService: string | null;
  findings: Array<{ id: number; rule: string; severity: string }>;
};
export type TKeyList = { rows: TKeyRow[]; total: number; page: number; pageSize: number };

export const KEY_EXPORT_LIMIT = 50_000;

// Whole days since creation, computed exactly as the overview's key-age histogram does, so
// a bucket's link lists the keys it counted.
const AGE_DAYS = `floor(extract(epoch FROM now() - (k.data->>'createDate')::timestamptz) / 86400)::int`;
const DAYS_SINCE_USE = `floor(extract(epoch FROM now() - (k.data->>'lastUsedDate')::timestamptz) / 86400)::int`;

const SORT_COLUMNS: Record<TKeyListQuery["sort"], string> = {
  age: AGE_DAYS,
  lastUsed: "(k.data->>'lastUsedDate')::timestamptz",
  user: "k.data->>'userName'",
  account: "coalesce(a.name, k.scope)",
};

function keyFilter(query: TKeyListQuery): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const clauses = ["k.valid_to IS NULL", "k.kind = 'iam.access-key'"];
  if (query.account) clauses.push(`k.scope = ${param(query.account)}`);
  if (query.status) clauses.push(`k.data->>'status' = ${param(query.status)}`);
  if (query.minAge !== undefined) clauses.push(`${AGE_DAYS} >= ${param(query.minAge)}`);
  if (query.maxAge !== undefined) clauses.push(`${AGE_DAYS} < ${param(query.maxAge)}`);
  if (query.unusedDays !== undefined) clauses.push(`(k.data->>'lastUsedDate' IS NULL OR ${DAYS_SINCE_USE} >= ${param(query.unusedDays)})`);
  if (query.q) {
    const pattern = param(containsPattern(query.q));
    clauses.push(`(k.key ILIKE ${pattern} OR k.data->>'userName' ILIKE ${pattern} OR k.data->>'userArn' ILIKE ${pattern})`);
  }
  return { where: clauses.join(" AND "), params };
}

/** Access keys of the current snapshot with their open findings; `all: true` for exports. */
export async function listKeys(options: { user: TSessionUser; query: TKeyListQuery; all?: boolean }): Promise<TKeyList> {
  assertCan(options.user, "inventory.read");
  const { pool } = getDb();
  const { query } = options;
  const filter = keyFilter(query);
  const dir = query.dir === "desc" ? "DESC" : "ASC";
  // Never-used keys are the stalest: first when sorting by last use ascending.
  const nulls = query.sort === "lastUsed" ? (dir === "ASC" ? "NULLS FIRST" : "NULLS LAST") : "NULLS LAST";
  const limit = options.all ? KEY_EXPORT_LIMIT : query.pageSize;
  const offset = options.all ? 0 : (query.page - 1) * query.pageSize;
  const { rows } = await pool.query(
    `SELECT k.key AS "accessKeyId", k.scope AS "accountId", a.name AS "accountName", k.data->>'userName' AS "userName",
       k.scope || '/' || (k.data->>'userId') AS "userKey", k.data->>'userArn' AS "userArn", k.data->>'status' AS status,
       (k.data->>'createDate')::timestamptz AS "createDate", ${AGE_DAYS} AS "ageDays",
       (k.data->>'lastUsedDate')::timestamptz AS "lastUsedDate", k.data->>'lastUsedService' AS "lastUsedService",
       coalesce((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'rule', f.rule, 'severity', f.severity) ORDER BY f.id)
                 FROM finding f WHERE f.resource_key = k.key AND f.status = 'open'), '[]') AS findings,
       count(*) OVER ()::int AS total
     FROM snapshot_record k
     LEFT JOIN snapshot_record a ON a.valid_to IS NULL AND a.scope = 'org' AND a.kind = 'org.account' AND a.key = k.scope
     WHERE ${filter.where}
     ORDER BY ${SORT_COLUMNS[query.sort]} ${dir} ${nulls}, k.key ${dir}
     LIMIT ${limit} OFFSET ${offset}`,
    filter.params,
  );
  let total: number = rows[0]?.total ?? 0;
  if (rows.length === 0 && offset > 0) {
    const counted = await pool.query(`SELECT count(*)::int AS n FROM snapshot_record k WHERE ${filter.where}`, filter.params);
    total = counted.rows[0].n;
  }
  return { rows: rows.map(({ total: _total, ...row }) => row as TKeyRow), total, page: query.page, pageSize: query.pageSize };
}
