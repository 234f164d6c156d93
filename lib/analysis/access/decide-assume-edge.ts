import { canAssumeRole, evaluateRequest, evaluateTrust, type Caller, type Policy, type TrustDecision } from "../../policy";
import type { TPrincipal } from "../model";
import { evaluatePrincipal, principalArn, principalInputOf, type TPrincipalEvaluator } from "./create-principal-evaluator";
import type { TTrustedRole } from "./index-role-trusts";

// null: the caller cannot assume the role; otherwise whether it depends on conditions.
export type TEdgeDecision = { conditional: boolean } | null;

export type TEdgeDecider = {
  decide: (options: { caller: TPrincipal; role: TTrustedRole; named: boolean }) => TEdgeDecision;
  stats: { trustEvaluations: number; trustReused: number; fullChecks: number };
};

// The same decision canAssumeRole makes, taken cheaply for the common cases: the trust
// verdict is shared by all callers of an account when nothing in the trust singles one out,
// and the caller side is read from the sts:AssumeRole status noted during access
// computation. Only resource-scoped or conditional grants, and callers whose own RCPs may
// have hidden a grant, go through canAssumeRole itself.
export function createEdgeDecider(options: { evaluator: TPrincipalEvaluator }): TEdgeDecider {
  const { evaluator } = options;
  const trustVerdicts = new Map<string, TrustDecision>();
  const rcpVerdicts = new Map<string, TEdgeDecision>();
  const uniformStacks = new WeakMap<Policy[][], boolean>();
  const stats = { trustEvaluations: 0, trustReused: 0, fullChecks: 0 };

  const trustFor = (caller: TPrincipal, callerFacts: Caller, role: TTrustedRole, named: boolean): TrustDecision => {
    const shareable = !named && !role.callerDependent;
    const key = shareable ? `${role.arn}|${caller.accountId}|${callerFacts.kind}` : "";
    const known = shareable ? trustVerdicts.get(key) : undefined;
    if (known) {
      stats.trustReused++;
      return known;
    }
    stats.trustEvaluations++;
    const verdict = evaluateTrust({ trustPolicy: role.trust, caller: callerFacts, roleArn: role.arn });
    if (shareable) trustVerdicts.set(key, verdict);
    return verdict;
  };

  // RCPs of the role's account guard sts:AssumeRole on its roles.
  const targetRcps = (caller: TPrincipal, callerFacts: Caller, role: TTrustedRole): TEdgeDecision => {
    const stack = evaluator.stacks.get(role.accountId);
    if (!stack || stack.isManagement || stack.rcps.length === 0 || caller.serviceLinked) return { conditional: false };
    let uniform = uniformStacks.get(stack.rcps);
    if (uniform === undefined) {
      uniform = stack.rcps.every((level) => level.every((policy) => policy.document.statements.every(isUniformRcpStatement)));
      uniformStacks.set(stack.rcps, uniform);
    }
    const key = uniform ? `${role.accountId}|${caller.accountId}|${callerFacts.kind}` : "";
    if (uniform && rcpVerdicts.has(key)) return rcpVerdicts.get(key)!;
    const request = evaluateRequest({
      catalogue: evaluator.catalogue, identityPolicies: [], rcps: stack.rcps, identityAllowNotNeeded: true,
      action: "sts:AssumeRole", resource: role.arn, principal: factsOf(callerFacts), resourceInManagementAccount: false,
    });
    const verdict = request.decision === "allowed" ? { conditional: false } : request.decision === "conditional" ? { conditional: true } : null;
    if (uniform) rcpVerdicts.set(key, verdict);
    return verdict;
  };

  const decide = ({ caller, role, named }: { caller: TPrincipal; role: TTrustedRole; named: boolean }): TEdgeDecision => {
    if (!caller.accountId) return null;
    const callerFacts = callerOf({ evaluator, caller });
    const trust = trustFor(caller, callerFacts, role, named);
    if (trust.decision === "denied") return null;
    let status = evaluator.assumeRoleStatus.get(caller.key);
    if (status === undefined) {
      evaluatePrincipal({ evaluator, principal: caller });
      status = evaluator.assumeRoleStatus.get(caller.key) ?? "not-allowed";
    }
    const callerStack = evaluator.stacks.get(caller.accountId);
    // The caller's own RCPs were applied to its sts:AssumeRole status, but for another
    // account's role only that account's RCPs count: a "no" may then be wrong.
    const ownRcpsMayHide = Boolean(callerStack && callerStack.rcps.length > 0 && !callerStack.isManagement && !caller.serviceLinked);
    if (status === "allowed") {
      const rcp = targetRcps(caller, callerFacts, role);
      return rcp && { conditional: rcp.conditional || trust.decision !== "allowed" };
    }
    if (!ownRcpsMayHide && (status === "denied" || (status === "not-allowed" && trust.requiresIdentityAllow))) return null;
    stats.fullChecks++;
    const callerPolicies = principalInputOf({ evaluator, principal: caller });
    if (!callerPolicies) return null;
    const result = canAssumeRole({
      catalogue: evaluator.catalogue,
      caller: callerFacts,
      role: { arn: role.arn, trustPolicy: role.trust, rcps: evaluator.stacks.get(role.accountId)?.rcps, inManagementAccount: evaluator.stacks.get(role.accountId)?.isManagement },
      callerPolicies,
    });
    return result.reachable === "no" ? null : { conditional: result.reachable === "if-conditions" };
  };
  return { decide, stats };
}

export function callerOf(options: { evaluator: TPrincipalEvaluator; caller: TPrincipal }): Caller {
  const { caller } = options;
  return {
    kind: caller.kind === "iam-user" ? "user" : "role",
    arn: principalArn(caller),
    accountId: caller.accountId ?? undefined,
    orgId: options.evaluator.model.organizationId ?? undefined,
    uniqueId: caller.id,
    tags: caller.tags,
  };
}

function factsOf(caller: Caller) {
  return { arn: caller.arn, accountId: caller.accountId ?? "", orgId: caller.orgId, tags: caller.tags, kind: caller.kind, uniqueId: caller.uniqueId };
}

// Resource "*" and no condition on who exactly the caller is: the verdict holds for every
// caller of the same account and kind.
function isUniformRcpStatement(statement: { resources?: string[]; notResources?: string[]; conditions: Array<{ key: string; values: string[] }> }): boolean {
  if (statement.notResources || !(statement.resources ?? ["*"]).every((resource) => resource === "*")) return false;
  return statement.conditions.every((clause) => {
    const key = clause.key.toLowerCase();
    return !key.startsWith("aws:principalarn") && !key.startsWith("aws:principaltag/") && key !== "aws:userid" && key !== "aws:username"
      && clause.values.every((value) => !value.includes("${"));
  });
}
