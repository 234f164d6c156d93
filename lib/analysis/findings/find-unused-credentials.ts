import type { TFinding } from "../results";
import { ageInDays } from "./age-in-days";
import type { TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

/**
 * CIS 1.11 fixes the threshold at 45 days. These credential findings evidence that control,
 * so they use 45 whatever config.unusedDays says; config.unusedDays (default 90, PCI DSS
 * 8.2.6) governs the principal-level unused-user / unused-role / unused-services rules.
 */
export const CIS_UNUSED_CREDENTIAL_DAYS = 45;

export const ACCESS_KEY_UNUSED: TFindingRule = {
  id: "access-key-unused",
  category: "unused",
  title: "Active access key unused for 45 days or more",
  description: "An active access key has not been used for 45 days or more, or never and it was created 45 or more days ago.",
  severity: "medium",
  cisControl: "1.11",
  remediation: "Deactivate the key (aws iam update-access-key --status Inactive), then delete it once nothing breaks.",
};

export const PASSWORD_UNUSED: TFindingRule = {
  id: "password-unused",
  category: "unused",
  title: "Console password unused for 45 days or more",
  description: "The user has a console password that has not been used for 45 days or more, or never and the user was created 45 or more days ago (credential report).",
  severity: "medium",
  cisControl: "1.11",
  remediation: "Remove the user's login profile (aws iam delete-login-profile); people should sign in through Identity Center.",
};

export function findUnusedCredentials(options: { context: TFindingContext }): TFinding[] {
  const { context } = options;
  const { asOf } = context;
  const findings: TFinding[] = [];
  for (const key of context.model.accessKeys) {
    if (key.status !== "Active") continue;
    const keyAgeDays = ageInDays({ date: key.createDate, asOf });
    const daysSinceLastUsed = ageInDays({ date: key.lastUsedDate, asOf });
    const idle = daysSinceLastUsed ?? keyAgeDays;
    if (idle === null || idle < CIS_UNUSED_CREDENTIAL_DAYS) continue;
    findings.push(makeFinding({
      rule: ACCESS_KEY_UNUSED,
      accountId: key.accountId,
      resourceKey: key.id,
      resourceName: `${key.userName}/${key.id}`,
      evidence: {
        userKey: key.userKey,
        userName: key.userName,
        accessKeyId: key.id,
        createDate: key.createDate,
        keyAgeDays,
        lastUsedDate: key.lastUsedDate,
        lastUsedService: key.lastUsedService,
        daysSinceLastUsed,
        neverUsed: key.lastUsedDate === null,
        thresholdDays: CIS_UNUSED_CREDENTIAL_DAYS,
      },
    }));
  }
  for (const principal of context.model.principals) {
    if (principal.kind !== "iam-user") continue;
    const row = context.credentialRows.get(principal.key);
    if (!row?.passwordEnabled) continue;
    const userAgeDays = ageInDays({ date: row.userCreationTime ?? principal.createDate, asOf });
    const daysSinceLastUsed = ageInDays({ date: row.passwordLastUsed, asOf });
    const idle = daysSinceLastUsed ?? userAgeDays;
    if (idle === null || idle < CIS_UNUSED_CREDENTIAL_DAYS) continue;
    findings.push(makeFinding({
      rule: PASSWORD_UNUSED,
      accountId: principal.accountId,
      resourceKey: principal.key,
      resourceName: principal.name,
      evidence: {
        userArn: principal.arn,
        userCreationTime: row.userCreationTime,
        userAgeDays,
        passwordLastUsed: row.passwordLastUsed,
        daysSinceLastUsed,
        neverUsed: row.passwordLastUsed === null,
        thresholdDays: CIS_UNUSED_CREDENTIAL_DAYS,
      },
    }));
  }
  return findings;
}
