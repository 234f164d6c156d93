import Link from "next/link";
import { requirePageUser } from "@/lib/auth/require-user";
import { isConsoleError } from "@/lib/console/console-error";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { findTrustMapGraph, type TTrustMapGraph } from "@/lib/console/trust-map-graph";
import { TRUST_PARTY_KINDS, parseTrustMapQuery, trustMapHref } from "@/lib/console/trust-map-query";
import { TrustTables } from "./trust-tables";
import { EmptyState } from "../../_components/empty-state";
import { Graph, type TGraphEdge, type TGraphKind, type TGraphNode } from "../../_components/graph-client";

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

const KINDS: TGraphKind[] = [
  { kind: "account", label: "account of the organization", color: "#2563eb", shape: "ellipse" },
  { kind: "external-account", label: "account outside the organization", color: "#b91c1c", shape: "diamond" },
  { kind: "any-principal", label: "anyone (*)", color: "#7f1d1d", shape: "diamond" },
  { kind: "saml", label: "SAML provider", color: "#7c3aed", shape: "hexagon" },
  { kind: "oidc", label: "OIDC provider", color: "#7c3aed", shape: "hexagon" },
  { kind: "service", label: "AWS service", color: "#64748b", shape: "round-rectangle" },
  { kind: "identity-center", label: "Identity Center", color: "#0f766e", shape: "round-rectangle" },
];

function TrustMapView({ graph, query }: { graph: TTrustMapGraph; query: ReturnType<typeof parseTrustMapQuery> }) {
  const groupOf = (ouNames: string[]) => ouNames.join(" / ") || "Root";
  const accountName = new Map(graph.allAccounts.map((account) => [account.id, account.name]));
  const nodes: TGraphNode[] = [
    ...graph.accounts.map((account) => ({ id: account.id, label: account.name, kind: "account", title: `${account.id} · OU ${groupOf(account.ouNames)}`, href: `/graph?account=${account.id}` })),
    ...graph.parties.map((party) => ({ id: party.id, label: party.label, kind: party.kind, title: PARTY_LABEL[party.kind] ?? party.kind })),
  ];
  const edges: TGraphEdge[] = [
    ...graph.accountEdges.map((edge) => ({
      id: `${edge.from}>${edge.to}`, source: edge.from, target: edge.to, label: `${edge.principals} → ${edge.roles} roles`, dashed: edge.allConditional,
      evidence: { summary: `${edge.principals} principals of ${accountName.get(edge.from) ?? edge.from} can assume ${edge.roles} roles of ${accountName.get(edge.to) ?? edge.to}${edge.allConditional ? ", all under conditions" : ""}.`, parts: [{ heading: "Paths", text: `Open the graph explorer on ${accountName.get(edge.to) ?? edge.to} for each principal and its trust statement.` }] },
    })),
    ...graph.partyEdges.map((edge) => {
      const trusts = graph.externalTrusts.filter((t) => t.partyId === edge.from && t.accountId === edge.to);
      return {
        id: `${edge.from}>${edge.to}`, source: edge.from, target: edge.to, kind: "external", label: `${edge.roles} roles`,
        evidence: {
          summary: `${edge.roles} roles of ${accountName.get(edge.to) ?? edge.to} trust ${graph.parties.find((p) => p.id === edge.from)?.label ?? edge.from}${edge.unconditional ? `; ${edge.unconditional} without any condition` : ""}.`,
          parts: [{ heading: "Roles and their trust conditions", text: trusts.map((t) => `${t.roleName}: ${t.conditionKeys.length ? t.conditionKeys.join(", ") : "no condition"}`).join("\n") }],
        },
      };
    }),
    // Resource policies and sharing attributes: who may use the resources of an account.
    ...graph.resourceShares.map((edge) => ({
      id: `share:${edge.from}>${edge.to}`, source: edge.from, target: edge.to, kind: "external", dashed: true, label: `${edge.resources} resources`,
      evidence: {
        summary: `${graph.parties.find((p) => p.id === edge.from)?.label ?? accountName.get(edge.from) ?? edge.from} may use ${edge.resources} resources of ${accountName.get(edge.to) ?? edge.to} (${edge.reach}) through resource policies or sharing.`,
        parts: [{ heading: "Resources", text: `Open /resources?account=${edge.to} for each resource, its policy and who can reach it.` }],
      },
    })),
  ];
  return (
    <>
      <p className="muted small">
        {graph.accounts.length} accounts, {graph.parties.length} external parties, {graph.accountEdges.length} account-to-account and {graph.partyEdges.length} external edges
        {" "}(snapshot of run #{graph.analysis.collectionRunId}). Arrows point from who can get in to the account they get into.
        {query.party !== "service" && <> <Link href={trustMapHref(query, { party: "service" })}>Show AWS service trusts</Link>.</>}
      </p>
      {nodes.length === 0
        ? <EmptyState title="Nothing matches these filters">No account or outside party is in scope: widen the OU or account, or pick another party kind.</EmptyState>
        : <Graph nodes={nodes} edges={edges} kinds={KINDS} testId="trust-map" ariaLabel={`Trust map: ${nodes.length} nodes, ${edges.length} edges`} />}
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
