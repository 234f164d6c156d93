import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";
import { ConsoleError } from "./console-error";
import { findLatestAnalysis, type TLatestAnalysis } from "./find-latest-analysis";
import { listAccounts, type TAccountOption, type TOrgUnitOption } from "./list-accounts";
import { DEFAULT_PARTY_KINDS, type TTrustMapQuery } from "./trust-map-query";
import { findResourceShares, type TResourceShareEdge } from "./trust-map-resource-shares";

export type TAccountEdge = { from: string; to: string; principals: number; roles: number; allConditional: boolean };
export type TPartyNode = { id: string; kind: string; label: string; party: string; knownVendor: string | null };
export type TPartyEdge = { from: string; to: string; roles: number; unconditional: number };
export type TExternalTrustRow = {
  roleKey: string; roleName: string; accountId: string; accountName: string; partyId: string; partyKind: string;
  party: string; conditionKeys: string[]; knownVendor: string | null;
};
export type TTrustMapGraph = {
  analysis: TLatestAnalysis;
  /** The accounts on the map. */
  accounts: TAccountOption[];
  /** Every account and OU, for the filters and for naming. */
  allAccounts: TAccountOption[];
  organizationalUnits: TOrgUnitOption[];
  parties: TPartyNode[];
  accountEdges: TAccountEdge[];
  partyEdges: TPartyEdge[];
  externalTrusts: TExternalTrustRow[];
  /** Resource policies and sharing attributes that let another account (or anyone) use an account's resources. */
  resourceShares: TResourceShareEdge[];
};

/**
 * The accounts and who can get into them from elsewhere: account-to-account edges (IAM
 * principals of A that can assume roles of B directly, aggregated per pair) and external
 * parties (accounts outside the organization, "*", SAML/OIDC providers, optionally
 * services and Identity Center) per trusted role, narrowed by the URL filters.
 */
