import type pg from "pg";
import { findReachPaths, type TReachPathRow } from "../access/find-reach-paths";
import type { TAccessLevel, THop } from "../analysis/results";

/** How a party gets to the resource. */
export type TResourceRoute =
  /** Its own identity policies (or a role it reaches) in the owner account; the resource policy does not refuse. */
  | "identity-policy"
  /** The resource policy names it (or a role it reaches), or its account, whose identity policies then allow. */
  | "resource-policy"
  /** A party the analysis has no principals for: "*", another organization's account, a service. */
  | "named-party";

export type TResourceReachRow = {
  route: TResourceRoute;
  path: TReachPathRow | null;
  /** The granting statement (resource-policy and named-party routes). */
  statement: { policyId: string; index: number; sid: string | null } | null;
  party: { principal: string; partyKind: string; reach: string; vendor: string | null; conditionKeys: string[] } | null;
};

export type TResourceReach = {
  level: TAccessLevel;
  rows: TResourceReachRow[];
  /** Paths counted, beyond the rows returned. */
  totalPaths: number;
  /** Why identity policies alone do not count here (KMS key policy without delegation, a Deny "*"). */
  identityBlocked: string | null;
  names: Map<string, { name: string; accountId: string | null }>;
};

type TGrantRow = {
  principal: string; partyKind: string; accountId: string | null; scope: string; reach: string; vendor: string | null;
  statement: { policyId: string; index: number; sid: string | null }; conditionKeys: string[];
};

/**
 * Who can reach one resource at one access level, over the materialised analysis: the
 * owner's principals whose identity policies grant the level (and everyone reaching them
 * through roles or Identity Center), the principals and accounts the resource policy names
 * (cross-account: only where the grantee's identity policies allow too, as AWS requires),
 * and the outside parties the policy names. Null when the resource is not in the analysis.
 */
export async function findResourceReach(options: { pool: pg.Pool; analysisId: number; arn: string; level: TAccessLevel; limit: number }): Promise<TResourceReach | null> {
  const { pool, analysisId, level, limit } = options;
  const { rows: [resource] } = await pool.query(
    `SELECT account_id AS "accountId", service, type, identity_access AS "identityAccess", denied_levels AS "deniedLevels"
     FROM resource_exposure WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND arn = $2`,
    [analysisId, options.arn],
  );
  if (!resource) return null;
  const { rows: grants } = await pool.query<TGrantRow>(
    `SELECT principal, party_kind AS "partyKind", account_id AS "accountId", scope, reach, vendor, statement, condition_keys AS "conditionKeys"
     FROM resource_grant WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND resource_arn = $2 AND blocked_by IS NULL AND $3 = ANY(levels) ORDER BY id`,
    [analysisId, options.arn, level],
  );
  const rows: TResourceReachRow[] = [];
  const names = new Map<string, { name: string; accountId: string | null }>();
  let totalPaths = 0;
  const addPaths = (found: Awaited<ReturnType<typeof findReachPaths>>, route: TResourceRoute, grant: TGrantRow | null) => {
    totalPaths += found.total;
    for (const [key, value] of found.names) names.set(key, value);
    for (const path of found.rows) if (rows.length < limit) rows.push({ route, path, statement: grant?.statement ?? null, party: null });
  };
  const identityBlocked = !resource.identityAccess
    ? "the key policy does not delegate to the account: identity policies alone grant nothing"
    : (resource.deniedLevels as string[]).includes(level) ? `the resource policy denies ${level} to everyone` : null;
  if (!identityBlocked) {
    addPaths(await findReachPaths({ pool, analysisId, accountIds: [resource.accountId], service: resource.service, levels: [level], limit }), "identity-policy", null);
  }
  const named = await findNamedPrincipals({ pool, analysisId, arns: grants.filter((grant) => grant.scope === "principal" && grant.partyKind !== "external-account").map((grant) => grant.principal) });
  for (const grant of grants) {
    const inOrg = grant.partyKind === "same-account" || grant.partyKind === "org-account";
    if (inOrg && grant.scope === "account" && grant.accountId && grant.accountId !== resource.accountId) {
      addPaths(await findReachPaths({ pool, analysisId, accountIds: [grant.accountId], service: resource.service, levels: [level], limit }), "resource-policy", grant);
      continue;
    }
    const principal = inOrg && grant.scope === "principal" ? named.get(grant.principal) : undefined;
    if (principal) {
      // Across accounts the named principal's own policies must allow as well.
      const crossAccount = principal.accountId !== resource.accountId;
      if (crossAccount && !principal.services[level].includes(resource.service)) continue;
      const reachers = await findReachersOf({ pool, analysisId, key: principal.key, limit });
      totalPaths += reachers.total;
      for (const path of reachers.rows) if (rows.length < limit) rows.push({ route: "resource-policy", path, statement: grant.statement, party: null });
      continue;
    }
    if (inOrg && grant.scope === "account") continue;
    rows.push({ route: "named-party", path: null, statement: grant.statement, party: { principal: grant.principal, partyKind: grant.partyKind, reach: grant.reach, vendor: grant.vendor, conditionKeys: grant.conditionKeys } });
    totalPaths++;
  }
  return { level, rows, totalPaths, identityBlocked, names };
}

