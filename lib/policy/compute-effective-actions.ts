import type { ActionCatalogue } from "./action-catalogue";
import { collectEvaluatedPolicies } from "./collect-evaluated-policies";
import { isEmptySet, type ActionSet } from "./action-set";
import { sharedEmptySet, type CompiledPolicy } from "./compile-policy";
import { buildPrincipalContext, type PrincipalFacts } from "./condition-context";
import { readCachedAccess, storeCachedAccess, type EffectiveAccessCache } from "./effective-access-cache";
import type { EffectiveAccess, EvaluatedPolicy, PrincipalPolicies } from "./effective-access-types";
import { evaluateConditions, supportsPolicyVariables } from "./evaluate-conditions";
import { evaluateOrganizationCeiling } from "./evaluate-organization-ceiling";
import {
  addPolicyGrants, createGrantSets, intersectGrantSets, scratchGrantSets, unionGrantSets, type GrantSets, type StatementOutcomes,
} from "./grant-sets";

export type ComputeEffectiveActionsOptions = PrincipalPolicies & {
  catalogue: ActionCatalogue;
  // Settles conditions on the caller's own keys (e.g. an SCP deny that exempts one role by
  // aws:PrincipalArn). Without it those conditions stay conditional.
  principal?: PrincipalFacts;
  cache?: EffectiveAccessCache;
};

// AWS evaluation logic over sets of actions: an explicit deny anywhere wins; otherwise the
// identity (and group) policies must allow, and every ceiling in force (permission
// boundary, session policies, each SCP level, each RCP level for RCP-enabled services) must
// allow too.
export function computeEffectiveActions(options: ComputeEffectiveActionsOptions): EffectiveAccess {
  const { catalogue } = options;
  const exempt = Boolean(options.isManagementAccount || options.isServiceLinkedRole);
  const policies = collectEvaluatedPolicies({ catalogue, input: options, scpExempt: exempt, rcpExempt: exempt });
  const statementOutcomes = settlePrincipalConditions({ policies, principal: options.principal });
  const key = options.cache ? combinationKey({ policies, statementOutcomes, exempt }) : "";
  if (options.cache) {
    const cached = readCachedAccess({ cache: options.cache, key });
    if (cached) return cached;
  }
  const input: PrincipalPolicies = {
    identityPolicies: options.identityPolicies,
    groupPolicies: options.groupPolicies,
    permissionBoundary: options.permissionBoundary,
    sessionPolicies: options.sessionPolicies,
    scps: options.scps,
    rcps: options.rcps,
    isManagementAccount: options.isManagementAccount,
    isServiceLinkedRole: options.isServiceLinkedRole,
  };
  const access = evaluate({ catalogue, policies, statementOutcomes, input, exempt });
  if (options.cache) storeCachedAccess({ cache: options.cache, key, access });
  return access;
}

