import { findActionIndex, type ActionCatalogue } from "./action-catalogue";
import { hasAction } from "./action-set";
import { matchActionPattern } from "./match-action";
import { buildPrincipalContext, mergeContexts, type ConditionContext, type PrincipalFacts } from "./condition-context";
import { collectRequestLayers, type RequestLayer } from "./collect-request-layers";
import type { LayerName, PrincipalPolicies } from "./effective-access-types";
import { evaluateConditions, supportsPolicyVariables, type ConditionOutcome } from "./evaluate-conditions";
import { matchResource } from "./match-resource";
import type { ConditionClause, PendingCondition, Policy, Statement, StatementRef } from "./policy-types";
import { resolveResourcePattern } from "./resolve-policy-variables";

export type EvaluateRequestOptions = PrincipalPolicies & {
  catalogue: ActionCatalogue;
  action: string;
  resource: string;
  principal?: PrincipalFacts;
  context?: ConditionContext;
  // The resource lives in the management account, where RCPs do not apply.
  resourceInManagementAccount?: boolean;
  // A same-account resource policy that names the caller itself grants on its own; only
  // denies and ceilings (SCPs, boundary, RCPs) still count.
  identityAllowNotNeeded?: boolean;
  // That same-account resource policy names the caller's IAM user ARN or role session ARN:
  // an implicit deny in the permissions boundary or a session policy does not limit it
  // (a grant to a role ARN stays limited). Policy evaluation logic, "Identity-based policies
  // with permissions boundaries" and "Session policies",
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  boundaryNotNeeded?: boolean;
};

export type RequestEvidence = StatementRef & { layer: LayerName; level?: number; pendingClauses: ConditionClause[] };

export type RequestDecision = {
  decision: "allowed" | "conditional" | "denied" | "not-allowed";
  grantedBy: RequestEvidence[];
  deniedBy: RequestEvidence[];
  pendingConditions: PendingCondition[];
  blockedBy?: { layer: LayerName; level?: number };
};

// One request (action on one resource ARN) through the same layers as
// computeEffectiveActions, for questions such as "may this role call sts:AssumeRole on that
// role ARN?".
export function evaluateRequest(options: EvaluateRequestOptions): RequestDecision {
  const { catalogue } = options;
  const scpExempt = Boolean(options.isManagementAccount || options.isServiceLinkedRole);
  const rcpExempt = Boolean((options.resourceInManagementAccount ?? options.isManagementAccount) || options.isServiceLinkedRole);
  const rcpApplies = actionSupportsRcp({ catalogue, action: options.action });
  const policies = collectRequestLayers({ input: options, scpExempt, rcpExempt: rcpExempt || !rcpApplies });
  const context = mergeContexts(options.principal ? buildPrincipalContext(options.principal) : undefined, options.context);
  // Actions without a resource type are authorized against "*" whatever ARN the caller names
  // (see namesWildcardResource), so both evaluations agree on them.
  const actionIndex = findActionIndex({ catalogue, action: options.action });
  const resource = actionIndex !== undefined && hasAction(catalogue.wildcardOnlyActions, actionIndex) ? "*" : options.resource;
  const grantedBy: RequestEvidence[] = [];
  const deniedBy: RequestEvidence[] = [];
  const layerGrants = new Map<string, { layer: LayerName; level?: number; best: ConditionOutcome | "none" }>();
  if (!options.identityAllowNotNeeded) layerGrants.set("principal", { layer: "identity", best: "none" });
  for (const evaluated of policies) {
    const layerKey = evaluated.layer === "identity" || evaluated.layer === "group" ? "principal" : `${evaluated.layer}:${evaluated.level ?? 0}`;
    const isPrincipalLayer = layerKey === "principal";
    const notNeeded = isPrincipalLayer
      ? options.identityAllowNotNeeded
      : options.boundaryNotNeeded && (evaluated.layer === "boundary" || evaluated.layer === "session");
    if (!notNeeded && !layerGrants.has(layerKey)) {
      layerGrants.set(layerKey, { layer: evaluated.layer, level: evaluated.level, best: "none" });
    }
    for (const statement of evaluated.policy?.document.statements ?? []) {
      const match = matchRequest({ statement, action: options.action, resource, context, variables: supportsPolicyVariables(evaluated.policy?.document.version) });
      if (match.outcome === "false") continue;
      const evidence = toEvidence({ evaluated: { ...evaluated, policy: evaluated.policy! }, statement, pendingClauses: match.pending });
      if (statement.effect === "Deny") {
        deniedBy.push(evidence);
        continue;
      }
      const grant = layerGrants.get(layerKey);
      if (!grant) continue;
      if (isPrincipalLayer) grantedBy.push(evidence);
      if (grant.best !== "true") grant.best = match.outcome;
    }
  }
  const pendingConditions = [...grantedBy, ...deniedBy]
    .filter((evidence) => evidence.pendingClauses.length)
    .map((evidence) => ({ statement: refOf(evidence), effect: evidence.effect, clauses: evidence.pendingClauses }));
  const base = { grantedBy, deniedBy, pendingConditions };
  if (deniedBy.some((evidence) => evidence.pendingClauses.length === 0)) return { ...base, decision: "denied" };
  const blocking = [...layerGrants.values()].find((grant) => grant.best === "none");
  if (blocking) return { ...base, decision: "not-allowed", blockedBy: { layer: blocking.layer, level: blocking.level } };
  const unsettled = deniedBy.length > 0 || [...layerGrants.values()].some((grant) => grant.best === "unknown");
  return { ...base, decision: unsettled ? "conditional" : "allowed" };
}

