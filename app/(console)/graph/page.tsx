import Link from "next/link";
import { z } from "zod";
import { requirePageUser } from "@/lib/auth/require-user";
import { isConsoleError } from "@/lib/console/console-error";
import { getAccessGraph, type TAccessGraph } from "@/lib/console/get-access-graph";
import { RESOURCE_LEVELS } from "@/lib/console/get-resource-detail";
import { getResourceAccessGraph, type TResourceAccessGraph } from "@/lib/console/get-resource-access-graph";
import { listAccounts } from "@/lib/console/list-accounts";
import { firstValues, type TRawSearchParams } from "@/lib/console/search-params";
import { EmptyState } from "../../_components/empty-state";
import { Graph, type TGraphKind } from "../../_components/graph-client";

const ZGraphQuery = z.object({
  principal: z.string().max(200).optional(), account: z.string().max(20).optional(), resource: z.string().max(2048).optional(), level: z.string().max(40).optional(),
});

const KINDS: TGraphKind[] = [
  { kind: "iam-user", label: "IAM user", color: "#0891b2", shape: "ellipse" },
  { kind: "iam-role", label: "IAM role", color: "#2563eb", shape: "round-rectangle" },
  { kind: "sso-user", label: "Identity Center user", color: "#0f766e", shape: "ellipse" },
  { kind: "account", label: "account", color: "#6b7280", shape: "hexagon" },
];
const RESOURCE_KINDS: TGraphKind[] = [
  ...KINDS,
  { kind: "resource", label: "the resource", color: "#ca8a04", shape: "round-rectangle" },
  { kind: "external-account", label: "account outside the organization", color: "#b91c1c", shape: "diamond" },
  { kind: "any-principal", label: "anyone (*)", color: "#7f1d1d", shape: "diamond" },
  { kind: "service", label: "AWS service", color: "#64748b", shape: "triangle" },
  { kind: "outside-party", label: "other party the policy names", color: "#9a3412", shape: "diamond" },
];

/** Access graph explorer: from a principal, what it can reach; from an account or a resource, who reaches it; each edge opens its evidence. */
export default async function GraphPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("inventory.read");
  const query = ZGraphQuery.parse(firstValues(await searchParams));
  const { accounts } = await listAccounts({ user });
  let graph: TAccessGraph | null = null;
  let resourceGraph: TResourceAccessGraph | null = null;
  let error: string | null = null;
  if (query.principal || query.account || query.resource) {
    try {
      if (query.resource && (query.principal || query.account)) error = "give a principal, an account or a resource, not several";
      else if (query.resource) resourceGraph = await getResourceAccessGraph({ user, arn: query.resource, level: query.level });
      else graph = await getAccessGraph({ user, principal: query.principal, account: query.account });
    } catch (caught) {
      if (!isConsoleError(caught) || !["invalid", "not-found"].includes(caught.code)) throw caught;
      error = caught.message;
    }
  }
  return (
    <>
      <div className="page-head">
        <h1>Access graph</h1>
        <span className="muted small">Role assumption paths, hop by hop, with the statements behind each edge.</span>
      </div>
      <form className="filters" method="get" action="/graph" aria-label="Choose where the graph starts">
        <label>Everyone who reaches the account
          <select name="account" defaultValue={query.account ?? ""}>
            <option value="">—</option>
            {accounts.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.id})</option>)}
          </select>
        </label>
        <label>or what a principal reaches (its key)
          <input name="principal" defaultValue={query.principal ?? ""} placeholder="123456789012/AIDA…" size={34} />
        </label>
        <label>or who reaches a resource (its ARN)
          <input name="resource" defaultValue={query.resource ?? ""} placeholder="arn:aws:kms:…" size={34} />
        </label>
        <button type="submit">Show</button>
      </form>
      {error && <div className="error-box" role="alert" data-testid="graph-error">{error}</div>}
      {!graph && !resourceGraph && !error && (
        <EmptyState title="Pick a starting point">
          Choose an account to see every principal that can get into it, or open a principal&apos;s page and follow “Open in the access graph”, or a resource&apos;s page and follow “Explore access”.
        </EmptyState>
      )}
      {graph && <GraphView graph={graph} />}
      {resourceGraph && <ResourceGraphView graph={resourceGraph} />}
    </>
  );
}

function GraphView({ graph }: { graph: TAccessGraph }) {
  const reachEdges = graph.edges.filter((e) => e.kind !== "member").length;
  return (
    <>
      <p className="small" data-testid="graph-summary">
        {graph.from.kind === "principal" ? <>What <Link href={`/principals/${encodeURIComponent(graph.from.id)}`}>{graph.from.label}</Link> can reach</> : <>Who can reach {graph.from.label}</>}
        : {graph.paths} paths, {reachEdges} assumption edges, {graph.nodes.length} nodes (snapshot of run #{graph.analysis.collectionRunId}).
        {graph.truncated && <strong> Showing the first 300 paths.</strong>}
      </p>
      {reachEdges === 0
        ? <EmptyState title={graph.from.kind === "principal" ? "It cannot assume any role" : "No principal from elsewhere reaches a role here"}>
            {graph.from.kind === "principal" ? "Its access is its own policies only: see its page for what they grant." : "Only the account's own principals act in it (see Principals, filtered by this account)."}
          </EmptyState>
        : <Graph nodes={graph.nodes} edges={graph.edges} kinds={KINDS} layout="breadthfirst" roots={graph.from.kind === "principal" ? [graph.from.id] : undefined}
            testId="access-graph" ariaLabel={`Access graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges`} />}
    </>
  );
}

function ResourceGraphView({ graph }: { graph: TResourceAccessGraph }) {
  const r = graph.resource;
  const levelHref = (level: string) => `/graph?${new URLSearchParams({ resource: r.arn, level })}`;
  return (
    <>
      <p className="small" data-testid="graph-summary">
        Who can reach <Link href={`/resources/${encodeURIComponent(r.arn)}`}>{r.name}</Link> <span className="muted">({r.type}, {r.exposure})</span> at level {graph.level}
        : {graph.paths} paths, {graph.nodes.length} nodes (snapshot of run #{graph.analysis.collectionRunId}).
        {graph.truncated && <strong> Showing the first 300 paths.</strong>}
        {graph.identityBlocked && <> Identity policies do not count here: {graph.identityBlocked}.</>}
      </p>
      <nav className="pagination" aria-label="Access level" data-testid="graph-levels">
        {RESOURCE_LEVELS.map((l) => l === graph.level ? <strong key={l}>{l}</strong> : <Link key={l} href={levelHref(l)}>{l}</Link>)}
      </nav>
      {graph.edges.length === 0
        ? <EmptyState title={`Nobody reaches it at level ${graph.level}`}>No identity policy, resource policy or named party grants {graph.level} on this resource: try another level above.</EmptyState>
        : <Graph nodes={graph.nodes} edges={graph.edges} kinds={RESOURCE_KINDS} layout="breadthfirst" roots={[r.nodeId]} directed={false} initialFocus={r.nodeId}
            testId="access-graph" ariaLabel={`Access graph of ${r.name}: ${graph.nodes.length} nodes, ${graph.edges.length} edges`} />}
    </>
  );
}