function evaluate(options: {
  catalogue: ActionCatalogue;
  policies: EvaluatedPolicy[];
  statementOutcomes: StatementOutcomes;
  input: PrincipalPolicies;
  exempt: boolean;
}): EffectiveAccess {
  const { catalogue, policies, statementOutcomes } = options;
  const byLayer = (...layers: string[]): CompiledPolicy[] => policies.filter((p) => layers.includes(p.layer)).map((p) => p.compiled);
  const grant = createGrantSets(catalogue.size);
  addPolicyGrants({ into: grant, policies: byLayer("identity", "group"), effect: "Allow", statementOutcomes });
  for (const layer of ["boundary", "session"]) {
    const ceilingPolicies = byLayer(layer);
    if (ceilingPolicies.length === 0) continue;
    const ceiling = scratchGrantSets(catalogue);
    addPolicyGrants({ into: ceiling, policies: ceilingPolicies, effect: "Allow", statementOutcomes });
    intersectGrantSets(grant, ceiling);
  }
  const deny = createGrantSets(catalogue.size);
  addPolicyGrants({ into: deny, policies: byLayer("identity", "group", "boundary", "session"), effect: "Deny", statementOutcomes });
  const ownGrantOfEverything = grantOfEverything({ catalogue, grant, deny });
  const organizationPolicies = policies.filter((p) => p.layer === "scp" || p.layer === "rcp");
  if (organizationPolicies.length > 0) {
    const organization = evaluateOrganizationCeiling({ catalogue, policies: organizationPolicies, statementOutcomes });
    intersectGrantSets(grant, organization.allows);
    unionGrantSets(deny, organization.denies);
  }
  // A deny limited to some resources narrows a grant to "some resources"; a conditional
  // deny leaves the grant standing only while its condition is false. Then the nested
  // "at least" sets become the disjoint result sets.
  const { full, partial, conditional } = grant;
  for (let i = 0; i < full.length; i++) {
    const denyFull = deny.full[i];
    const denyConditional = deny.conditional[i];
    full[i] &= ~(denyFull | deny.partial[i] | denyConditional);
    partial[i] &= ~(denyFull | denyConditional);
    conditional[i] &= ~(denyFull | partial[i]);
    partial[i] &= ~full[i];
  }
  // Results may sit in a cache for a whole run; most of them have empty sets to share.
  const empty = sharedEmptySet(catalogue);
  const shrink = (set: ActionSet) => (isEmptySet(set) ? empty : set);
  return {
    catalogue,
    allowed: shrink(full),
    partial: shrink(partial),
    conditional: shrink(conditional),
    denied: shrink(deny.full),
    policies,
    statementOutcomes,
    scpExempt: options.exempt,
    rcpExempt: options.exempt,
    ownGrantOfEverything,
    input: options.input,
  };
}

// Before the organization's ceiling: does the principal's own grant, net of its own
// explicit denies, reach every action? Word by word with an early exit, since almost no
// principal does. `|` yields signed 32-bit numbers, so compare after `>>> 0`.
function grantOfEverything(options: { catalogue: ActionCatalogue; grant: GrantSets; deny: GrantSets }): EffectiveAccess["ownGrantOfEverything"] {
  const { grant, deny } = options;
  const all = options.catalogue.allActions;
  let fully = true;
  let scoped = true;
  for (let i = 0; i < all.length; i++) {
    const denyFull = deny.full[i];
    if (((grant.conditional[i] & ~denyFull) >>> 0) !== all[i]) return undefined;
    if (fully && ((grant.full[i] & ~(denyFull | deny.partial[i] | deny.conditional[i])) >>> 0) !== all[i]) fully = false;
    if (scoped && ((grant.partial[i] & ~(denyFull | deny.conditional[i])) >>> 0) !== all[i]) scoped = false;
  }
  return fully ? "allowed" : scoped ? "partial" : "conditional";
}

function settlePrincipalConditions(options: { policies: EvaluatedPolicy[]; principal: PrincipalFacts | undefined }): StatementOutcomes {
  const outcomes: StatementOutcomes = new Map();
  if (!options.principal) return outcomes;
  let context: ReturnType<typeof buildPrincipalContext> | undefined;
  for (const { compiled } of options.policies) {
    for (const statement of compiled.principalDependent) {
      context ??= buildPrincipalContext(options.principal);
      const variables = supportsPolicyVariables(compiled.policy.document.version);
      outcomes.set(statement, evaluateConditions({ clauses: statement.statement.conditions, context, variables }).outcome);
    }
  }
  return outcomes;
}

// Same policies in the same layers with the same settled conditions give the same result,
// whatever order the policies were attached in.
function combinationKey(options: { policies: EvaluatedPolicy[]; statementOutcomes: StatementOutcomes; exempt: boolean }): string {
  const tokens = options.policies.map(({ layer, level, compiled }) => {
    const outcomes = compiled.principalDependent.map((statement) => options.statementOutcomes.get(statement)?.[0] ?? "u").join("");
    return `${layer}${level ?? ""}.${compiled.serial}${outcomes}`;
  });
  return `${options.exempt ? "x" : ""}|${tokens.sort().join("|")}`;
}
