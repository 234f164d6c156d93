import type pg from "pg";
import type { TAccessLevel, THop } from "../analysis/results";
import { grantForAction, strongerGrant, type TActionGrant, type TGrant } from "../analysis/access/build-access-index";

const COLUMN: Record<TAccessLevel, string> = {
  List: "list_services", Read: "read_services", Write: "write_services",
  "Permissions management": "permissions_services", Tagging: "tagging_services",
};

export type TReachRoute = "direct" | "via-role" | "via-sso-assignment";

export type TReachPathRow = {
  principalKey: string;
  kind: string;
  name: string;
  accountId: string | null;
  route: TReachRoute;
  /** The identity whose policies qualify: the principal itself or the role it reaches (null: role not collected). */
  actingKey: string | null;
  actingName: string | null;
  targetAccountId: string;
  hops: THop[];
  /** How the acting identity holds the access: "unknown" for an assignment whose role was not collected. */
  grant: TActionGrant | "unknown";
  /** A hop needs a condition (ExternalId, MFA, …) or the access itself is only conditional. */
  conditional: boolean;
  adminEquivalent: boolean;
};

export type TFindReachPathsOptions = {
  pool: pg.Pool;
  analysisId: number;
  accountIds: string[];
  service: string;
  levels: TAccessLevel[];
  limit: number;
  /** One action of `service` at the single level in `levels`: grants are judged for that action. */
  action?: boolean;
};

/**
 * Every path into the given accounts ending at an identity that holds at least one of
 * `levels` on `service`, from the materialised analysis: the qualifying identities
 * themselves, everyone reaching one of them (assume-role chains, Identity Center
 * assignments), and assignments whose role was not collected (cannot be ruled out).
 * Sorted by principal name; `total` counts all paths, `rows` holds the first `limit`.
 */
export async function findReachPaths(options: TFindReachPathsOptions): Promise<{ rows: TReachPathRow[]; total: number; names: Map<string, { name: string; accountId: string | null }> }> {
  const { pool, analysisId, accountIds, service, levels } = options;
  if (levels.length === 0 || accountIds.length === 0) return { rows: [], total: 0, names: new Map() };
  const qualifies = levels.map((level) => `${COLUMN[level]} @> ARRAY[$3]::text[]`).join(" OR ");
  // The reach joins are LATERAL with OFFSET 0 so that each qualifying identity probes the
  // covering (target_key) index instead of the planner hashing every path of
  // the analysis, and the source of each path through a role or assignment is looked up by
  // key instead of hashing every principal of the organization (a direct path's source is
  // the qualifying identity itself); hops (the wide column) are read only for the rows of the page.
  const { rows } = await pool.query(
    `WITH qualifying AS MATERIALIZED (
       SELECT principal_key, kind, name, account_id, admin_equivalent FROM principal_access
       WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND account_id = ANY($2::text[]) AND (${qualifies})
     ), paths AS MATERIALIZED (
       SELECT q.principal_key AS source_key, 0 AS route_order, q.principal_key AS acting_key, q.name AS acting_name,
              q.account_id AS target_account_id, NULL::bigint AS reach_id, 0 AS hop_count, false AS conditional, q.admin_equivalent,
              q.kind AS source_kind, q.name AS source_name, q.account_id AS source_account_id
       FROM qualifying q
       UNION ALL
       SELECT r.source_key, 1, q.principal_key, q.name, r.target_account_id, r.id, r.hop_count, r.conditional, q.admin_equivalent, NULL, NULL, NULL
       FROM qualifying q CROSS JOIN LATERAL (
         SELECT source_key, target_account_id, id, hop_count, conditional FROM principal_reach
         WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND target_key = q.principal_key OFFSET 0) r
       UNION ALL
       SELECT r.source_key, 2, NULL, NULL, r.target_account_id, r.id, r.hop_count, r.conditional, false, NULL, NULL, NULL
       FROM unnest($2::text[]) AS a(id) CROSS JOIN LATERAL (
         SELECT source_key, target_account_id, id, hop_count, conditional FROM principal_reach
         WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND target_key = a.id AND target_account_id = a.id OFFSET 0) r
     ), page AS (
       SELECT p.source_key AS principal_key, coalesce(p.source_kind, s.kind) AS kind, coalesce(p.source_name, s.name) AS name,
              CASE WHEN p.route_order = 0 THEN p.source_account_id ELSE s.account_id END AS account_id,
              p.route_order, p.acting_key, p.acting_name, p.target_account_id, p.reach_id, p.hop_count, p.conditional, p.admin_equivalent
       FROM paths p LEFT JOIN LATERAL (
         SELECT kind, name, account_id FROM principal_access
         WHERE p.route_order > 0 AND (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND principal_key = p.source_key OFFSET 0) s ON true
       WHERE p.route_order = 0 OR s.name IS NOT NULL
       ORDER BY 3, 1, p.route_order, p.hop_count, p.acting_name
       LIMIT $4
     )
     SELECT page.principal_key AS "principalKey", page.kind, page.name, page.account_id AS "accountId",
            (ARRAY['direct', 'via-role', 'via-sso-assignment'])[page.route_order + 1] AS route,
            page.acting_key AS "actingKey", page.acting_name AS "actingName", page.target_account_id AS "targetAccountId",
            coalesce(r.hops, '[]'::jsonb) AS hops, page.conditional, page.admin_equivalent AS "adminEquivalent",
            (SELECT count(*) FROM paths)::int AS total
     FROM page LEFT JOIN principal_reach r ON r.id = page.reach_id
     ORDER BY page.name, page.principal_key, page.route_order, page.hop_count, page.acting_name`,
    [analysisId, accountIds, service, options.limit],
  );
  const actingKeys = [...new Set(rows.map((row) => row.actingKey).filter((key): key is string => key !== null))];
  const [grants, names] = await Promise.all([
    findGrants({ pool, analysisId, principalKeys: actingKeys, service, levels, action: options.action ?? false }),
    findNames({ pool, analysisId, hops: rows.flatMap((row) => row.hops as THop[]) }),
  ]);
  return {
    total: rows[0]?.total ?? 0,
    names,
    rows: rows.map(({ total: _total, ...row }) => {
      const grant: TActionGrant | "unknown" = row.actingKey ? grants.get(row.actingKey) ?? "allowed" : "unknown";
      return { ...row, grant, conditional: row.conditional || grant === "conditional" } as TReachPathRow;
    }),
  };
}

