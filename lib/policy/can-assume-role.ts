import type { ActionCatalogue } from "./action-catalogue";
import type { EffectiveAccess, PrincipalPolicies } from "./effective-access-types";
import { evaluateRequest, type RequestDecision } from "./evaluate-request";
import { evaluateTrust, type TrustContext, type TrustDecision } from "./evaluate-trust";
import type { ConditionContext } from "./condition-context";
import { accountOfArn, isAwsCaller, type Caller } from "./match-principal";
import type { Policy } from "./policy-types";

export type AssumableRole = {
  arn: string;
  trustPolicy: Policy;
  // RCPs of the role's account (they guard sts:AssumeRole on its roles), OU path root first.
  rcps?: Policy[][];
  inManagementAccount?: boolean;
  // The organization of the role's account, when known: settles aws:ResourceOrgID.
  orgId?: string | null;
};

export type CanAssumeRoleOptions = {
  catalogue: ActionCatalogue;
  caller: Caller;
  role: AssumableRole;
  context?: TrustContext;
  withSessionTags?: boolean;
  // One of the two for AWS callers; service and federated callers have no identity policies.
  callerPolicies?: PrincipalPolicies;
  // A result of computeEffectiveActions for the caller; its inputs are reused.
  callerEffective?: EffectiveAccess;
};

export type AssumeRoleResult = {
  reachable: "yes" | "if-conditions" | "no";
  reason: string;
  trust: TrustDecision;
  identity?: RequestDecision;
};

// Both sides must agree: the role's trust policy must let the caller in, and, unless the
// trust names the caller itself within the same account, the caller's own policies (and its
// account's SCPs) must allow sts:AssumeRole on the role's ARN. A trust to another account's
// :root grants nothing by itself.
export function canAssumeRole(options: CanAssumeRoleOptions): AssumeRoleResult {
  const { caller, role } = options;
  const trust = evaluateTrust({ trustPolicy: role.trustPolicy, caller, roleArn: role.arn, context: options.context, withSessionTags: options.withSessionTags });
  const trustDeniesOutright = trust.deniedBy.some((match) => match.pendingClauses.length === 0);
  if (trust.decision === "denied" && trustDeniesOutright) return { reachable: "no", reason: "the trust policy explicitly denies the caller", trust };
  if (!isAwsCaller(caller)) {
    return trust.decision === "denied" ? { reachable: "no", reason: "the trust policy does not name the caller", trust } : fromTrustOnly(trust);
  }
  const callerPolicies = options.callerPolicies ?? options.callerEffective?.input;
  if (!callerPolicies) throw new Error(`canAssumeRole: caller ${caller.arn} is an AWS principal; pass callerPolicies or callerEffective`);
  const identity = evaluateCallerSide({ ...options, callerPolicies, trust });
  // When both sides refuse, the explicit deny is the reason: it holds whatever the trust
  // policy is changed to.
  if (identity.decision === "denied") return { reachable: "no", reason: "an explicit deny on the caller's side applies", trust, identity };
  if (trust.decision === "denied") return { reachable: "no", reason: "the trust policy does not name the caller", trust, identity };
  if (identity.decision === "not-allowed") {
    const reason = identity.blockedBy?.layer === "identity"
      ? "the caller's identity policies do not allow sts:AssumeRole on the role"
      : `the caller's ${identity.blockedBy?.layer ?? "policies"} do not allow sts:AssumeRole on the role`;
    return { reachable: "no", reason, trust, identity };
  }
  const certain = trust.decision === "allowed" && identity.decision === "allowed";
  return {
    reachable: certain ? "yes" : "if-conditions",
    reason: certain ? "trust policy and caller's policies both allow" : "allowed only if the pending conditions hold",
    trust,
    identity,
  };
}

// The caller's side of the request: its identity policies (unless the trust names it within
// the account), boundary (unless the trust names its user ARN or session), session policies,
// its account's SCPs and the role account's RCPs, with what the request is known to carry:
// aws:ResourceAccount is the role's account (aws:ResourceOrgID its organization when
// known), and the trust context's values
// (aws:RequestedRegion, aws:MultiFactorAuthPresent, ...) are the same request's.
function evaluateCallerSide(options: CanAssumeRoleOptions & { callerPolicies: PrincipalPolicies; trust: TrustDecision }): RequestDecision {
  const { caller, role, trust } = options;
  const principal = caller.accountId
    ? {
      arn: caller.arn, accountId: caller.accountId, orgId: caller.orgId, tags: caller.tags, kind: caller.kind, uniqueId: caller.uniqueId,
      userName: caller.kind === "user" ? caller.arn.slice(caller.arn.lastIndexOf("/") + 1) : undefined,
    }
    : undefined;
  const context = requestContext({ role, context: options.context });
  const decisions = trust.actions.map((action) =>
    evaluateRequest({
      ...options.callerPolicies,
      rcps: role.rcps,
      resourceInManagementAccount: role.inManagementAccount ?? false,
      catalogue: options.catalogue,
      action,
      resource: role.arn,
      principal,
      context,
      identityAllowNotNeeded: !trust.requiresIdentityAllow,
      boundaryNotNeeded: trust.grantsDespiteBoundary,
    }),
  );
  return decisions.find((decision) => decision.decision === "denied")
    ?? decisions.find((decision) => decision.decision === "not-allowed")
    ?? decisions.find((decision) => decision.decision === "conditional")
    ?? decisions[0];
}

function requestContext(options: { role: AssumableRole; context?: TrustContext }): ConditionContext {
  const values: ConditionContext["values"] = {};
  for (const [key, value] of Object.entries(options.context?.values ?? {})) {
    values[key.toLowerCase()] = value === null ? null : Array.isArray(value) ? value : [value];
  }
  const roleAccount = accountOfArn(options.role.arn);
  if (roleAccount) values["aws:resourceaccount"] = [roleAccount];
  if (options.role.orgId !== undefined) values["aws:resourceorgid"] = options.role.orgId === null ? null : [options.role.orgId];
  return { values };
}

function fromTrustOnly(trust: TrustDecision): AssumeRoleResult {
  return trust.decision === "allowed"
    ? { reachable: "yes", reason: "the trust policy allows the caller", trust }
    : { reachable: "if-conditions", reason: "the trust policy allows the caller if the pending conditions hold", trust };
}
