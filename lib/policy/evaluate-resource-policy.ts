import { matchWildcard } from "./compile-wildcard";
import type { ConditionContext } from "./condition-context";
import { evaluateConditions } from "./evaluate-conditions";
import { matchResourcePrincipal, type ResourceCaller, type ResourcePrincipalMatch } from "./match-resource-principal";
import { matchResource } from "./match-resource";
import type { ConditionClause, Policy, Statement, StatementRef } from "./policy-types";

export type ResourcePolicyMatch = StatementRef & { matchedBy: ResourcePrincipalMatch | "not-principal"; pendingClauses: ConditionClause[] };

export type ResourcePolicyOutcome = "none" | "conditional" | "yes";

export type ResourcePolicyDecision = {
  allow: ResourcePolicyOutcome;
  deny: ResourcePolicyOutcome;
  allowedBy: ResourcePolicyMatch[];
  deniedBy: ResourcePolicyMatch[];
};

// The resource policy's side of one request: which Allow and Deny statements name the
// caller (Principal or NotPrincipal), the action and the resource ARN. A statement without
// Resource applies to the resource the policy is attached to (SQS, SNS, KMS, Lambda, …).
export function evaluateResourcePolicy(options: {
  policy: Policy;
  caller: ResourceCaller;
  action: string;
  resource: string;
  context: ConditionContext;
}): ResourcePolicyDecision {
  const allowedBy: ResourcePolicyMatch[] = [];
  const deniedBy: ResourcePolicyMatch[] = [];
  let allow: ResourcePolicyOutcome = "none";
  let deny: ResourcePolicyOutcome = "none";
  for (const statement of options.policy.document.statements) {
    const match = matchStatement({ ...options, statement });
    if (!match) continue;
    const level: ResourcePolicyOutcome = match.pendingClauses.length ? "conditional" : "yes";
    if (statement.effect === "Deny") {
      deniedBy.push(match);
      if (deny !== "yes") deny = level;
    } else {
      allowedBy.push(match);
      if (allow !== "yes") allow = level;
    }
  }
  return { allow, deny, allowedBy, deniedBy };
}

function matchStatement(options: {
  policy: Policy;
  statement: Statement;
  caller: ResourceCaller;
  action: string;
  resource: string;
  context: ConditionContext;
}): ResourcePolicyMatch | undefined {
  const { statement, caller } = options;
  const patterns = statement.actions ?? statement.notActions ?? [];
  const listed = patterns.some((pattern) => matchWildcard({ pattern, value: options.action, ignoreCase: true }));
  if (statement.actions ? !listed : listed) return undefined;
  if (statement.resources && !statement.resources.some((pattern) => matchResource({ pattern, resource: options.resource }))) return undefined;
  if (statement.notResources?.some((pattern) => matchResource({ pattern, resource: options.resource }))) return undefined;
  let matchedBy: ResourcePolicyMatch["matchedBy"] | undefined;
  if (statement.principal) matchedBy = matchResourcePrincipal({ set: statement.principal, caller });
  else if (statement.notPrincipal && !matchResourcePrincipal({ set: statement.notPrincipal, caller })) matchedBy = "not-principal";
  if (!matchedBy) return undefined;
  const conditions = evaluateConditions({ clauses: statement.conditions, context: options.context });
  if (conditions.outcome === "false") return undefined;
  return {
    policyId: options.policy.id,
    statementIndex: statement.index,
    sid: statement.sid,
    effect: statement.effect,
    matchedBy,
    pendingClauses: conditions.unresolved,
  };
}
