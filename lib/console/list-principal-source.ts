import "server-only";
import { containsPattern } from "./search-params";
import type { TPrincipalListQuery } from "./principal-list-query";

/** A parameterised SQL fragment: `sql` refers to `params` as $1…$n. */
export type TSqlFragment = { sql: string; params: unknown[] };

// Sort keys map to columns of the `p` source below; the principal key breaks ties so pages
// never overlap or skip a row.
const SORT_COLUMNS: Record<TPrincipalListQuery["sort"], string> = {
  name: "p.name",
  account: "a.name",
  kind: "p.kind",
  lastUsed: "p.last_used",
  services: "p.granted_services",
};

/** ORDER BY for the list; "last used" ascending puts never-used principals first (the stalest). */
export function principalOrderBy(query: TPrincipalListQuery): string {
  const dir = query.dir === "desc" ? "DESC" : "ASC";
  const nulls = query.sort === "lastUsed" ? (dir === "ASC" ? " NULLS FIRST" : " NULLS LAST") : "";
  return `${SORT_COLUMNS[query.sort]} ${dir}${nulls}, p.key ${dir}`;
}

/**
 * The principals matching the list filters as one SQL source `p` (CTE body): principals of
 * one analysis (principal_access) plus IAM groups from the snapshot it analysed. Every filter is
 * applied inside each branch, so Postgres can use principal_access's indexes: (kind, name),
 * (account_id) and the trigram index on (name || ' ' || coalesce(arn, '')); each row holds for analyses [valid_from, valid_to).
 *
 * Groups carry no analysed access, so any filter on access, usage, keys or findings leaves them out.
 */
export function principalSource(options: {
  analysisId: number; query: TPrincipalListQuery;
  /**
   * Cut each branch to its first rows in the list's order (`limit`: SQL of the row count, e.g.
   * "$5 + $6"), so that a page reads each branch in index order instead of sorting the union
   * of both. Not for the account sort (it orders by a joined column).
   */
  eachBranchFirst?: { limit: string };
}): TSqlFragment {
  const { query } = options;
  const params: unknown[] = [options.analysisId];
  const param = (value: unknown) => `$${params.push(value)}`;
  const access: string[] = ["(pa.valid_from <= $1 AND (pa.valid_to IS NULL OR pa.valid_to > $1))"];
  // Groups as of the analysed collection run, so both branches describe the same snapshot.
  const groups: string[] = [
    "g.kind = 'iam.group'",
    "g.valid_from <= r.collection_run_id AND (g.valid_to IS NULL OR g.valid_to > r.collection_run_id)",
  ];

  if (query.q) {
    const pattern = param(containsPattern(query.q));
    // Identity Center users are found by email too; the InitPlan array keeps the trigram index usable.
    access.push(
      `((pa.name || ' ' || coalesce(pa.arn, '')) ILIKE ${pattern} OR pa.principal_key = ANY(ARRAY(
        SELECT 'sso/' || u.key FROM snapshot_record u
        WHERE u.scope = 'org' AND u.kind = 'sso.user' AND u.valid_to IS NULL AND (u.data->>'emails') ILIKE ${pattern})))`,
    );
    groups.push(`(g.name || ' ' || coalesce(g.arn, '')) ILIKE ${pattern}`);
  }
  if (query.account) {
    const account = param(query.account);
    access.push(`pa.account_id = ${account}`);
    groups.push(`g.scope = ${account}`);
  }
  if (query.kind && query.kind !== "iam-group") access.push(`pa.kind = ${param(query.kind)}`);
  if (query.admin) access.push(query.admin === "yes" ? "pa.admin_equivalent" : "NOT pa.admin_equivalent");
  if (query.unusedDays) {
    access.push(`pa.kind IN ('iam-user', 'iam-role') AND (pa.last_used IS NULL OR pa.last_used < now() - make_interval(days => ${param(query.unusedDays)}))`);
  }
  if (query.keys) {
    access.push(`pa.principal_key ${query.keys === "yes" ? "" : "NOT "}IN (
      SELECT k.scope || '/' || (k.data->>'userId') FROM snapshot_record k WHERE k.kind = 'iam.access-key' AND k.valid_to IS NULL)`);
  }
  if (query.finding || query.severity) {
    const conditions = ["f.status = 'open'"];
    if (query.finding && query.finding !== "any") conditions.push(`f.rule = ${param(query.finding)}`);
    if (query.severity) conditions.push(`f.severity = ${param(query.severity)}`);
    const where = conditions.join(" AND ");
    // A principal's findings include those on its access keys (their evidence names the user).
    access.push(`pa.principal_key IN (
      SELECT f.resource_key FROM finding f WHERE ${where}
      UNION SELECT f.evidence->>'userKey' FROM finding f WHERE ${where} AND f.evidence ? 'userKey')`);
  }
  const groupsExcluded = (query.kind !== undefined && query.kind !== "iam-group")
    || query.admin !== undefined || query.unusedDays !== undefined || query.keys === "yes" || query.finding !== undefined || query.severity !== undefined;
  const accessExcluded = query.kind === "iam-group";

  const branches: string[] = [];
  if (!accessExcluded) {
    branches.push(`SELECT pa.principal_key AS key, pa.kind, pa.account_id, pa.name, pa.arn, pa.admin_equivalent,
        pa.granted_services, pa.used_services, pa.last_used
      FROM principal_access pa WHERE ${access.join(" AND ")}`);
  }
  if (!groupsExcluded) {
    branches.push(`SELECT g.scope || '/' || g.key AS key, 'iam-group' AS kind, g.scope AS account_id, g.name, g.arn,
        NULL::boolean AS admin_equivalent, NULL::int AS granted_services, NULL::int AS used_services, NULL::timestamp AS last_used
      FROM snapshot_record g JOIN analysis_run r ON r.id = $1 WHERE ${groups.join(" AND ")}`);
  }
  if (branches.length === 0) branches.push("SELECT NULL::text AS key, NULL::text AS kind, NULL::text AS account_id, NULL::text AS name, NULL::text AS arn, NULL::boolean AS admin_equivalent, NULL::int AS granted_services, NULL::int AS used_services, NULL::timestamp AS last_used WHERE false");
  if (options.eachBranchFirst) {
    if (query.sort === "account") throw new Error("eachBranchFirst cannot order by account name");
    // In a branch's ORDER BY the bare names are its output columns (key, name, last_used, …).
    const order = principalOrderBy(query).replace(/\bp\./g, "");
    return { sql: branches.map((branch) => `(${branch}\n ORDER BY ${order} LIMIT ${options.eachBranchFirst!.limit})`).join("\nUNION ALL\n"), params };
  }
  return { sql: branches.join("\nUNION ALL\n"), params };
}
