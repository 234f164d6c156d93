import type { TAccountSettings, TCredentialReportRow } from "../model";
import type { TFinding } from "../results";
import { ageInDays, latestDate } from "./age-in-days";
import { accountName, rootRowKey, type TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

/**
 * CIS 1.6 names no period; 90 days matches the quarterly access review and the default
 * unused window, so one root sign-in shows up for a quarter after it happened.
 */
export const ROOT_RECENT_USE_DAYS = 90;

export const ROOT_ACCESS_KEY: TFindingRule = {
  id: "root-access-key", category: "credentials", title: "Root user has access keys", severity: "critical", cisControl: "1.3",
  description: "GetAccountSummary reports AccountAccessKeysPresent = 1, or the credential report's <root_account> row shows an active key. Root keys cannot be limited by any policy or SCP.",
  remediation: "Sign in as root (or use centralized root access from the management account) and delete the root access keys.",
};

export const ROOT_NO_MFA: TFindingRule = {
  id: "root-no-mfa", category: "credentials", title: "Root user without MFA", severity: "critical", cisControl: "1.4",
  description: "GetAccountSummary reports AccountMFAEnabled = 0 (or, without a summary, the credential report's root row has mfa_active false). Member accounts whose root credentials were deleted through centralized root access also show this; the model does not tell them apart yet.",
  remediation: "Enable MFA for the root user (a hardware or passkey device), or delete member accounts' root credentials through centralized root access.",
};

export const ROOT_VIRTUAL_MFA: TFindingRule = {
  id: "root-virtual-mfa", category: "credentials", title: "Root user's MFA is a virtual device", severity: "medium", cisControl: "1.5",
  description: "Root MFA is enabled, but the account's virtual MFA devices include the root's (arn:aws:iam::<account>:mfa/root-account-mfa-device, as the CIS audit checks): a phone app rather than a hardware device.",
  remediation: "Replace the root user's virtual MFA device with a hardware security key or hardware TOTP token kept in a safe.",
};

export const ROOT_RECENT_USE: TFindingRule = {
  id: "root-recent-use", category: "credentials", title: "Root user used recently", severity: "high", cisControl: "1.6",
  description: "The credential report's <root_account> row shows a password sign-in or an access key use within the last 90 days.",
  remediation: "Find out who signed in as root and why (CloudTrail ConsoleLogin with userIdentity.type Root); use roles for daily work and keep root for the few tasks that need it.",
};

export function findRootIssues(options: { context: TFindingContext }): TFinding[] {
  const { context } = options;
  const accountIds = new Set([...context.settingsByAccount.keys(), ...context.model.credentialReport.filter((row) => row.isRoot).map((row) => row.accountId)]);
  const findings: TFinding[] = [];
  for (const accountId of [...accountIds].sort()) {
    const settings = context.settingsByAccount.get(accountId);
    const row = context.credentialRows.get(rootRowKey(accountId));
    const base = { accountId, resourceKey: accountId, resourceName: accountName({ context, accountId }) };
    const summary = settings?.summary ?? null;
    const rowKeys = (row?.accessKeys ?? []).map((key) => ({ ...key, ageDays: ageInDays({ date: key.lastRotated, asOf: context.asOf }) }));
    if (summary?.AccountAccessKeysPresent === 1 || rowKeys.some((key) => key.active)) {
      findings.push(makeFinding({ ...base, rule: ROOT_ACCESS_KEY, evidence: { accountAccessKeysPresent: summary?.AccountAccessKeysPresent ?? null, rootKeys: rowKeys } }));
    }
    const mfaEnabled = summary && "AccountMFAEnabled" in summary ? summary.AccountMFAEnabled === 1 : row ? row.mfaActive : null;
    if (mfaEnabled === false) {
      findings.push(makeFinding({ ...base, rule: ROOT_NO_MFA, evidence: { accountMfaEnabled: summary?.AccountMFAEnabled ?? null, credentialReportMfaActive: row?.mfaActive ?? null } }));
    }
    const virtualDevice = mfaEnabled ? rootVirtualDevice({ settings, accountId }) : undefined;
    if (virtualDevice) {
      findings.push(makeFinding({ ...base, rule: ROOT_VIRTUAL_MFA, evidence: { accountMfaEnabled: summary?.AccountMFAEnabled ?? null, serialNumber: virtualDevice.serialNumber } }));
    }
    const recentUse = row ? rootRecentUse({ row, context }) : undefined;
    if (recentUse) findings.push(makeFinding({ ...base, rule: ROOT_RECENT_USE, evidence: recentUse }));
  }
  return findings;
}

function rootVirtualDevice(options: { settings: TAccountSettings | undefined; accountId: string }) {
  const serial = new RegExp(`^arn:aws[\\w-]*:iam::${options.accountId}:mfa/root-account-mfa-device$`);
  return options.settings?.mfaDevices.find((device) => device.virtual && serial.test(device.serialNumber));
}

function rootRecentUse(options: { row: TCredentialReportRow; context: TFindingContext }): Record<string, unknown> | undefined {
  const { row, context } = options;
  const keyLastUsed = row.accessKeys.map((key) => key.lastUsedDate);
  const lastUsed = latestDate([row.passwordLastUsed, ...keyLastUsed]);
  const daysSinceLastUsed = ageInDays({ date: lastUsed, asOf: context.asOf });
  if (daysSinceLastUsed === null || daysSinceLastUsed > ROOT_RECENT_USE_DAYS) return undefined;
  return {
    passwordLastUsed: row.passwordLastUsed,
    accessKeyLastUsed: row.accessKeys.map((key) => ({ slot: key.slot, lastUsedDate: key.lastUsedDate })),
    lastUsed,
    daysSinceLastUsed,
    windowDays: ROOT_RECENT_USE_DAYS,
  };
}