function matchRequest(options: { statement: Statement; action: string; resource: string; context: ConditionContext; variables: boolean }): { outcome: ConditionOutcome; pending: ConditionClause[] } {
  const { statement, context } = options;
  const patterns = statement.actions ?? statement.notActions ?? [];
  const listed = patterns.some((pattern) => matchActionPattern({ pattern, action: options.action }));
  if (statement.actions ? !listed : listed) return { outcome: "false", pending: [] };
  const resource = matchResourceList({ statement, resource: options.resource, context, variables: options.variables });
  if (resource.outcome === "false") return resource;
  const conditions = evaluateConditions({ clauses: statement.conditions, context, variables: options.variables });
  if (conditions.outcome === "false") return { outcome: "false", pending: [] };
  const pending = [...resource.pending, ...conditions.unresolved];
  return { outcome: pending.length ? "unknown" : "true", pending };
}

// Resource patterns with an unresolvable ${variable} might match: they are reported as a
// pending pseudo-condition instead of being decided either way.
function matchResourceList(options: { statement: Statement; resource: string; context: ConditionContext; variables: boolean }): { outcome: ConditionOutcome; pending: ConditionClause[] } {
  const { statement, resource, context } = options;
  const patterns = statement.resources ?? statement.notResources;
  if (!patterns) return { outcome: "true", pending: [] };
  let matched = false;
  const unresolved: string[] = [];
  for (const pattern of patterns) {
    const resolved = options.variables ? resolveResourcePattern({ pattern, context }) : pattern;
    // null: a variable's key is absent for this caller, so the entry names nothing.
    if (resolved === undefined) unresolved.push(pattern);
    else if (resolved !== null && matchResource({ pattern: resolved, resource })) matched = true;
  }
  const pending = unresolved.length ? [{ operator: "ResourceVariable", key: statement.resources ? "Resource" : "NotResource", values: unresolved }] : [];
  if (statement.resources) return matched ? { outcome: "true", pending: [] } : { outcome: pending.length ? "unknown" : "false", pending };
  return matched ? { outcome: "false", pending: [] } : { outcome: pending.length ? "unknown" : "true", pending };
}

function actionSupportsRcp(options: { catalogue: ActionCatalogue; action: string }): boolean {
  const index = findActionIndex(options);
  if (index !== undefined) return hasAction(options.catalogue.rcpActions, index);
  const service = options.action.split(":")[0].toLowerCase();
  const serviceIndex = options.catalogue.serviceIndexByKey.get(service);
  return serviceIndex !== undefined && options.catalogue.services[serviceIndex].supportsRcp;
}

function toEvidence(options: { evaluated: RequestLayer & { policy: Policy }; statement: Statement; pendingClauses: ConditionClause[] }): RequestEvidence {
  const { evaluated, statement } = options;
  return {
    policyId: evaluated.policy.id,
    statementIndex: statement.index,
    sid: statement.sid,
    effect: statement.effect,
    layer: evaluated.layer,
    level: evaluated.level,
    pendingClauses: options.pendingClauses,
  };
}

function refOf(evidence: RequestEvidence): StatementRef {
  return { policyId: evidence.policyId, statementIndex: evidence.statementIndex, sid: evidence.sid, effect: evidence.effect };
}
