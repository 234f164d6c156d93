import type { TFinding } from "../results";
import { accountName, type TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

const CIS_MIN_PASSWORD_LENGTH = 14;
const CIS_PASSWORD_REUSE_PREVENTION = 24;

export const PASSWORD_POLICY_SHORT: TFindingRule = {
  id: "password-policy-short",
  category: "credentials",
  title: "Password policy allows passwords shorter than 14 characters",
  description: "The account's IAM password policy sets MinimumPasswordLength below 14, or the account has no password policy at all (AWS's default then allows 8 characters).",
  severity: "medium",
  cisControl: "1.7",
  remediation: "aws iam update-account-password-policy --minimum-password-length 14 (keeping the other settings).",
};

export const PASSWORD_POLICY_REUSE: TFindingRule = {
  id: "password-policy-reuse",
  category: "credentials",
  title: "Password policy does not prevent reuse of the last 24 passwords",
  description: "The account's IAM password policy sets PasswordReusePrevention below 24 or not at all, or the account has no password policy.",
  severity: "medium",
  cisControl: "1.8",
  remediation: "aws iam update-account-password-policy --password-reuse-prevention 24 (keeping the other settings).",
};

export function findWeakPasswordPolicies(options: { context: TFindingContext }): TFinding[] {
  const { context } = options;
  const findings: TFinding[] = [];
  for (const settings of context.settingsByAccount.values()) {
    // null: not collected, so nothing can be said.
    const policy = settings.passwordPolicy;
    if (!policy) continue;
    const base = { accountId: settings.accountId, resourceKey: settings.accountId, resourceName: accountName({ context, accountId: settings.accountId }) };
    const minimumLength = policy.present ? numberOrNull(policy.MinimumPasswordLength) : null;
    const reusePrevention = policy.present ? numberOrNull(policy.PasswordReusePrevention) : null;
    if (minimumLength === null || minimumLength < CIS_MIN_PASSWORD_LENGTH) {
      findings.push(makeFinding({
        ...base,
        rule: PASSWORD_POLICY_SHORT,
        evidence: { passwordPolicyPresent: policy.present, minimumPasswordLength: minimumLength, required: CIS_MIN_PASSWORD_LENGTH },
      }));
    }
    if (reusePrevention === null || reusePrevention < CIS_PASSWORD_REUSE_PREVENTION) {
      findings.push(makeFinding({
        ...base,
        rule: PASSWORD_POLICY_REUSE,
        evidence: { passwordPolicyPresent: policy.present, passwordReusePrevention: reusePrevention, required: CIS_PASSWORD_REUSE_PREVENTION },
      }));
    }
  }
  return findings;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
