import type { TOrgModel } from "../model";
import type { THop } from "../results";
import { principalArn, type TPrincipalEvaluator } from "./create-principal-evaluator";
import { createEdgeDecider, type TEdgeDecider } from "./decide-assume-edge";
import { indexRoleTrusts, sessionKey, type TTrustedRole } from "./index-role-trusts";

// Who can become whom in one step, as integer-indexed adjacency lists so a breadth-first
// search per source stays allocation-free. Each edge's THop is created once and shared by
// every path through it.
export type TAssumeGraph = {
  nodeKeys: string[];
  nodeIndex: Map<string, number>;
  // The account a target node sits in; null for nodes nothing can reach (users).
  nodeAccount: (string | null)[];
  // What TReach.targetKey reports: the role key, or the account id of an Identity Center
  // assignment whose role was not collected.
  nodeTarget: (string | null)[];
  outEdges: number[][];
  edgeTo: number[];
  edgeHop: THop[];
  stats: TEdgeDecider["stats"] & { edges: number; ssoEdges: number };
};

const NO_EDGES: number[] = [];

export function buildAssumeGraph(options: { evaluator: TPrincipalEvaluator }): TAssumeGraph {
  const { evaluator } = options;
  const { model } = evaluator;
  const graph: TAssumeGraph = {
    nodeKeys: [], nodeIndex: new Map(), nodeAccount: [], nodeTarget: [], outEdges: [], edgeTo: [], edgeHop: [],
    stats: { trustEvaluations: 0, trustReused: 0, fullChecks: 0, fullChecksReused: 0, edges: 0, ssoEdges: 0 },
  };
  for (const principal of model.principals) {
    addNode({ graph, key: principal.key, account: principal.kind === "iam-role" ? principal.accountId : null, target: principal.kind === "iam-role" ? principal.key : null });
  }
  const decider = createEdgeDecider({ evaluator });
  const index = indexRoleTrusts({ evaluator });
  const candidates = new Map<TTrustedRole, boolean>();
  for (const caller of model.principals) {
    if (caller.kind === "sso-user" || !caller.accountId) continue;
    candidates.clear();
    for (const role of index.byPrincipal.get(principalArn(caller)) ?? NO_ROLES) candidates.set(role, true);
    for (const role of index.byPrincipal.get(caller.id) ?? NO_ROLES) candidates.set(role, true);
    if (caller.kind === "iam-role") {
      for (const role of index.byPrincipal.get(sessionKey({ accountId: caller.accountId, roleName: caller.name })) ?? NO_ROLES) candidates.set(role, true);
    }
    for (const role of index.byAccount.get(caller.accountId) ?? NO_ROLES) if (!candidates.has(role)) candidates.set(role, false);
    for (const role of index.anyPrincipal) if (!candidates.has(role)) candidates.set(role, false);
    for (const [role, named] of candidates) {
      if (role.role === caller) continue;
      const decision = decider.decide({ caller, role, named });
      if (!decision) continue;
      addEdge({ graph, from: caller.key, to: role.role.key, hop: { from: caller.key, to: role.role.key, via: "assume-role", conditional: decision.conditional } });
    }
  }
  Object.assign(graph.stats, decider.stats);
  addSsoEdges({ graph, model });
  return graph;
}

const NO_ROLES: TTrustedRole[] = [];

// Identity Center provisions the AWSReservedSSO role and signs the user in through its own
// SAML provider: an assignment is the whole story, no trust or identity check applies.
function addSsoEdges(options: { graph: TAssumeGraph; model: TOrgModel }): void {
  const { graph, model } = options;
  const userKeys = new Map<string, string>();
  for (const principal of model.principals) if (principal.kind === "sso-user") userKeys.set(principal.id, principal.key);
  const groups = new Map(model.identityCenter.groups.map((group) => [group.id, group]));
  const userKey = (id: string) => userKeys.get(id) ?? `sso/${id}`;
  // Direct assignments first, so a user holding one both ways is shown the direct path.
  const ordered = [...model.identityCenter.assignments].sort((a, b) => (a.principalType === b.principalType ? 0 : a.principalType === "USER" ? -1 : 1));
  for (const assignment of ordered) {
    const roleKnown = assignment.roleKey !== null && graph.nodeIndex.has(assignment.roleKey);
    const targetKey = roleKnown ? assignment.roleKey! : `sso-account:${assignment.accountId}:${assignment.permissionSetName}`;
    if (!roleKnown) addNode({ graph, key: targetKey, account: assignment.accountId, target: assignment.accountId });
    const group = assignment.principalType === "GROUP" ? groups.get(assignment.principalId) : undefined;
    const members = assignment.principalType === "USER" ? [assignment.principalId] : group?.memberIds ?? [];
    for (const member of members) {
      const from = userKey(member);
      if (!graph.nodeIndex.has(from)) addNode({ graph, key: from, account: null, target: null });
      const hop: THop = {
        from, to: roleKnown ? targetKey : assignment.accountId, via: "sso-assignment", conditional: false,
        permissionSetName: assignment.permissionSetName,
        ...(group ? { throughGroup: group.name } : {}),
      };
      addEdge({ graph, from, to: targetKey, hop });
      graph.stats.ssoEdges++;
    }
  }
}

function addNode(options: { graph: TAssumeGraph; key: string; account: string | null; target: string | null }): number {
  const { graph } = options;
  const existing = graph.nodeIndex.get(options.key);
  if (existing !== undefined) return existing;
  const index = graph.nodeKeys.length;
  graph.nodeKeys.push(options.key);
  graph.nodeIndex.set(options.key, index);
  graph.nodeAccount.push(options.account);
  graph.nodeTarget.push(options.target);
  graph.outEdges.push(NO_EDGES);
  return index;
}

function addEdge(options: { graph: TAssumeGraph; from: string; to: string; hop: THop }): void {
  const { graph } = options;
  const from = graph.nodeIndex.get(options.from)!;
  const edge = graph.edgeTo.length;
  graph.edgeTo.push(graph.nodeIndex.get(options.to)!);
  graph.edgeHop.push(options.hop);
  if (graph.outEdges[from] === NO_EDGES) graph.outEdges[from] = [edge];
  else graph.outEdges[from].push(edge);
  graph.stats.edges++;
}
