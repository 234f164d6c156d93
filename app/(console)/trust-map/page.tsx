import Link from "next/link";
import { requirePageUser } from "@/lib/auth/require-user";
import { isConsoleError } from "@/lib/console/console-error";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { findTrustMapGraph, type TTrustMapGraph } from "@/lib/console/trust-map-graph";
import { layoutTrustMap } from "@/lib/console/trust-map-layout";
import { TRUST_PARTY_KINDS, parseTrustMapQuery, trustMapHref } from "@/lib/console/trust-map-query";
import { TrustTables } from "./trust-tables";
import { TrustMapSvg, type TNodeInfo } from "./trust-map-svg";

const PARTY_LABEL: Record<string, string> = {
  "external-account": "Outside accounts", "any-principal": "Anyone (*)", saml: "SAML providers", oidc: "OIDC providers", service: "AWS services", "identity-center": "Identity Center",
};

export default async function TrustMapPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("inventory.read");
  const query = parseTrustMapQuery(await searchParams);
  let graph: TTrustMapGraph | null = null;
  let error: string | null = null;
  try {
    graph = await findTrustMapGraph({ user, query });
  } catch (caught) {
    if (!isConsoleError(caught) || !["invalid", "not-found"].includes(caught.code)) throw caught;
    error = caught.message;
  }
  return (
    <>
      <div className="page-head">
        <h1>Trust map</h1>
        <span className="muted small">Who can get into which account: other accounts of the organization, and parties outside it.</span>
      </div>
      <form className="filters" method="get" action="/trust-map">
        <label>OU
          <select name="ou" defaultValue={query.ou ?? ""}>
            <option value="">All</option>
            {graph && <OuOptions graph={graph} />}
          </select>
        </label>
        <label>Account
          <select name="account" defaultValue={query.account ?? ""}>
            <option value="">All</option>
            {graph?.allAccounts.map((account) => <option key={account.id} value={account.id}>{account.name} ({account.id})</option>)}
          </select>
        </label>
        <label>Party kind
          <select name="party" defaultValue={query.party ?? ""}>
            <option value="">Outside accounts, *, SAML, OIDC</option>
            {TRUST_PARTY_KINDS.map((kind) => <option key={kind} value={kind}>{PARTY_LABEL[kind]}</option>)}
          </select>
        </label>
        <label style={{ flexDirection: "row", alignItems: "center", gap: 6 }}>
          <input type="checkbox" name="external" value="1" defaultChecked={query.external === "1"} /> External only
        </label>
        <button type="submit">Show</button>
        <Link href="/trust-map" className="small">Reset</Link>
      </form>
      {error && <div className="error-box" role="alert">{error}</div>}
      {graph && <TrustMapView graph={graph} query={query} />}
    </>
  );
}

function OuOptions({ graph }: { graph: TTrustMapGraph }) {
  return <>{graph.organizationalUnits.filter((ou) => !ou.isRoot).map((ou) => <option key={ou.id} value={ou.id}>{ou.path.join(" / ")}</option>)}</>;
}

function TrustMapView({ graph, query }: { graph: TTrustMapGraph; query: ReturnType<typeof parseTrustMapQuery> }) {
  const groupOf = (ouNames: string[]) => ouNames.join(" / ") || "Root";
  const layout = layoutTrustMap({
    accounts: graph.accounts.map((account) => ({ id: account.id, label: account.name, group: groupOf(account.ouNames) })),
    parties: graph.parties.map((party) => ({ id: party.id, label: party.label, kind: party.kind })),
    edges: [
      ...graph.accountEdges.map((edge) => ({ from: edge.from, to: edge.to, weight: edge.principals })),
      ...graph.partyEdges.map((edge) => ({ from: edge.from, to: edge.to, weight: edge.roles })),
      ...graph.resourceShares.map((edge) => ({ from: edge.from, to: edge.to, weight: edge.resources })),
    ],
  });
  const accountName = new Map(graph.allAccounts.map((account) => [account.id, account.name]));
  const info = new Map<string, TNodeInfo>([
    ...graph.accounts.map((account): [string, TNodeInfo] => [account.id, { title: `${account.name} (${account.id}) · ${groupOf(account.ouNames)}` }]),
    ...graph.parties.map((party): [string, TNodeInfo] => [party.id, { title: `${party.label} · ${PARTY_LABEL[party.kind] ?? party.kind}`, partyKind: party.kind }]),
  ]);
  const edgeTitles = new Map<string, string>([
    ...graph.accountEdges.map((edge): [string, string] => [`${edge.from}>${edge.to}`, `${accountName.get(edge.from) ?? edge.from} → ${accountName.get(edge.to) ?? edge.to}: ${edge.principals} principals can assume ${edge.roles} roles${edge.allConditional ? " (all conditional)" : ""}`]),
    ...graph.partyEdges.map((edge): [string, string] => [`${edge.from}>${edge.to}`, `${graph.parties.find((p) => p.id === edge.from)?.label} → ${accountName.get(edge.to) ?? edge.to}: ${edge.roles} roles trust it${edge.unconditional ? `, ${edge.unconditional} without any condition` : ""}`]),
    ...graph.resourceShares.map((edge): [string, string] => [`${edge.from}>${edge.to}`, `${graph.parties.find((p) => p.id === edge.from)?.label ?? accountName.get(edge.from) ?? edge.from} may use ${edge.resources} resources of ${accountName.get(edge.to) ?? edge.to} (resource policies, sharing)`]),
  ]);
  return (
    <>
      <p className="muted small">
        {graph.accounts.length} accounts, {graph.parties.length} external parties, {graph.accountEdges.length} account-to-account and {graph.partyEdges.length} external edges
        {" "}(snapshot of run #{graph.analysis.collectionRunId}). Hover a node or an edge for details; line width grows with the count.
        {query.party !== "service" && <> <Link href={trustMapHref(query, { party: "service" })}>Show AWS service trusts</Link>.</>}
      </p>
      {layout.nodes.length === 0 ? <p className="muted">Nothing matches these filters.</p> : <TrustMapSvg layout={layout} info={info} edgeTitles={edgeTitles} />}
      <TrustTables graph={graph} accountName={accountName} />
      <h2>Resource shares</h2>
      {graph.resourceShares.length === 0 ? <p className="muted">No resource is shared with another account or the public in this view.</p> : (
        <table data-testid="resource-shares">
          <thead><tr><th>Who</th><th>Resources of</th><th>Reach</th><th className="num">Resources</th></tr></thead>
          <tbody>
            {graph.resourceShares.map((edge) => (
              <tr key={`${edge.from}>${edge.to}`}>
                <td>{graph.parties.find((p) => p.id === edge.from)?.label ?? `${accountName.get(edge.from) ?? edge.from} (${edge.from})`}</td>
                <td><Link href={`/resources?account=${edge.to}`}>{accountName.get(edge.to) ?? edge.to}</Link> <span className="mono muted">{edge.to}</span></td>
                <td>{edge.reach}</td>
                <td className="num">{edge.resources}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
