import type { TPrincipal } from "../model";
import type { TFinding } from "../results";
import { accountName, describePolicy, hasAwsManagedPolicy, type TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

export const CLOUDSHELL_FULL_ACCESS: TFindingRule = {
  id: "cloudshell-full-access",
  category: "hygiene",
  title: "AWSCloudShellFullAccess attached",
  description: "The AWS managed policy AWSCloudShellFullAccess is attached to a user, group or role: it allows file upload and download through CloudShell, a path for data exfiltration around other controls.",
  severity: "medium",
  cisControl: "1.21",
  remediation: "Detach AWSCloudShellFullAccess; grant a custom policy without cloudshell:GetFileDownloadUrls / GetFileUploadUrls to those who need CloudShell.",
};

export const NO_SUPPORT_ROLE: TFindingRule = {
  id: "no-support-role",
  category: "hygiene",
  title: "No support role in the account",
  description: "No user, group or role of the account has the AWS managed AWSSupportAccess policy attached, so incidents with AWS Support need root or an over-privileged identity.",
  severity: "low",
  cisControl: "1.16",
  remediation: "Create a role (trusting the team's identities) with AWSSupportAccess attached.",
};

export const IAM_USERS_WITH_IDENTITY_CENTER: TFindingRule = {
  id: "iam-users-with-identity-center",
  category: "hygiene",
  title: "IAM users exist although Identity Center is in use",
  description: "The organization manages people centrally in IAM Identity Center, yet the account still has IAM users. Informational: a deliberate jump account or a documented machine user is acceptable.",
  severity: "info",
  cisControl: "1.20",
  remediation: "Move the people to Identity Center and the workloads to roles, then delete the IAM users; document the exceptions.",
};

const CLOUDSHELL_POLICY = "AWSCloudShellFullAccess";
const SUPPORT_POLICY = "AWSSupportAccess";
const USERS_SHOWN = 50;

export function findAccountHygiene(options: { context: TFindingContext }): TFinding[] {
  const { context } = options;
  const { model } = context;
  const findings: TFinding[] = [];
  const holders = [
    ...model.principals.filter((principal) => principal.kind !== "sso-user").map((principal) => ({ ...principal, policies: principal.identityPolicies })),
    ...model.groups.map((group) => ({ ...group, kind: "iam-group" })),
  ];
  const accountsWithSupport = new Set<string>();
  for (const holder of holders) {
    if (holder.accountId && hasAwsManagedPolicy({ policies: holder.policies, name: SUPPORT_POLICY })) accountsWithSupport.add(holder.accountId);
    const cloudShell = holder.policies.find((policy) => policy.kind === "aws-managed" && policy.name === CLOUDSHELL_POLICY);
    if (!cloudShell) continue;
    findings.push(makeFinding({
      rule: CLOUDSHELL_FULL_ACCESS,
      accountId: holder.accountId,
      resourceKey: holder.key,
      resourceName: holder.name,
      evidence: { holderKind: holder.kind, holderArn: holder.arn, policy: describePolicy(cloudShell) },
    }));
  }
  const identityCenterInUse = model.identityCenter.assignments.length > 0;
  const usersByAccount = new Map<string, TPrincipal[]>();
  for (const principal of model.principals) {
    if (principal.kind !== "iam-user" || !principal.accountId) continue;
    const users = usersByAccount.get(principal.accountId);
    if (users) users.push(principal);
    else usersByAccount.set(principal.accountId, [principal]);
  }
  for (const account of model.accounts) {
    // An account the latest run could not read has no trustworthy inventory to judge absence by.
    if (!account.collected) continue;
    const base = { accountId: account.id, resourceKey: account.id, resourceName: accountName({ context, accountId: account.id }) };
    if (!accountsWithSupport.has(account.id)) {
      findings.push(makeFinding({ ...base, rule: NO_SUPPORT_ROLE, evidence: { policyArn: `arn:aws:iam::aws:policy/${SUPPORT_POLICY}`, attachedTo: [] } }));
    }
    const users = usersByAccount.get(account.id) ?? [];
    if (identityCenterInUse && users.length > 0) {
      findings.push(makeFinding({
        ...base,
        rule: IAM_USERS_WITH_IDENTITY_CENTER,
        evidence: {
          identityCenterAssignmentCount: model.identityCenter.assignments.length,
          userCount: users.length,
          users: users.slice(0, USERS_SHOWN).map((user) => ({ key: user.key, name: user.name, arn: user.arn })),
        },
      }));
    }
  }
  return findings;
}
