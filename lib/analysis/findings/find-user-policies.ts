import type { TFinding } from "../results";
import { describePolicy, type TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

export const USER_ATTACHED_POLICY: TFindingRule = {
  id: "user-attached-policy",
  category: "hygiene",
  title: "Managed policy attached directly to a user",
  description: "The user has managed policies attached to it rather than receiving permissions through groups, so access is reviewed person by person.",
  severity: "low",
  cisControl: "1.14",
  remediation: "Put the user in a group that carries the policy and detach the policy from the user.",
};

export const USER_INLINE_POLICY: TFindingRule = {
  id: "user-inline-policy",
  category: "hygiene",
  title: "Inline policy on a user",
  description: "The user carries inline policies: permissions that live only on this user, are not reusable, and are easy to miss in reviews.",
  severity: "low",
  cisControl: "1.14",
  remediation: "Move the statements to a customer managed policy attached to a group, and delete the inline policy.",
};

/** One finding per user and kind, listing its policies: the fix is per user. */
export function findUserPolicies(options: { context: TFindingContext }): TFinding[] {
  const findings: TFinding[] = [];
  for (const user of options.context.model.principals) {
    if (user.kind !== "iam-user") continue;
    const attached = user.identityPolicies.filter((policy) => policy.kind === "aws-managed" || policy.kind === "customer-managed");
    const inline = user.identityPolicies.filter((policy) => policy.kind === "inline");
    const base = { accountId: user.accountId, resourceKey: user.key, resourceName: user.name };
    if (attached.length > 0) {
      findings.push(makeFinding({ ...base, rule: USER_ATTACHED_POLICY, evidence: { userArn: user.arn, groups: user.groups, policies: attached.map(describePolicy) } }));
    }
    if (inline.length > 0) {
      findings.push(makeFinding({
        ...base,
        rule: USER_INLINE_POLICY,
        evidence: { userArn: user.arn, groups: user.groups, policies: inline.map((policy) => ({ ...describePolicy(policy), document: policy.document })) },
      }));
    }
  }
  return findings;
}
