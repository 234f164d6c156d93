// CIS AWS Foundations Benchmark v5.0.0, section 1 (Identity and Access Management).
// v5.0.0 numbers the IAM section 1.1–1.21 (v4 dropped "security questions", v6 moves IAM to
// section 2). Each automated control names the snapshot data kinds its finding rules read:
// a control passes only where those kinds were collected for the account.

export type TCisControl = {
  id: string;
  title: string;
  /** Automated: judged from findings carrying this control. Manual: the snapshot cannot decide. */
  evaluation:
    | { kind: "automated"; requiresAll: string[]; requiresAny?: string[] }
    | { kind: "manual"; reason: string };
};

const AUTHORIZATION_DETAILS = ["iam.user", "iam.group", "iam.role", "iam.policy"];
const ROOT_STATE = ["iam.account-summary", "iam.credential-report"];

export const CIS_BENCHMARK = "CIS AWS Foundations Benchmark v5.0.0";

export const CIS_CONTROLS: readonly TCisControl[] = [
  { id: "1.1", title: "Maintain current contact details", evaluation: { kind: "manual", reason: "Account contact details are not readable through IAM; confirm them in the account settings (or account:GetContactInformation)." } },
  { id: "1.2", title: "Ensure security contact information is registered", evaluation: { kind: "manual", reason: "Alternate contacts (account:GetAlternateContact) are not collected; confirm the security contact in the account settings." } },
  { id: "1.3", title: "Ensure no 'root' user account access key exists", evaluation: { kind: "automated", requiresAll: [], requiresAny: ROOT_STATE } },
  { id: "1.4", title: "Ensure MFA is enabled for the 'root' user account", evaluation: { kind: "automated", requiresAll: [], requiresAny: ROOT_STATE } },
  { id: "1.5", title: "Ensure hardware MFA is enabled for the 'root' user account", evaluation: { kind: "automated", requiresAll: ["iam.mfa-device"], requiresAny: ROOT_STATE } },
  { id: "1.6", title: "Eliminate use of the 'root' user for administrative and daily tasks", evaluation: { kind: "automated", requiresAll: ["iam.credential-report"] } },
  { id: "1.7", title: "Ensure IAM password policy requires minimum length of 14 or greater", evaluation: { kind: "automated", requiresAll: ["iam.password-policy"] } },
  { id: "1.8", title: "Ensure IAM password policy prevents password reuse", evaluation: { kind: "automated", requiresAll: ["iam.password-policy"] } },
  { id: "1.9", title: "Ensure MFA is enabled for all IAM users that have a console password", evaluation: { kind: "automated", requiresAll: ["iam.user", "iam.credential-report"] } },
  { id: "1.10", title: "Do not create access keys during initial setup for IAM users with a console password", evaluation: { kind: "automated", requiresAll: ["iam.user", "iam.access-key", "iam.credential-report"] } },
  { id: "1.11", title: "Ensure credentials unused for 45 days or more are disabled", evaluation: { kind: "automated", requiresAll: ["iam.user", "iam.access-key", "iam.credential-report"] } },
  { id: "1.12", title: "Ensure there is only one active access key for any single IAM user", evaluation: { kind: "automated", requiresAll: ["iam.user", "iam.access-key"] } },
  { id: "1.13", title: "Ensure access keys are rotated every 90 days or less", evaluation: { kind: "automated", requiresAll: ["iam.access-key"] } },
  { id: "1.14", title: "Ensure IAM users receive permissions only through groups", evaluation: { kind: "automated", requiresAll: AUTHORIZATION_DETAILS } },
  { id: "1.15", title: "Ensure IAM policies that allow full \"*:*\" administrative privileges are not attached", evaluation: { kind: "automated", requiresAll: AUTHORIZATION_DETAILS } },
  { id: "1.16", title: "Ensure a support role has been created to manage incidents with AWS Support", evaluation: { kind: "automated", requiresAll: AUTHORIZATION_DETAILS } },
  { id: "1.17", title: "Ensure IAM instance roles are used for AWS resource access from instances", evaluation: { kind: "manual", reason: "Which EC2 instances run with an instance profile (and whether any uses long-lived keys instead) needs EC2 inventory, which is not collected." } },
  { id: "1.18", title: "Ensure that all expired SSL/TLS certificates stored in AWS IAM are removed", evaluation: { kind: "manual", reason: "IAM server certificates (iam:ListServerCertificates) are not collected." } },
  { id: "1.19", title: "Ensure that IAM External Access Analyzer is enabled for all regions", evaluation: { kind: "manual", reason: "Access Analyzer analyzers (access-analyzer:ListAnalyzers per region) are not collected." } },
  { id: "1.20", title: "Ensure IAM users are managed centrally via identity federation or AWS Organizations for multi-account environments", evaluation: { kind: "automated", requiresAll: ["iam.user", "sso.assignment"] } },
  { id: "1.21", title: "Ensure access to AWSCloudShellFullAccess is restricted", evaluation: { kind: "automated", requiresAll: AUTHORIZATION_DETAILS } },
];

export function cisControl(id: string): TCisControl | undefined {
  return CIS_CONTROLS.find((control) => control.id === id);
}
