import type { ActionCatalogue } from "./action-catalogue";
import { assessResourceExposure, type ResourceFacts } from "./assess-resource-exposure";
import { buildPrincipalContext, mergeContexts, type ConditionContext, type PrincipalFacts } from "./condition-context";
import type { PrincipalPolicies } from "./effective-access-types";
import { evaluateRequest, type RequestDecision } from "./evaluate-request";
import { evaluateResourcePolicy, type ResourcePolicyDecision, type ResourcePolicyMatch } from "./evaluate-resource-policy";
import type { ResourceCaller } from "./match-resource-principal";
import type { Policy } from "./policy-types";
import { aclGrantAllows, effectiveBlockPublicAccess, effectivePublicAclGrants } from "./s3-block-public-access";

export type ResourceUnderTest = ResourceFacts & {
  // RCPs of the resource owner's account, OU path root first.
  rcps?: Policy[][];
  inManagementAccount?: boolean;
};

export type ResourceAccessPath = "identity" | "resource-policy" | "kms-grant" | "acl";

export type ResourceAccessDecision = {
  decision: "allowed" | "conditional" | "denied" | "not-allowed";
  via: ResourceAccessPath[];
  reason: string;
  identity?: RequestDecision;
  resourcePolicy?: ResourcePolicyDecision;
};

export type EvaluateResourceAccessOptions = {
  catalogue: ActionCatalogue;
  caller: ResourceCaller;
  // The caller's own policies and its account's SCPs (rcps come from the resource).
  callerPolicies: PrincipalPolicies;
  action: string;
  resource: ResourceUnderTest;
  // The ARN the request names, when narrower than the resource (an S3 object key).
  requestResource?: string;
  context?: ConditionContext;
  orgId?: string | null;
  orgAccountIds?: string[];
};

type TPathOutcome = "allowed" | "conditional" | "none";

// One principal, one action, one resource, with AWS's logic for resource-based policies
// (reference_policies_evaluation-logic, -cross-account, KMS key-policies, S3 Block Public
// Access): within the account the identity policy OR the resource policy may grant, across
// accounts both must; a KMS key policy must allow (directly or by delegating to the account)
// before identity policies count; an explicit deny anywhere wins.
export function evaluateResourceAccess(options: EvaluateResourceAccessOptions): ResourceAccessDecision {
  const { caller, resource, catalogue } = options;
  const requestResource = options.requestResource ?? resource.arn;
  const sameAccount = caller.accountId === resource.accountId;
  const facts: PrincipalFacts | undefined = caller.accountId
    ? { arn: caller.sessionArn ?? caller.arn, accountId: caller.accountId, orgId: caller.orgId ?? options.orgId, tags: caller.tags, kind: caller.kind, uniqueId: caller.uniqueId }
    : undefined;
  const context = mergeContexts(facts ? buildPrincipalContext(facts) : undefined, options.context);
  const base = { ...options.callerPolicies, rcps: resource.rcps, resourceInManagementAccount: resource.inManagementAccount ?? false, catalogue, action: options.action, resource: requestResource, principal: facts, context };
  const identity = evaluateRequest(base);
  const resourcePolicy = resource.policy
    ? evaluateResourcePolicy({ policy: resource.policy, caller, action: options.action, resource: requestResource, context })
    : undefined;
  const evidence = { identity, resourcePolicy };
  if (identity.decision === "denied") return { ...evidence, decision: "denied", via: [], reason: "an explicit deny in the caller's policies, SCPs or the owner's RCPs applies" };
  if (resourcePolicy?.deny === "yes") return { ...evidence, decision: "denied", via: [], reason: "the resource policy explicitly denies the caller" };

  const restricted = restrictedByBpa({ options, sameAccount });
  const allows = restricted ? [] : (resourcePolicy?.allowedBy ?? []).filter((match) => match.effect === "Allow");
  const isKms = resource.type === "kms-key";
  const delegations = allows.filter((match) => match.matchedBy === "account");
  const direct = allows.filter((match) => match.matchedBy !== "account");

  // Identity path: the caller's own policies, under every ceiling. Across accounts, and for a
  // KMS key in any account, the resource policy must also name the caller or its account.
  const resourceSideNeeded = !sameAccount || isKms;
  const resourceSide = best([...delegations, ...direct].map(outcomeOf));
  let identityPath: TPathOutcome = fromRequest(identity);
  if (resourceSideNeeded) identityPath = both(identityPath, resourceSide);
  // Resource path within the account: the policy names the caller itself (or "*"); only the
  // ceilings still apply, and a grant to an IAM user or a role session escapes the implicit
  // deny of a permissions boundary or session policy, a grant to a role ARN does not.
  let resourcePath: TPathOutcome = "none";
  let ceilingBlock: string | undefined;
  if (sameAccount && direct.length > 0) {
    resourcePath = best(direct.map((match) => {
      const ceiling = ceilingDecision({ base, match });
      if (ceiling.blockedBy) ceilingBlock = ceiling.blockedBy.layer;
      return both(outcomeOf(match), fromRequest(ceiling));
    }));
  }
  let grantPath: TPathOutcome = "none";
  if (isKms && kmsGrantMatches({ options })) grantPath = ceilingOutcome({ base, match: undefined });
  let aclPath: TPathOutcome = "none";
  if (resource.s3 && effectivePublicAclGrants(resource.s3).some((grant) => aclGrantAllows({ grant, action: options.action }))) {
    aclPath = sameAccount ? ceilingOutcome({ base, match: undefined }) : fromRequest(identity);
  }
  const paths: Array<[ResourceAccessPath, TPathOutcome]> = [["identity", identityPath], ["resource-policy", resourcePath], ["kms-grant", grantPath], ["acl", aclPath]];
  let outcome = best(paths.map(([, path]) => path));
  if (outcome === "allowed" && (resourcePolicy?.deny === "conditional" || identity.deniedBy.length > 0)) outcome = "conditional";
  const via = paths.filter(([, path]) => path !== "none" && path === best(paths.map(([, each]) => each))).map(([name]) => name);
  if (outcome === "none") return { ...evidence, decision: "not-allowed", via: [], reason: notAllowedReason({ sameAccount, isKms, identity, resourceSide, restricted, ceilingBlock }) };
  return { ...evidence, decision: outcome, via, reason: `allowed through ${via.join(", ")}${outcome === "conditional" ? " if the pending conditions hold" : ""}` };
}

