import type pg from "pg";
import type { TPartyNode } from "./trust-map-graph";
import type { TTrustMapQuery } from "./trust-map-query";

/** Resources of `to` (the owner account) that `from` (another account of the organization, an outside account or "*") may use. */
export type TResourceShareEdge = { from: string; to: string; resources: number; reach: string; fromAccount: boolean };

/**
 * Resource shares for the trust map, aggregated per (grantee, owner account) from the
 * grants in force (Block Public Access and ignored ACLs left out): other accounts of the
 * organization as account-to-account edges, outside accounts and "*" as party nodes.
 */
export async function findResourceShares(options: {
  pool: pg.Pool;
  analysisId: number;
  query: TTrustMapQuery;
  inScope: (accountId: string) => boolean;
  knownVendor: (accountId: string) => string | null;
}): Promise<{ edges: TResourceShareEdge[]; parties: TPartyNode[] }> {
  const { query } = options;
  // Party filters other than accounts and "*" have no resource shares to show.
  if (query.party && query.party !== "external-account" && query.party !== "any-principal") return { edges: [], parties: [] };
  const reaches = query.party === "any-principal" ? ["public"] : query.party === "external-account" ? ["outside-organization"]
    : query.external ? ["public", "outside-organization"] : ["public", "outside-organization", "organization"];
  const { rows } = await options.pool.query(
    `SELECT resource_account_id AS "to", CASE WHEN reach = 'public' THEN '*' ELSE account_id END AS grantee, reach, count(DISTINCT resource_arn)::int AS resources
     FROM resource_grant
     WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND blocked_by IS NULL AND reach = ANY($2::text[])
       AND (reach = 'public' OR (account_id IS NOT NULL AND account_id <> resource_account_id))
     GROUP BY 1, 2, 3 ORDER BY 1, 2`,
    [options.analysisId, reaches],
  );
  const parties = new Map<string, TPartyNode>();
  const edges: TResourceShareEdge[] = [];
  for (const row of rows as Array<{ to: string; grantee: string; reach: string; resources: number }>) {
    const fromAccount = row.reach === "organization";
    if (!options.inScope(row.to) && !(fromAccount && options.inScope(row.grantee))) continue;
    if (query.account && row.to !== query.account && row.grantee !== query.account) continue;
    let from = row.grantee;
    if (row.reach === "public") {
      from = "any-principal:*";
      parties.set(from, { id: from, kind: "any-principal", party: "*", label: "* (anyone)", knownVendor: null });
    } else if (!fromAccount) {
      const vendor = options.knownVendor(row.grantee);
      from = `external:${row.grantee}`;
      parties.set(from, { id: from, kind: "external-account", party: row.grantee, label: vendor ? `${vendor} (${row.grantee})` : row.grantee, knownVendor: vendor });
    }
    edges.push({ from, to: row.to, resources: row.resources, reach: row.reach, fromAccount });
  }
  return { edges, parties: [...parties.values()] };
}
