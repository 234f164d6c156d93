import type { ActionCatalogue } from "./action-catalogue";
import { subtract } from "./action-set";
import type { EvaluatedPolicy } from "./effective-access-types";
import {
  addPolicyGrants, clearGrantSets, createGrantSets, intersectGrantSets, unionGrantSets, type GrantSets, type StatementOutcomes,
} from "./grant-sets";

// What the organization's SCPs (every OU level) and RCPs let through, and what they deny.
export type OrganizationCeiling = { allows: GrantSets; denies: GrantSets };

const MAX_CACHED = 2_000;
const caches = new WeakMap<ActionCatalogue, Map<string, OrganizationCeiling>>();
const outsideRcpSets = new WeakMap<ActionCatalogue, GrantSets>();

// Thousands of accounts share a handful of OU paths, so the SCP/RCP part of the evaluation
// is computed once per distinct stack (and per settled principal condition) and reused.
export function evaluateOrganizationCeiling(options: {
  catalogue: ActionCatalogue;
  policies: EvaluatedPolicy[];
  statementOutcomes: StatementOutcomes;
}): OrganizationCeiling {
  const { catalogue, policies, statementOutcomes } = options;
  let cache = caches.get(catalogue);
  if (!cache) {
    cache = new Map();
    caches.set(catalogue, cache);
  }
  const key = policies.map(({ layer, level, compiled }) =>
    `${layer}${level}.${compiled.serial}${compiled.principalDependent.map((statement) => statementOutcomes.get(statement)?.[0] ?? "u").join("")}`).join("|");
  const cached = cache.get(key);
  if (cached) return cached;
  const ceiling = computeCeiling({ catalogue, policies, statementOutcomes });
  // Unbounded growth would only come from principal-specific conditions; start over rather
  // than track recency for what is a small, hot table.
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, ceiling);
  return ceiling;
}

function computeCeiling(options: { catalogue: ActionCatalogue; policies: EvaluatedPolicy[]; statementOutcomes: StatementOutcomes }): OrganizationCeiling {
  const { catalogue, statementOutcomes } = options;
  const allows = createGrantSets(catalogue.size);
  allows.full.set(catalogue.allActions);
  allows.partial.set(catalogue.allActions);
  allows.conditional.set(catalogue.allActions);
  const denies = createGrantSets(catalogue.size);
  const rcpDenies = createGrantSets(catalogue.size);
  const level = createGrantSets(catalogue.size);
  for (const group of groupByLevel(options.policies)) {
    const isRcp = group[0].layer === "rcp";
    const compiled = group.map((policy) => policy.compiled);
    clearGrantSets(level);
    addPolicyGrants({ into: level, policies: compiled, effect: "Allow", statementOutcomes });
    // RCPs only restrict services that support them; everything else passes untouched.
    if (isRcp) unionGrantSets(level, outsideRcp(catalogue));
    intersectGrantSets(allows, level);
    addPolicyGrants({ into: isRcp ? rcpDenies : denies, policies: compiled, effect: "Deny", statementOutcomes });
  }
  for (let i = 0; i < denies.full.length; i++) {
    const rcp = catalogue.rcpActions[i];
    denies.full[i] |= rcpDenies.full[i] & rcp;
    denies.partial[i] |= rcpDenies.partial[i] & rcp;
    denies.conditional[i] |= rcpDenies.conditional[i] & rcp;
  }
  return { allows, denies };
}

function groupByLevel(policies: EvaluatedPolicy[]): EvaluatedPolicy[][] {
  const groups = new Map<string, EvaluatedPolicy[]>();
  for (const policy of policies) {
    const key = `${policy.layer}:${policy.level ?? 0}`;
    const group = groups.get(key);
    if (group) group.push(policy);
    else groups.set(key, [policy]);
  }
  return [...groups.values()];
}

function outsideRcp(catalogue: ActionCatalogue): GrantSets {
  let sets = outsideRcpSets.get(catalogue);
  if (!sets) {
    const outside = subtract(catalogue.allActions, catalogue.rcpActions);
    sets = { full: outside, partial: outside, conditional: outside };
    outsideRcpSets.set(catalogue, sets);
  }
  return sets;
}