// The service arrays only say "at least one action in some form"; the summary's per-level
// counts tell whether any of them is allowed outright, only on some resources, or only
// under conditions. Read only for the identities on the page (summaries are large).
async function findGrants(options: { pool: pg.Pool; analysisId: number; principalKeys: string[]; service: string; levels: TAccessLevel[]; action: boolean }): Promise<Map<string, TActionGrant>> {
  const grants = new Map<string, TActionGrant>();
  if (options.principalKeys.length === 0) return grants;
  // jsonb_path_query_first stops at the matching service: about 3x faster than expanding
  // every service of a large summary into rows. Each summary is looked up by its hash
  // (LATERAL, OFFSET 0) rather than hashing every summary of the organization.
  const { rows } = await options.pool.query(
    `SELECT pa.principal_key AS key, s.levels
     FROM principal_access pa CROSS JOIN LATERAL (
       SELECT jsonb_path_query_first(summary, '$.services[*] ? (@.service == $s).levels', jsonb_build_object('s', $3::text)) AS levels
       FROM access_summary WHERE hash = pa.summary_hash OFFSET 0) s
     WHERE (pa.valid_from <= $1 AND (pa.valid_to IS NULL OR pa.valid_to > $1)) AND pa.principal_key = ANY($2::text[])`,
    [options.analysisId, options.principalKeys, options.service],
  );
  for (const row of rows) {
    if (options.action) {
      const grant = grantForAction(row.levels?.[options.levels[0]]);
      if (grant) grants.set(row.key, grant);
      continue;
    }
    let grant: TGrant | undefined;
    for (const level of options.levels) {
      const counts = row.levels?.[level];
      if (!counts) continue;
      const found: TGrant | null = counts.allowed > 0 ? "allowed" : counts.partial > 0 ? "partial" : counts.conditional > 0 ? "conditional" : null;
      if (found) grant = strongerGrant(grant, found);
    }
    if (grant) grants.set(row.key, grant);
  }
  return grants;
}

// Names of the roles along the hops, so a path reads "user → role → role".
async function findNames(options: { pool: pg.Pool; analysisId: number; hops: THop[] }): Promise<Map<string, { name: string; accountId: string | null }>> {
  const keys = [...new Set(options.hops.flatMap((hop) => [hop.from, hop.to]).filter((key) => key.includes("/")))];
  if (keys.length === 0) return new Map();
  const { rows } = await options.pool.query(
    `SELECT principal_key AS key, name, account_id AS "accountId" FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND principal_key = ANY($2::text[])`,
    [options.analysisId, keys],
  );
  return new Map(rows.map((row) => [row.key as string, { name: row.name as string, accountId: row.accountId as string | null }]));
}
