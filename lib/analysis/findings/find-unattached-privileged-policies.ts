import { ESCALATION_PATHS, parsePolicy, type Statement } from "../../policy";
import type { TCustomerManagedPolicy } from "../model";
import type { TFinding } from "../results";
import { statementAllowsAction } from "./action-pattern";
import { grantsEveryAction } from "./find-full-admin-policies";
import { accountName, type TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

export const UNATTACHED_PRIVILEGED_POLICY: TFindingRule = {
  id: "unattached-privileged-policy",
  category: "hygiene",
  title: "Unattached customer managed policy granting administrator or escalation actions",
  description: "A customer managed policy attached to no user, group or role (and used as no boundary) allows \"*\" on every resource, or every action of a privilege-escalation path (iam:CreatePolicyVersion, iam:AttachRolePolicy, iam:PassRole with a compute service, ...). It grants nothing today, but one attach call, by anyone allowed to attach policies, turns it into administrator access: a loaded gun. Security Hub's IAM.1 checks customer managed policies for \"*:*\" (Action \"*\") whether attached or not; a literal \"*:*\" entry names no action and is not counted.",
  severity: "medium",
  cisControl: null,
  fsbpControl: "IAM.1",
  remediation: "Delete the policy if nothing needs it; otherwise narrow it to the actions and resources its future holder needs, before anyone attaches it.",
};

type TGrant = { kind: "administrator" | "escalation"; pathId: string | null; actions: string[]; statements: number[] };

// Resource "*" (or a NotResource) is what makes the grant account-wide; a policy scoped to named resources is not a loaded gun.
const onEveryResource = (statement: Statement) => (statement.resources ?? []).includes("*") || Boolean(statement.notResources);

function privilegedGrants(policy: TCustomerManagedPolicy): TGrant[] {
  let statements: Statement[];
  try {
    statements = parsePolicy({ id: policy.arn, kind: "identity", document: policy.document }).document.statements.filter((s) => s.effect === "Allow" && onEveryResource(s));
  } catch {
    return [];
  }
  const allowing = (action: string) => statements.filter((s) => statementAllowsAction(s, action)).map((s) => s.index);
  const admin = statements.filter((s) => (s.actions ?? []).some(grantsEveryAction));
  if (admin.length) return [{ kind: "administrator", pathId: null, actions: ["*"], statements: admin.map((s) => s.index) }];
  const grants: TGrant[] = [];
  for (const path of ESCALATION_PATHS) {
    const by = path.actions.map(allowing);
    if (by.every((indices) => indices.length > 0)) grants.push({ kind: "escalation", pathId: path.id, actions: path.actions, statements: [...new Set(by.flat())].sort() });
  }
  return grants;
}

export function findUnattachedPrivilegedPolicies(options: { context: TFindingContext }): TFinding[] {
  const { context } = options;
  const findings: TFinding[] = [];
  for (const policy of context.model.customerManagedPolicies ?? []) {
    if (policy.attachmentCount > 0 || policy.permissionsBoundaryUsageCount > 0) continue;
    const grants = privilegedGrants(policy);
    if (grants.length === 0) continue;
    const admin = grants[0].kind === "administrator";
    findings.push(makeFinding({
      rule: UNATTACHED_PRIVILEGED_POLICY,
      accountId: policy.accountId,
      resourceKey: policy.key,
      resourceName: policy.name,
      cisControl: null,
      title: `Unattached policy ${policy.name} in ${accountName({ context, accountId: policy.accountId })} grants ${admin ? "administrator access" : `escalation (${grants.map((g) => g.pathId).join(", ")})`}`,
      evidence: {
        policyArn: policy.arn,
        attachmentCount: policy.attachmentCount,
        grants: grants.map((g) => ({ kind: g.kind, escalationPath: g.pathId, actions: g.actions, statementIndexes: g.statements })),
        document: policy.document,
      },
    }));
  }
  return findings;
}
