import type { TPolicyDocRef, TPrincipal } from "../model";
import type { TFinding, TSeverity } from "../results";
import { describePolicy, type TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

export const INSTANCE_ROLE_BROAD_POLICY: TFindingRule = {
  id: "instance-role-broad-policy",
  category: "hygiene",
  title: "EC2 instance role with a broad AWS managed policy",
  description: "A role EC2 can use (it has an instance profile or trusts ec2.amazonaws.com) carries AdministratorAccess, PowerUserAccess or an AWS managed *FullAccess policy: anyone who gets code running on the instance, e.g. through SSRF to the metadata service, gets these permissions. High for AdministratorAccess and PowerUserAccess.",
  severity: "high",
  cisControl: null,
  remediation: "Replace the policy with a customer managed one granting only what the application calls, require IMDSv2 on the instances, and limit where the role's credentials can be used (aws:EC2InstanceSourceVPC / aws:ec2InstanceSourcePrivateIPv4 conditions).",
};

const ADMIN_LIKE = new Set(["AdministratorAccess", "PowerUserAccess"]);

export function findBroadInstanceRoles(options: { context: TFindingContext }): TFinding[] {
  const findings: TFinding[] = [];
  for (const role of options.context.model.principals) {
    if (role.kind !== "iam-role" || !usableByEc2(role)) continue;
    const broad = role.identityPolicies.filter(isBroad);
    if (broad.length === 0) continue;
    const severity: TSeverity = broad.some((policy) => ADMIN_LIKE.has(policy.name)) ? "high" : "medium";
    findings.push(makeFinding({
      rule: INSTANCE_ROLE_BROAD_POLICY,
      accountId: role.accountId,
      resourceKey: role.key,
      resourceName: role.name,
      severity,
      title: `EC2 role ${role.name} has ${broad.map((policy) => policy.name).join(", ")}`,
      evidence: {
        roleArn: role.arn,
        instanceProfileCount: role.instanceProfileCount,
        trustsEc2: trustsEc2(role),
        policies: broad.map(describePolicy),
      },
    }));
  }
  return findings;
}

function isBroad(policy: TPolicyDocRef): boolean {
  return policy.kind === "aws-managed" && (ADMIN_LIKE.has(policy.name) || policy.name.endsWith("FullAccess"));
}

function usableByEc2(role: TPrincipal): boolean {
  return role.instanceProfileCount > 0 || trustsEc2(role);
}

function trustsEc2(role: TPrincipal): boolean {
  return role.trustPrincipals.some((principal) => principal.type === "Service" && !principal.negated && principal.value.toLowerCase() === "ec2.amazonaws.com");
}
