// IAM credential report (Generate/Get) and GetAccountSummary.
import type { AccessKey, IamUser } from "../model";
import type { AccountIndex } from "../state";
import { XmlMap } from "../protocol/query";
import { SimError } from "../protocol/common";
import { DAY_MS, iso } from "../ids";
import type { QueryCtx } from "./types";

export const CREDENTIAL_REPORT_HEADER =
  "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
  "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
  "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
  "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

/** 2024-05-01T10:11:12+00:00, the credential report's date format */
const crDate = (d: string) => d.replace(/Z$/, "+00:00");
const REUSE_MS = 4 * 3600_000;

function keyCols(k: AccessKey | undefined): string[] {
  if (!k) return ["false", "N/A", "N/A", "N/A", "N/A"];
  return [
    String(k.status === "Active"),
    crDate(k.createDate),
    k.lastUsed ? crDate(k.lastUsed.date) : "N/A",
    k.lastUsed ? k.lastUsed.region : "N/A",
    k.lastUsed ? k.lastUsed.service : "N/A",
  ];
}

function userRow(u: IamUser, maxAge: number | undefined): string[] {
  const pw = u.password;
  return [
    u.name,
    u.arn,
    crDate(u.createDate),
    String(!!pw),
    !pw ? "N/A" : pw.lastUsed ? crDate(pw.lastUsed) : "no_information",
    pw ? crDate(pw.lastChanged) : "N/A",
    pw && maxAge ? crDate(iso(Date.parse(pw.lastChanged) + maxAge * DAY_MS)) : "N/A",
    String(u.mfaDevices.length > 0),
    ...keyCols(u.accessKeys[0]),
    ...keyCols(u.accessKeys[1]),
    "false", "N/A", "false", "N/A",
  ];
}

export function credentialReportCsv(idx: AccountIndex): string {
  if (idx.credentialReportCsv !== undefined) return idx.credentialReportCsv;
  const a = idx.account;
  const root = a.iam.root;
  const rows: string[][] = [[
    "<root_account>",
    `arn:aws:iam::${a.id}:root`,
    crDate(root.createDate),
    "not_supported",
    root.passwordLastUsed ? crDate(root.passwordLastUsed) : "no_information",
    "not_supported",
    "not_supported",
    String(!!root.mfa),
    ...keyCols(root.accessKeys[0]),
    ...keyCols(root.accessKeys[1]),
    "false", "N/A", "false", "N/A",
  ]];
  const maxAge = a.iam.passwordPolicy?.MaxPasswordAge;
  for (const u of a.iam.users) rows.push(userRow(u, maxAge));
  idx.credentialReportCsv = [CREDENTIAL_REPORT_HEADER, ...rows.map((r) => r.join(","))].join("\n");
  return idx.credentialReportCsv;
}

export function generateCredentialReport(ctx: QueryCtx, idx: AccountIndex) {
  const now = Date.now();
  const reports = ctx.state.credentialReports;
  const cur = reports.get(idx.account.id);
  if (!cur || (cur.completed !== undefined && now - cur.completed > REUSE_MS)) {
    reports.set(idx.account.id, { started: now });
    return { State: "STARTED", Description: "No report exists. Starting a new report generation task" };
  }
  if (cur.completed === undefined) cur.completed = now;
  return { State: "COMPLETE" };
}

export function getCredentialReport(ctx: QueryCtx, idx: AccountIndex) {
  const now = Date.now();
  const cur = ctx.state.credentialReports.get(idx.account.id);
  if (!cur) throw new SimError("ReportNotPresent", "Unknown", 410);
  if (cur.completed === undefined) {
    if (now - cur.started < ctx.options.credentialReportDelayMs) throw new SimError("ReportInProgress", "Report generation in progress", 404);
    cur.completed = now;
  }
  if (now - cur.completed > REUSE_MS) throw new SimError("ReportExpired", "Report expired", 410);
  return {
    Content: Buffer.from(credentialReportCsv(idx), "utf8").toString("base64"),
    ReportFormat: "text/csv",
    GeneratedTime: iso(cur.completed),
  };
}

export function getAccountSummary(idx: AccountIndex) {
  if (!idx.summaryMap) {
    const iam = idx.account.iam;
    const userMfa = iam.users.reduce((n, u) => n + u.mfaDevices.length, 0);
    const mfa = userMfa + (iam.root.mfa ? 1 : 0);
    const versionsInUse = [...idx.attachmentCount.keys()].length + [...idx.boundaryCount.keys()].length;
    idx.summaryMap = [
      ["GroupPolicySizeQuota", 5120],
      ["InstanceProfilesQuota", 1000],
      ["Policies", iam.policies.length],
      ["GroupsPerUserQuota", 10],
      ["InstanceProfiles", iam.roles.reduce((n, r) => n + r.instanceProfiles.length, 0)],
      ["AttachedPoliciesPerUserQuota", 10],
      ["Users", iam.users.length],
      ["PoliciesQuota", 1500],
      ["Providers", iam.samlProviders.length + iam.oidcProviders.length],
      ["AccountMFAEnabled", iam.root.mfa ? 1 : 0],
      ["AccessKeysPerUserQuota", 2],
      ["AssumeRolePolicySizeQuota", 2048],
      ["PolicyVersionsInUseQuota", 10000],
      ["GlobalEndpointTokenVersion", 1],
      ["VersionsPerPolicyQuota", 5],
      ["AttachedPoliciesPerGroupQuota", 10],
      ["PolicySizeQuota", 6144],
      ["Groups", iam.groups.length],
      ["AccountSigningCertificatesPresent", 0],
      ["UsersQuota", 5000],
      ["ServerCertificatesQuota", 20],
      ["MFADevices", mfa],
      ["UserPolicySizeQuota", 2048],
      ["PolicyVersionsInUse", versionsInUse],
      ["ServerCertificates", 0],
      ["Roles", iam.roles.length],
      ["RolesQuota", 1000],
      ["SigningCertificatesPerUserQuota", 2],
      ["MFADevicesInUse", mfa],
      ["RolePolicySizeQuota", 10240],
      ["AttachedPoliciesPerRoleQuota", 10],
      ["AccountAccessKeysPresent", iam.root.accessKeys.length > 0 ? 1 : 0],
      ["AccountPasswordPresent", 1],
      ["GroupsQuota", 300],
    ];
  }
  return { SummaryMap: new XmlMap(idx.summaryMap) };
}
