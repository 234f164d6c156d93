import type { TFinding } from "../results";
import { ageInDays } from "./age-in-days";
import type { TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

export const CONSOLE_USER_NO_MFA: TFindingRule = {
  id: "console-user-no-mfa",
  category: "credentials",
  title: "Console user without MFA",
  description: "The credential report shows a console password (password_enabled) and no active MFA device (mfa_active false).",
  severity: "high",
  cisControl: "1.9",
  remediation: "Have the user register an MFA device, or remove the console password; enforce MFA with a policy that denies actions when aws:MultiFactorAuthPresent is false.",
};

export function findConsoleUsersWithoutMfa(options: { context: TFindingContext }): TFinding[] {
  const { context } = options;
  const findings: TFinding[] = [];
  for (const principal of context.model.principals) {
    if (principal.kind !== "iam-user") continue;
    const row = context.credentialRows.get(principal.key);
    if (!row?.passwordEnabled || row.mfaActive) continue;
    findings.push(makeFinding({
      rule: CONSOLE_USER_NO_MFA,
      accountId: principal.accountId,
      resourceKey: principal.key,
      resourceName: principal.name,
      evidence: {
        userArn: principal.arn,
        passwordEnabled: row.passwordEnabled,
        mfaActive: row.mfaActive,
        passwordLastUsed: row.passwordLastUsed,
        daysSincePasswordUsed: ageInDays({ date: row.passwordLastUsed, asOf: context.asOf }),
        credentialReportGeneratedAt: principal.accountId ? context.settingsByAccount.get(principal.accountId)?.credentialReportGeneratedAt ?? null : null,
      },
    }));
  }
  return findings;
}
