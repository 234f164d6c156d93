import type { ActionCatalogue } from "../../policy";
import type { TOrgModel } from "../model";
import type { THop, TReach } from "../results";
import { buildAssumeGraph, type TAssumeGraph } from "./build-assume-graph";
import { createPrincipalEvaluator, type TPrincipalEvaluator } from "./create-principal-evaluator";

export type TComputeReachabilityOptions = {
  model: TOrgModel;
  catalogue: ActionCatalogue;
  // The one computePrincipalAccess used: its sts:AssumeRole statuses spare re-evaluation.
  evaluator?: TPrincipalEvaluator;
  // Role chains longer than this are not followed (AWS itself limits a chained session to
  // one hour, and longer chains are rare enough to be findings of their own).
  maxHops?: number;
  onGraph?: (graph: TAssumeGraph) => void;
};

// For every principal (IAM user or role, Identity Center user), every role it can end up
// acting as, with the shortest path. A path that needs no condition is preferred over a
// shorter conditional one, so `conditional: true` means there is no unconditional way in
// within the hop limit. Paths never visit a principal twice.
export function computeReachability(options: TComputeReachabilityOptions): TReach[] {
  const evaluator = options.evaluator ?? createPrincipalEvaluator({ model: options.model, catalogue: options.catalogue });
  const graph = buildAssumeGraph({ evaluator });
  options.onGraph?.(graph);
  return searchAllPaths({ graph, maxHops: options.maxHops ?? 4 });
}

function searchAllPaths(options: { graph: TAssumeGraph; maxHops: number }): TReach[] {
  const { graph, maxHops } = options;
  const nodeCount = graph.nodeKeys.length;
  const seenStamp = new Int32Array(nodeCount).fill(-1);
  const firmStamp = new Int32Array(nodeCount).fill(-1);
  const parentEdge = new Int32Array(nodeCount);
  const depth = new Uint8Array(nodeCount);
  const queue = new Int32Array(nodeCount);
  const singleHops = new Map<number, THop[]>();
  const reaches: TReach[] = [];
  let stamp = 0;

  const hopsTo = (target: number, source: number): THop[] => {
    const edge = parentEdge[target];
    if (depth[target] === 1) {
      let single = singleHops.get(edge);
      if (!single) singleHops.set(edge, (single = [graph.edgeHop[edge]]));
      return single;
    }
    const hops: THop[] = [];
    for (let node = target; node !== source; node = graph.nodeIndex.get(graph.edgeHop[parentEdge[node]].from)!) hops.push(graph.edgeHop[parentEdge[node]]);
    return hops.reverse();
  };

  // One breadth-first pass; returns whether it had to skip a conditional edge.
  const pass = (source: number, firmOnly: boolean, sourceStamp: number): boolean => {
    stamp++;
    let skipped = false;
    let head = 0;
    let tail = 0;
    seenStamp[source] = stamp;
    depth[source] = 0;
    queue[tail++] = source;
    while (head < tail) {
      const node = queue[head++];
      if (depth[node] >= maxHops) continue;
      for (const edge of graph.outEdges[node]) {
        if (firmOnly && graph.edgeHop[edge].conditional) {
          skipped = true;
          continue;
        }
        const next = graph.edgeTo[edge];
        if (seenStamp[next] === stamp) continue;
        seenStamp[next] = stamp;
        parentEdge[next] = edge;
        depth[next] = depth[node] + 1;
        queue[tail++] = next;
        if (firmOnly) firmStamp[next] = sourceStamp;
        else if (firmStamp[next] === sourceStamp) continue;
        const targetKey = graph.nodeTarget[next];
        if (targetKey === null) continue;
        reaches.push({
          sourceKey: graph.nodeKeys[source], targetKey, targetAccountId: graph.nodeAccount[next]!,
          hops: hopsTo(next, source), conditional: !firmOnly,
        });
      }
    }
    return skipped;
  };

  for (let source = 0; source < nodeCount; source++) {
    if (graph.outEdges[source].length === 0) continue;
    // Unconditional paths first; a second pass over every edge adds what only a
    // conditional hop reaches, and is skipped when the first pass met no such hop.
    if (pass(source, true, source)) pass(source, false, source);
  }
  return reaches;
}
