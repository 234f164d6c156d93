import { parsePolicy, type Statement } from "../../policy";
import type { TPolicyDocRef } from "../model";
import type { TFinding } from "../results";
import { describePolicy, type TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

export const ADMIN_POLICY_ATTACHED: TFindingRule = {
  id: "admin-policy-attached",
  category: "admin",
  title: "Policy allowing \"*:*\" attached",
  description: "A policy whose document allows Action \"*\" on Resource \"*\" (what CIS 1.15 calls \"*:*\": AdministratorAccess, or a customer managed or inline policy written the same way) is attached to a user, group or role. Low for roles Identity Center materialises from a permission set (fix the permission set). A literal \"*:*\" entry is not counted: its service prefix is no service namespace, so AWS's policy validation rejects it (INVALID_SERVICE_IN_ACTION) and it names no action, as the access engine reads it too.",
  severity: "high",
  cisControl: "1.15",
  remediation: "Detach the policy and grant only the actions the principal needs; keep full administrator access to a few break-glass roles, assumed with MFA.",
};

type TOwner = { key: string; accountId: string | null; name: string; kind: string; arn: string | null; ssoPermissionSetName: string | null };

export function findFullAdminPolicies(options: { context: TFindingContext }): TFinding[] {
  const { model } = options.context;
  const statementsByPolicy = new Map<string, Statement[]>();
  const owners: Array<{ owner: TOwner; policies: TPolicyDocRef[] }> = [
    ...model.principals.filter((principal) => principal.kind !== "sso-user").map((principal) => ({ owner: principal, policies: principal.identityPolicies })),
    ...model.groups.map((group) => ({ owner: { ...group, kind: "iam-group", ssoPermissionSetName: null }, policies: group.policies })),
  ];
  const findings: TFinding[] = [];
  for (const { owner, policies } of owners) {
    for (const policy of policies) {
      let statements = statementsByPolicy.get(policy.id);
      if (!statements) {
        statements = fullAdminStatements(policy);
        statementsByPolicy.set(policy.id, statements);
      }
      if (statements.length === 0) continue;
      findings.push(makeFinding({
        rule: ADMIN_POLICY_ATTACHED,
        accountId: owner.accountId,
        resourceKey: owner.key,
        resourceName: owner.name,
        detail: policy.id,
        severity: owner.ssoPermissionSetName ? "low" : "high",
        title: `${policy.name} (allows "*:*") attached to ${owner.name}`,
        evidence: {
          ownerKind: owner.kind,
          ownerArn: owner.arn,
          ssoPermissionSetName: owner.ssoPermissionSetName,
          policy: describePolicy(policy),
          statements: statements.map((statement) => ({
            index: statement.index,
            sid: statement.sid ?? null,
            effect: statement.effect,
            actions: statement.actions,
            resources: statement.resources,
            conditions: statement.conditions,
          })),
        },
      }));
    }
  }
  return findings;
}

// "Every action" as the engine reads an Action entry (lib/policy/match-action.ts): only "*".
// "*:*" has a wildcard for its service namespace: IAM JSON policy elements: Action
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html)
// puts wildcards in the action name only, and IAM Access Analyzer's INVALID_SERVICE_IN_ACTION
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
// requires the prefix to be a service's prefix, so it matches no action at all.
export const grantsEveryAction = (action: string) => action === "*";

function fullAdminStatements(policy: TPolicyDocRef): Statement[] {
  try {
    const parsed = parsePolicy({ id: policy.id, kind: "identity", document: policy.document });
    return parsed.document.statements.filter((statement) =>
      statement.effect === "Allow"
      && (statement.actions ?? []).some(grantsEveryAction)
      && (statement.resources ?? []).includes("*"));
  } catch {
    return [];
  }
}
