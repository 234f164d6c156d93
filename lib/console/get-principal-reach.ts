import "server-only";
import type pg from "pg";

export type TReachHop = { from: string; fromName: string; to: string; toName: string; via: string; conditional: boolean; throughGroup: string | null; permissionSetName: string | null };
export type TReachRow = { key: string; name: string; accountId: string | null; hopCount: number; conditional: boolean; hops: TReachHop[] };
export type TExternalParty = { partyKind: string; party: string; conditionKeys: string[]; knownVendor: string | null };
/** assumableBy: principals of the organization; externalParties: everyone outside it the trust policy admits. */
export type TPrincipalReach = { assumableBy: TReachRow[]; canAssume: TReachRow[]; externalParties: TExternalParty[] };

export type TPrincipalFinding = { id: number; rule: string; title: string; severity: string; status: string; resourceKey: string; resourceName: string; firstSeenAt: Date; lastSeenAt: Date };

type TRawHop = { from: string; to: string; via: string; conditional?: boolean; throughGroup?: string; permissionSetName?: string };

/** Who can reach this principal (with the path) and what it can reach, from the analysis. */
export async function getPrincipalReach(options: { pool: pg.Pool; analysisId: number; key: string }): Promise<TPrincipalReach> {
  const [inbound, outbound] = await Promise.all(["target_key", "source_key"].map((column) =>
    options.pool.query(
      `SELECT source_key AS source, target_key AS target, hop_count AS "hopCount", conditional, hops FROM principal_reach
       WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND ${column} = $2 ORDER BY hop_count, source_key, target_key LIMIT 2000`,
      [options.analysisId, options.key],
    )));
  const external = await options.pool.query(
    `SELECT party_kind AS "partyKind", party, condition_keys AS "conditionKeys", known_vendor AS "knownVendor" FROM external_trust
     WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND role_key = $2 ORDER BY party_kind, party`,
    [options.analysisId, options.key],
  );
  const keys = new Set<string>();
  for (const row of [...inbound.rows, ...outbound.rows]) for (const hop of row.hops as TRawHop[]) { keys.add(hop.from); keys.add(hop.to); }
  const { rows: named } = await options.pool.query(
    "SELECT principal_key AS key, name, account_id AS \"accountId\" FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND principal_key = ANY($2)",
    [options.analysisId, [...keys]],
  );
  const byKey = new Map(named.map((r) => [r.key as string, r as { name: string; accountId: string | null }]));
  const toRow = (key: string, row: { hopCount: number; conditional: boolean; hops: TRawHop[] }): TReachRow => ({
    key, name: byKey.get(key)?.name ?? key, accountId: byKey.get(key)?.accountId ?? null, hopCount: row.hopCount, conditional: row.conditional,
    hops: row.hops.map((h) => ({
      from: h.from, fromName: byKey.get(h.from)?.name ?? h.from, to: h.to, toName: byKey.get(h.to)?.name ?? h.to, via: h.via,
      conditional: Boolean(h.conditional), throughGroup: h.throughGroup ?? null, permissionSetName: h.permissionSetName ?? null,
    })),
  });
  return { assumableBy: inbound.rows.map((r) => toRow(r.source, r)), canAssume: outbound.rows.map((r) => toRow(r.target, r)), externalParties: external.rows };
}

/** Findings on the principal or on its access keys (whose evidence names the user), open first. */
export async function getPrincipalFindings(options: { pool: pg.Pool; key: string; accountId: string | null }): Promise<TPrincipalFinding[]> {
  const { rows } = await options.pool.query(
    `SELECT id, rule, title, severity, status, resource_key AS "resourceKey", resource_name AS "resourceName",
       first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt"
     FROM finding WHERE (account_id = $2 OR account_id IS NULL) AND (resource_key = $1 OR evidence->>'userKey' = $1)
     ORDER BY status = 'open' DESC, array_position(ARRAY['critical', 'high', 'medium', 'low', 'info'], severity), rule`,
    [options.key, options.accountId],
  );
  return rows;
}
