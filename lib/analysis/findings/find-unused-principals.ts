import type { TPrincipal } from "../model";
import type { TFinding } from "../results";
import { ageInDays, latestDate } from "./age-in-days";
import type { TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

export const UNUSED_ROLE: TFindingRule = {
  id: "unused-role",
  category: "unused",
  title: "Role not used",
  description: "The role has not been assumed for config.unusedDays (RoleLastUsed), or never and it is older than that. AWS tracks RoleLastUsed for 400 days. Service-linked roles are left out.",
  severity: "low",
  cisControl: null,
  remediation: "Confirm with the owner and delete the role (for Identity Center roles: remove the account assignment). Unused roles are attack surface without benefit.",
};

export const UNUSED_USER: TFindingRule = {
  id: "unused-user",
  category: "unused",
  title: "IAM user not used",
  description: "Neither the user's password nor any of its access keys has been used for config.unusedDays (the latest of the credential report's password_last_used and the keys' last use), or never and the user is older than that. PCI DSS 8.2.6 asks for inactive accounts to be disabled within 90 days.",
  severity: "medium",
  cisControl: null,
  remediation: "Disable the user's console password and access keys, then delete the user after confirming with its owner.",
};

export function findUnusedPrincipals(options: { context: TFindingContext }): TFinding[] {
  const { context } = options;
  const findings: TFinding[] = [];
  for (const principal of context.model.principals) {
    if (principal.kind === "iam-role" && !principal.serviceLinked) {
      const finding = unusedFinding({ context, principal, lastUsed: principal.lastUsed, sources: { roleLastUsed: principal.lastUsed } });
      if (finding) findings.push(finding);
    }
    if (principal.kind === "iam-user") {
      const row = context.credentialRows.get(principal.key);
      const keys = context.keysByUser.get(principal.key) ?? [];
      const sources = {
        passwordEnabled: row?.passwordEnabled ?? null,
        passwordLastUsed: row?.passwordLastUsed ?? null,
        accessKeys: keys.map((key) => ({ id: key.id, status: key.status, lastUsedDate: key.lastUsedDate })),
      };
      const lastUsed = latestDate([principal.lastUsed, sources.passwordLastUsed, ...keys.map((key) => key.lastUsedDate)]);
      const finding = unusedFinding({ context, principal, lastUsed, sources });
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

function unusedFinding(options: { context: TFindingContext; principal: TPrincipal; lastUsed: string | null; sources: Record<string, unknown> }): TFinding | undefined {
  const { context, principal, lastUsed } = options;
  const windowDays = context.config.unusedDays;
  const daysSinceLastUsed = ageInDays({ date: lastUsed, asOf: context.asOf });
  const principalAgeDays = ageInDays({ date: principal.createDate, asOf: context.asOf });
  if (daysSinceLastUsed !== null && daysSinceLastUsed < windowDays) return undefined;
  // Never used, but too new to tell.
  if (daysSinceLastUsed === null && principalAgeDays !== null && principalAgeDays < windowDays) return undefined;
  const rule = principal.kind === "iam-role" ? UNUSED_ROLE : UNUSED_USER;
  return makeFinding({
    rule,
    accountId: principal.accountId,
    resourceKey: principal.key,
    resourceName: principal.name,
    title: `${rule.title} ${lastUsed ? `for ${daysSinceLastUsed} days` : "since creation"}: ${principal.name}`,
    evidence: {
      principalArn: principal.arn,
      createDate: principal.createDate,
      principalAgeDays,
      lastUsed,
      daysSinceLastUsed,
      neverUsed: lastUsed === null,
      windowDays,
      ssoPermissionSetName: principal.ssoPermissionSetName,
      ...options.sources,
    },
  });
}
