import { canAssumeRole, evaluateTrust, type Caller, type TrustDecision } from "../../policy";
import type { TPrincipal } from "../model";
import { createRcpAssumeCheck } from "./check-rcp-assume";
import { evaluatePrincipal, principalArn, principalInputOf, type TPrincipalEvaluator } from "./create-principal-evaluator";
import type { TTrustedRole } from "./index-role-trusts";
import { callerDecisionKey, mayAllowAssumeRole } from "./may-allow-assume-role";

// null: the caller cannot assume the role; otherwise whether it depends on conditions.
export type TEdgeDecision = { conditional: boolean } | null;

export type TEdgeDecider = {
  decide: (options: { caller: TPrincipal; role: TTrustedRole; named: boolean }) => TEdgeDecision;
  stats: { trustEvaluations: number; trustReused: number; fullChecks: number; fullChecksReused: number };
};

// The decision canAssumeRole makes, taken cheaply for the common cases. The trust verdict is
// shared by all callers of an account when nothing in the trust singles one out; the caller
// side comes from the sts:AssumeRole status noted during access computation; callers
// granted sts:AssumeRole on other ARNs only are ruled out by pattern. What remains
// (resource-scoped or conditional grants) goes through canAssumeRole, once per distinct set
// of caller policies when those do not depend on who the caller is.
export function createEdgeDecider(options: { evaluator: TPrincipalEvaluator }): TEdgeDecider {
  const { evaluator } = options;
  const trustVerdicts = new Map<string, TrustDecision>();
  const fullVerdicts = new Map<string, TEdgeDecision>();
  const rcpCheck = createRcpAssumeCheck({ evaluator });
  const stats = { trustEvaluations: 0, trustReused: 0, fullChecks: 0, fullChecksReused: 0 };
  // Callers are decided one after another against all their candidate roles.
  let current: { caller: TPrincipal; facts: Caller; input: ReturnType<typeof principalInputOf>; decisionKey?: string | undefined } | undefined;

  const decide = ({ caller, role, named }: { caller: TPrincipal; role: TTrustedRole; named: boolean }): TEdgeDecision => {
    if (!caller.accountId) return null;
    if (current?.caller !== caller) current = { caller, facts: callerOf({ evaluator, caller }), input: null };
    const facts = current.facts;
    const trustKey = !named && !role.callerDependent ? `${role.arn}|${caller.accountId}|${facts.kind}` : undefined;
    let trust = trustKey ? trustVerdicts.get(trustKey) : undefined;
    if (trust) stats.trustReused++;
    else {
      stats.trustEvaluations++;
      trust = evaluateTrust({ trustPolicy: role.trust, caller: facts, roleArn: role.arn });
      if (trustKey) trustVerdicts.set(trustKey, trust);
    }
    if (trust.decision === "denied") return null;
    let status = evaluator.assumeRoleStatus.get(caller.key);
    if (status === undefined) {
      evaluatePrincipal({ evaluator, principal: caller });
      status = evaluator.assumeRoleStatus.get(caller.key) ?? "not-allowed";
    }
    if (status === "allowed") {
      const rcp = rcpCheck({ accountId: role.accountId, caller: facts, serviceLinked: caller.serviceLinked, roleArn: role.arn });
      return rcp && { conditional: rcp.conditional || trust.decision !== "allowed" };
    }
    // The caller's own RCPs were applied to its sts:AssumeRole status, but for another
    // account's role only that account's RCPs count: a "no" is only trusted when the
    // caller's own RCPs let sts:AssumeRole through unconditionally.
    const ownRcps = rcpCheck({ accountId: caller.accountId, caller: facts, serviceLinked: caller.serviceLinked, roleArn: role.arn.replace(/::\d{12}:/, `::${caller.accountId}:`) });
    const ownRcpsMayHide = !ownRcps || ownRcps.conditional;
    if (!ownRcpsMayHide && (status === "denied" || (status === "not-allowed" && trust.requiresIdentityAllow))) return null;
    if (current.input === null) {
      current.input = principalInputOf({ evaluator, principal: caller });
      current.decisionKey = current.input ? callerDecisionKey(current.input) : undefined;
    }
    const input = current.input;
    if (!input) return null;
    if (trust.requiresIdentityAllow && !mayAllowAssumeRole({ policies: [...input.identityPolicies, ...(input.groupPolicies ?? [])], roleArn: role.arn })) return null;
    const fullKey = trustKey && current.decisionKey !== undefined ? `${current.decisionKey}|${trustKey}` : undefined;
    if (fullKey && fullVerdicts.has(fullKey)) {
      stats.fullChecksReused++;
      return fullVerdicts.get(fullKey)!;
    }
    stats.fullChecks++;
    const stack = evaluator.stacks.get(role.accountId);
    const result = canAssumeRole({
      catalogue: evaluator.catalogue, caller: facts, callerPolicies: input,
      // Every account of the model belongs to the organization being analysed.
      role: { arn: role.arn, trustPolicy: role.trust, rcps: stack?.rcps, inManagementAccount: stack?.isManagement, orgId: evaluator.model.organizationId ?? undefined },
    });
    const verdict = result.reachable === "no" ? null : { conditional: result.reachable === "if-conditions" };
    if (fullKey) fullVerdicts.set(fullKey, verdict);
    return verdict;
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
