import type { TFinding } from "../results";
import { describePolicy, type TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

export const EMPTY_IAM_GROUP: TFindingRule = {
  id: "empty-iam-group",
  category: "hygiene",
  title: "IAM group without members",
  description: "The IAM group has no user in it. It grants nothing today, yet its policies still apply to whoever is added later, and an unused group with broad policies is a quiet way to hand out access (iam:AddUserToGroup). Higher when the group carries policies.",
  severity: "low",
  cisControl: null,
  fsbpControl: null,
  remediation: "Delete the group if no one needs it; otherwise document who it is for and review its policies before adding members.",
};

export function findEmptyGroups(options: { context: TFindingContext }): TFinding[] {
  const { context } = options;
  const { model } = context;
  const members = new Set<string>();
  for (const principal of model.principals) {
    if (principal.kind !== "iam-user" || !principal.accountId) continue;
    for (const group of principal.groups) members.add(`${principal.accountId}|${group}`);
  }
  const findings: TFinding[] = [];
  for (const group of model.groups) {
    // An account the latest run could not read has no trustworthy membership to judge by.
    if (context.accountsById.get(group.accountId)?.collected === false) continue;
    if (members.has(`${group.accountId}|${group.name}`)) continue;
    findings.push(makeFinding({
      rule: EMPTY_IAM_GROUP,
      accountId: group.accountId,
      resourceKey: group.key,
      resourceName: group.name,
      severity: group.policies.length > 0 ? "low" : "info",
      evidence: { groupArn: group.arn, memberCount: 0, policies: group.policies.map(describePolicy) },
    }));
  }
  return findings;
}