// RestrictPublicBuckets: a bucket whose policy is public answers only AWS service
// principals and the owner account; every other account's caller is refused.
function restrictedByBpa(options: { options: EvaluateResourceAccessOptions; sameAccount: boolean }): boolean {
  const { resource, caller } = options.options;
  if (!resource.s3 || options.sameAccount || caller.kind === "service") return false;
  if (!effectiveBlockPublicAccess(resource.s3).restrictPublicBuckets) return false;
  const exposure = assessResourceExposure({
    resource, catalogue: options.options.catalogue, orgId: options.options.orgId ?? null, orgAccountIds: new Set(options.options.orgAccountIds ?? []),
  });
  return exposure.policyPublic;
}

function ceilingOutcome(options: { base: Parameters<typeof evaluateRequest>[0]; match: ResourcePolicyMatch | undefined }): TPathOutcome {
  return fromRequest(ceilingDecision(options));
}

// Only the ceilings (SCPs, RCPs, boundary, session policies) and denies: the grant itself
// comes from the resource side.
function ceilingDecision(options: { base: Parameters<typeof evaluateRequest>[0]; match: ResourcePolicyMatch | undefined }): RequestDecision {
  const escapesBoundary = options.match?.matchedBy === "user-arn" || options.match?.matchedBy === "role-session";
  const request = escapesBoundary ? { ...options.base, permissionBoundary: undefined, sessionPolicies: undefined } : options.base;
  return evaluateRequest({ ...request, identityAllowNotNeeded: true });
}

function kmsGrantMatches(options: { options: EvaluateResourceAccessOptions }): boolean {
  const { caller, resource, action } = options.options;
  const operation = action.split(":")[1]?.toLowerCase();
  return (resource.kmsGrants ?? []).some((grant) =>
    (grant.granteePrincipal === caller.arn || grant.granteePrincipal === caller.sessionArn)
    && grant.operations.some((each) => each.toLowerCase() === operation));
}

function notAllowedReason(options: { sameAccount: boolean; isKms: boolean; identity: RequestDecision; resourceSide: TPathOutcome; restricted: boolean; ceilingBlock?: string }): string {
  if (options.restricted) return "RestrictPublicBuckets limits this bucket with a public policy to its own account and AWS services";
  if (options.isKms && options.resourceSide === "none") return "the key policy neither names the caller nor delegates to its account, so identity policies have no effect";
  if (!options.sameAccount && options.resourceSide === "none") return "cross-account: the resource policy does not allow the caller";
  if (!options.sameAccount) return "cross-account: the caller's identity policy does not allow the action";
  if (options.ceilingBlock) return `the resource policy grants, but the caller's ${options.ceilingBlock} does not allow the action`;
  const layer = options.identity.blockedBy?.layer;
  return layer && layer !== "identity" ? `the caller's ${layer} does not allow the action` : "neither the identity policy nor the resource policy allows the action";
}

function outcomeOf(match: ResourcePolicyMatch): TPathOutcome {
  return match.pendingClauses.length ? "conditional" : "allowed";
}

function fromRequest(decision: RequestDecision): TPathOutcome {
  return decision.decision === "allowed" ? "allowed" : decision.decision === "conditional" ? "conditional" : "none";
}

function both(a: TPathOutcome, b: TPathOutcome): TPathOutcome {
  if (a === "none" || b === "none") return "none";
  return a === "allowed" && b === "allowed" ? "allowed" : "conditional";
}

function best(outcomes: TPathOutcome[]): TPathOutcome {
  if (outcomes.includes("allowed")) return "allowed";
  return outcomes.includes("conditional") ? "conditional" : "none";
}
