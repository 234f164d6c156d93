import { evaluateRequest, type Caller, type Policy, type Statement } from "../../policy";
import type { TPrincipalEvaluator } from "./create-principal-evaluator";

// null: the RCPs block the call; otherwise whether they let it through only under conditions.
export type TRcpVerdict = { conditional: boolean } | null;

export type TRcpAssumeCheck = (options: { accountId: string; caller: Caller; serviceLinked: boolean; roleArn: string }) => TRcpVerdict;

// What one account's RCPs say about a caller calling sts:AssumeRole on one of its roles
// (RCPs guard the roles of the account they are attached to). A data perimeter reads the
// same for every caller of an account and kind, so the verdict is shared unless a
// statement singles callers out or names particular resources.
export function createRcpAssumeCheck(options: { evaluator: TPrincipalEvaluator }): TRcpAssumeCheck {
  const { evaluator } = options;
  const verdicts = new Map<string, TRcpVerdict>();
  const uniformStacks = new WeakMap<Policy[][], boolean>();
  return ({ accountId, caller, serviceLinked, roleArn }) => {
    const stack = evaluator.stacks.get(accountId);
    if (!stack || stack.isManagement || stack.rcps.length === 0 || serviceLinked) return { conditional: false };
    let uniform = uniformStacks.get(stack.rcps);
    if (uniform === undefined) {
      uniform = stack.rcps.every((level) => level.every((policy) => policy.document.statements.every(isUniform)));
      uniformStacks.set(stack.rcps, uniform);
    }
    const key = uniform ? `${accountId}|${caller.accountId}|${caller.kind}` : "";
    if (uniform && verdicts.has(key)) return verdicts.get(key)!;
    const request = evaluateRequest({
      catalogue: evaluator.catalogue, identityPolicies: [], rcps: stack.rcps, identityAllowNotNeeded: true, resourceInManagementAccount: false,
      action: "sts:AssumeRole", resource: roleArn,
      principal: { arn: caller.arn, accountId: caller.accountId ?? "", orgId: caller.orgId, tags: caller.tags, kind: caller.kind, uniqueId: caller.uniqueId },
    });
    const verdict = request.decision === "allowed" ? { conditional: false } : request.decision === "conditional" ? { conditional: true } : null;
    if (uniform) verdicts.set(key, verdict);
    return verdict;
  };
}

function isUniform(statement: Statement): boolean {
  if (statement.notResources || !(statement.resources ?? ["*"]).every((resource) => resource === "*")) return false;
  return statement.conditions.every((clause) => {
    const key = clause.key.toLowerCase();
    return !key.startsWith("aws:principalarn") && !key.startsWith("aws:principaltag/") && key !== "aws:userid" && key !== "aws:username"
      && clause.values.every((value) => !value.includes("${"));
  });
}