export async function findTrustMapGraph(options: { user: TSessionUser; query: TTrustMapQuery }): Promise<TTrustMapGraph> {
  assertCan(options.user, "inventory.read");
  const { query } = options;
  const { pool } = getDb();
  const analysis = await findLatestAnalysis({ pool });
  if (!analysis) throw new ConsoleError("not-found", "no analysed snapshot yet: run a collection first");
  const all = await listAccounts({ user: options.user });
  if (query.ou && !all.organizationalUnits.some((ou) => ou.id === query.ou)) throw new ConsoleError("invalid", `OU "${query.ou}" is not in the organization`);
  if (query.account && !all.accounts.some((account) => account.id === query.account)) throw new ConsoleError("invalid", `account "${query.account}" is not in the organization`);
  const inScope = (accountId: string) =>
    (!query.ou || all.accounts.some((account) => account.id === accountId && account.ouPath.includes(query.ou!)) || all.organizationalUnits.some((ou) => ou.id === query.ou && ou.isRoot))
    && (!query.account || accountId === query.account);
  const kinds = query.party ? [query.party] : DEFAULT_PARTY_KINDS;

  const { rows: pairRows } = query.external || query.party ? { rows: [] } : await pool.query(
    `SELECT split_part(source_key, '/', 1) AS "from", target_account_id AS "to", count(DISTINCT source_key)::int AS principals,
            count(DISTINCT target_key)::int AS roles, bool_and(conditional) AS "allConditional"
     FROM principal_reach
     WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND hop_count = 1 AND source_key NOT LIKE 'sso/%' AND split_part(source_key, '/', 1) <> target_account_id
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [analysis.analysisId],
  );
  const accountEdges = (pairRows as TAccountEdge[]).filter((edge) => query.account ? edge.from === query.account || edge.to === query.account : inScope(edge.from) || inScope(edge.to));

  const { rows: trustRows } = await pool.query(
    `SELECT t.role_key AS "roleKey", coalesce(pa.name, t.role_key) AS "roleName", t.account_id AS "accountId", t.party_kind AS "partyKind", t.party,
            coalesce(t.condition_keys, '{}') AS "conditionKeys", t.known_vendor AS "knownVendor"
     FROM external_trust t LEFT JOIN principal_access pa ON (pa.valid_from <= $1 AND (pa.valid_to IS NULL OR pa.valid_to > $1)) AND pa.principal_key = t.role_key
     WHERE (t.valid_from <= $1 AND (t.valid_to IS NULL OR t.valid_to > $1)) AND t.party_kind = ANY($2::text[])
     UNION ALL
     SELECT r.target_key, coalesce(pa.name, r.target_key), r.target_account_id, 'identity-center', 'Identity Center', '{}', NULL
     FROM principal_reach r LEFT JOIN principal_access pa ON (pa.valid_from <= $1 AND (pa.valid_to IS NULL OR pa.valid_to > $1)) AND pa.principal_key = r.target_key
     WHERE (r.valid_from <= $1 AND (r.valid_to IS NULL OR r.valid_to > $1)) AND 'identity-center' = ANY($2::text[]) AND r.hop_count = 1 AND r.source_key LIKE 'sso/%'
     GROUP BY r.target_key, pa.name, r.target_account_id`,
    [analysis.analysisId, kinds],
  );
  const accountNames = new Map(all.accounts.map((account) => [account.id, account.name]));
  const parties = new Map<string, TPartyNode>();
  const externalTrusts = trustRows.filter((row) => inScope(row.accountId)).map((row): TExternalTrustRow => {
    const party = describeParty({ kind: row.partyKind, party: row.party, knownVendor: row.knownVendor });
    if (!parties.has(party.id)) parties.set(party.id, party);
    return { ...row, accountName: accountNames.get(row.accountId) ?? row.accountId, partyId: party.id };
  });
  const partyEdges = new Map<string, TPartyEdge>();
  for (const trust of externalTrusts) {
    const key = `${trust.partyId}>${trust.accountId}`;
    const edge = partyEdges.get(key) ?? { from: trust.partyId, to: trust.accountId, roles: 0, unconditional: 0 };
    edge.roles++;
    if (trust.conditionKeys.length === 0) edge.unconditional++;
    partyEdges.set(key, edge);
  }
  const shares = await findResourceShares({
    pool, analysisId: analysis.analysisId, query, inScope,
    knownVendor: (accountId) => externalTrusts.find((trust) => trust.partyId === `external:${accountId}`)?.knownVendor ?? null,
  });
  for (const party of shares.parties) if (!parties.has(party.id)) parties.set(party.id, party);
  const shown = new Set([
    ...accountEdges.flatMap((edge) => [edge.from, edge.to]), ...externalTrusts.map((trust) => trust.accountId),
    ...shares.edges.flatMap((edge) => (edge.fromAccount ? [edge.from, edge.to] : [edge.to])),
  ]);
  const accounts = all.accounts.filter((account) => shown.has(account.id) || ((query.ou || query.account) && inScope(account.id)) || (!query.ou && !query.account && !query.party && !query.external));
  return { analysis, accounts, allAccounts: all.accounts, organizationalUnits: all.organizationalUnits, parties: [...parties.values()], accountEdges, partyEdges: [...partyEdges.values()], externalTrusts, resourceShares: shares.edges };
}

// One node per party: an outside account (however its ARN names it), "*", a federation
// provider (named by its last path segment), a service, or Identity Center.
function describeParty(options: { kind: string; party: string; knownVendor: string | null }): TPartyNode {
  const { kind, party, knownVendor } = options;
  if (kind === "external-account") {
    const accountId = /(\d{12})/.exec(party)?.[1] ?? party;
    return { id: `external:${accountId}`, kind, party: accountId, label: knownVendor ? `${knownVendor} (${accountId})` : accountId, knownVendor };
  }
  if (kind === "saml" || kind === "oidc") {
    const name = party.split("/").slice(1).join("/") || party;
    return { id: `${kind}:${party}`, kind, party, label: `${name} (${kind.toUpperCase()})`, knownVendor };
  }
  return { id: `${kind}:${party}`, kind, party, label: kind === "any-principal" ? "* (anyone)" : party, knownVendor };
}