const LEVEL_COLUMNS = "list_services, read_services, write_services, permissions_services, tagging_services";

async function findNamedPrincipals(options: { pool: pg.Pool; analysisId: number; arns: string[] }) {
  const found = new Map<string, { key: string; name: string; kind: string; accountId: string | null; services: Record<TAccessLevel, string[]> }>();
  if (options.arns.length === 0) return found;
  const { rows } = await options.pool.query(
    `SELECT principal_key AS key, name, kind, account_id AS "accountId", arn, ${LEVEL_COLUMNS} FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND arn = ANY($2::text[])`,
    [options.analysisId, options.arns],
  );
  for (const row of rows) {
    found.set(row.arn, {
      key: row.key, name: row.name, kind: row.kind, accountId: row.accountId,
      services: { List: row.list_services, Read: row.read_services, Write: row.write_services, "Permissions management": row.permissions_services, Tagging: row.tagging_services },
    });
  }
  return found;
}

// The named principal itself and everyone who can act as it (role chains, Identity Center).
async function findReachersOf(options: { pool: pg.Pool; analysisId: number; key: string; limit: number }): Promise<{ rows: TReachPathRow[]; total: number }> {
  const { rows } = await options.pool.query(
    `WITH paths AS (
       SELECT p.principal_key AS source_key, 0 AS hop_count, false AS conditional, '[]'::jsonb AS hops FROM principal_access p WHERE (p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to > $1)) AND p.principal_key = $2
       UNION ALL
       SELECT r.source_key, r.hop_count, r.conditional, r.hops FROM principal_reach r WHERE (r.valid_from <= $1 AND (r.valid_to IS NULL OR r.valid_to > $1)) AND r.target_key = $2
     )
     SELECT s.principal_key AS "principalKey", s.kind, s.name, s.account_id AS "accountId", t.name AS "actingName", t.account_id AS "targetAccountId",
            paths.hops, paths.conditional, t.admin_equivalent AS "adminEquivalent", paths.hop_count, (SELECT count(*) FROM paths)::int AS total
     FROM paths JOIN principal_access s ON (s.valid_from <= $1 AND (s.valid_to IS NULL OR s.valid_to > $1)) AND s.principal_key = paths.source_key
     JOIN principal_access t ON (t.valid_from <= $1 AND (t.valid_to IS NULL OR t.valid_to > $1)) AND t.principal_key = $2
     ORDER BY paths.hop_count, s.name LIMIT $3`,
    [options.analysisId, options.key, options.limit],
  );
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((row) => ({
      principalKey: row.principalKey, kind: row.kind, name: row.name, accountId: row.accountId,
      route: row.hop_count === 0 ? "direct" : (row.hops as THop[]).some((hop) => hop.via === "sso-assignment") ? "via-sso-assignment" : "via-role", actingKey: options.key, actingName: row.actingName, targetAccountId: row.targetAccountId,
      hops: row.hops, grant: "allowed", conditional: row.conditional, adminEquivalent: row.adminEquivalent,
    })) as TReachPathRow[],
  };
}
