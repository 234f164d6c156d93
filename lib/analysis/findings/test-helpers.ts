// Factories for the findings tests: a clean organization that raises no finding, and small
// builders to break one thing at a time. Dates are given in days before the model's asOf so
// a fixture can be replayed at a later snapshot unchanged.
import type { AdminPath } from "../../policy";
import { trustPrincipals } from "../../collect/parse/trust-principals";
import type { TAccessKey, TAccount, TAccountSettings, TCredentialReportRow, TOrgModel, TPolicyDocRef, TPrincipal } from "../model";
import { DEFAULT_ANALYSIS_CONFIG, type TAnalysisConfig, type TFinding, type TPrincipalAccess, type TReach } from "../results";
import { runFindings } from "./run-findings";

export const AS_OF = "2026-06-30T00:00:00.000Z";
export const MGMT = "111111111111";
export const PROD = "222222222222";
export const OUTSIDE = "999999999999";

export function daysAgo(days: number, asOf: string = AS_OF): string {
  return new Date(Date.parse(asOf) - days * 86_400_000).toISOString();
}

export const ADMIN_DOCUMENT = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

export function awsManaged(name: string, document: unknown = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }): TPolicyDocRef {
  return { id: `arn:aws:iam::aws:policy/${name}`, name, kind: "aws-managed", document };
}

export function inlinePolicy(owner: string, name: string, document: unknown): TPolicyDocRef {
  return { id: `inline:${owner}:${name}`, name, kind: "inline", document };
}

export function account(id: string, name: string, extra: Partial<TAccount> = {}): TAccount {
  return { id, name, status: "ACTIVE", isManagement: id === MGMT, ouPath: ["r-root"], ouNames: [], tags: {}, collected: true, ...extra };
}

function principal(extra: Partial<TPrincipal> & Pick<TPrincipal, "kind" | "id" | "accountId" | "name" | "arn">): TPrincipal {
  return {
    key: `${extra.accountId}/${extra.id}`,
    path: "/",
    createDate: daysAgo(400),
    tags: {},
    identityPolicies: [],
    groupPolicies: [],
    groups: [],
    permissionsBoundary: null,
    trustPolicy: null,
    trustPrincipals: [],
    instanceProfileCount: 0,
    lastUsed: daysAgo(1),
    lastAccessed: null,
    ssoPermissionSetName: null,
    serviceLinked: false,
    emails: [],
    ...extra,
  };
}

export function user(options: { accountId: string; name: string } & Partial<TPrincipal>): TPrincipal {
  const { accountId, name, ...extra } = options;
  return principal({ kind: "iam-user", id: `AIDA${name.toUpperCase().replace(/[^A-Z0-9]/g, "")}`, accountId, name, arn: `arn:aws:iam::${accountId}:user/${name}`, ...extra });
}

export function role(options: { accountId: string; name: string; trust?: unknown } & Partial<TPrincipal>): TPrincipal {
  const { accountId, name, trust, ...extra } = options;
  const trustPolicy = trust ?? trustDocument({ Service: "lambda.amazonaws.com" });
  return principal({
    kind: "iam-role",
    id: `AROA${name.toUpperCase().replace(/[^A-Z0-9]/g, "")}`,
    accountId,
    name,
    arn: `arn:aws:iam::${accountId}:role/${name}`,
    trustPolicy,
    trustPrincipals: trustPrincipals(trustPolicy as Parameters<typeof trustPrincipals>[0]),
    ...extra,
  });
}

export function trustDocument(principalElement: unknown, condition?: Record<string, Record<string, unknown>>, action = "sts:AssumeRole") {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: principalElement, Action: action, ...(condition ? { Condition: condition } : {}) }],
  };
}

export function accessKey(options: { user: TPrincipal; id: string; createdDaysAgo: number; lastUsedDaysAgo: number | null; status?: "Active" | "Inactive" }): TAccessKey {
  return {
    id: options.id,
    accountId: options.user.accountId!,
    userKey: options.user.key,
    userName: options.user.name,
    status: options.status ?? "Active",
    createDate: daysAgo(options.createdDaysAgo),
    lastUsedDate: options.lastUsedDaysAgo === null ? null : daysAgo(options.lastUsedDaysAgo),
    lastUsedService: options.lastUsedDaysAgo === null ? null : "s3",
  };
}

export function credentialRow(options: { user: TPrincipal; passwordEnabled: boolean; passwordLastUsedDaysAgo?: number | null; mfaActive?: boolean }): TCredentialReportRow {
  const used = options.passwordLastUsedDaysAgo;
  return {
    accountId: options.user.accountId!,
    user: options.user.name,
    arn: options.user.arn!,
    isRoot: false,
    passwordEnabled: options.passwordEnabled,
    passwordLastUsed: used === undefined || used === null ? null : daysAgo(used),
    mfaActive: options.mfaActive ?? true,
    accessKeys: [],
    userCreationTime: options.user.createDate,
  };
}

export function rootRow(accountId: string, extra: Partial<TCredentialReportRow> = {}): TCredentialReportRow {
  return {
    accountId,
    user: "<root_account>",
    arn: `arn:aws:iam::${accountId}:root`,
    isRoot: true,
    passwordEnabled: null,
    passwordLastUsed: daysAgo(300),
    mfaActive: true,
    accessKeys: [
      { slot: 1, active: false, lastRotated: null, lastUsedDate: null },
      { slot: 2, active: false, lastRotated: null, lastUsedDate: null },
    ],
    userCreationTime: daysAgo(2000),
    ...extra,
  };
}

export function settings(accountId: string, extra: Partial<TAccountSettings> = {}): TAccountSettings {
  return {
    accountId,
    summary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 },
    passwordPolicy: { present: true, MinimumPasswordLength: 14, PasswordReusePrevention: 24 },
    // A hardware device: its serial is not an ARN and it is not virtual.
    mfaDevices: [{ serialNumber: `GAHT${accountId.slice(-8)}`, virtual: false, userName: null }],
    samlProviders: [],
    oidcProviders: [],
    credentialReportGeneratedAt: daysAgo(0),
    ...extra,
  };
}

/** Support roles and a good baseline per account, Identity Center in use, no IAM users. */
export function cleanOrg(asOf: string = AS_OF): TOrgModel {
  const accounts = [account(MGMT, "management"), account(PROD, "prod")];
  return {
    runId: 1,
    asOf,
    organizationId: "o-example",
    managementAccountId: MGMT,
    accounts,
    resources: [],
    accountResourceSettings: [],
    regionStatus: [],
    scps: [],
    rcps: [],
    principals: accounts.map((acct) => role({
      accountId: acct.id,
      name: "Support",
      trust: trustDocument({ AWS: `arn:aws:iam::${MGMT}:role/SecurityTeam` }),
      identityPolicies: [awsManaged("AWSSupportAccess")],
    })),
    groups: [],
    accessKeys: [],
    credentialReport: accounts.map((acct) => rootRow(acct.id)),
    accountSettings: accounts.map((acct) => settings(acct.id)),
    identityCenter: {
      groups: [],
      permissionSets: [{ arn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1", name: "ReadOnly", managedPolicyArns: [], customerManagedPolicies: [], inlinePolicy: null, permissionsBoundary: null }],
      assignments: [{ permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1", permissionSetName: "ReadOnly", accountId: PROD, principalType: "GROUP", principalId: "g-1", roleKey: null }],
    },
  };
}

export function access(options: { principal: TPrincipal; adminPaths?: AdminPath[]; grantedServices?: string[]; adminDefinite?: boolean }): TPrincipalAccess {
  const adminPaths = options.adminPaths ?? [];
  const zero = { allowed: 0, partial: 0, conditional: 0, total: 0 };
  return {
    principalKey: options.principal.key,
    accountId: options.principal.accountId!,
    summary: { services: [], totals: zero, totalsByLevel: { List: zero, Read: zero, Write: zero, "Permissions management": zero, Tagging: zero } },
    servicesByLevel: { List: [], Read: [], Write: [], "Permissions management": [], Tagging: [] },
    adminEquivalent: adminPaths.length > 0,
    adminDefinite: options.adminDefinite ?? adminPaths.some((path) => path.grant === "allowed"),
    adminPaths,
    grantedServices: options.grantedServices ?? [],
    unknownActions: [],
  };
}

export function adminPath(options: { id: string; grant?: AdminPath["grant"]; actions?: string[] }): AdminPath {
  const full = options.id === "full-admin";
  return {
    id: options.id,
    kind: full ? "full-admin" : "privilege-escalation",
    description: full ? "can perform every action of every service" : `escalation via ${options.id}`,
    actions: options.actions ?? (full ? ["*"] : ["iam:CreatePolicyVersion"]),
    grant: options.grant ?? "allowed",
    limitedActions: [],
    limitedActionCount: 0,
  };
}

export function accessMap(entries: TPrincipalAccess[]): Map<string, TPrincipalAccess> {
  return new Map(entries.map((entry) => [entry.principalKey, entry]));
}

/** Runs every rule and keeps the findings of one rule, so each test sees only what it is about. */
export function findingsOf(options: {
  model: TOrgModel;
  rule: string;
  access?: Map<string, TPrincipalAccess>;
  reach?: TReach[];
  config?: Partial<TAnalysisConfig>;
}): TFinding[] {
  return runFindings({
    model: options.model,
    access: options.access ?? new Map(),
    reach: options.reach ?? [],
    config: { ...DEFAULT_ANALYSIS_CONFIG, ...options.config },
  }).filter((finding) => finding.rule === options.rule);
}

/** The model with extra principals and their credential data. */
export function withPrincipals(model: TOrgModel, extra: {
  principals?: TPrincipal[];
  accessKeys?: TAccessKey[];
  credentialReport?: TCredentialReportRow[];
}): TOrgModel {
  return {
    ...model,
    principals: [...model.principals, ...(extra.principals ?? [])],
    accessKeys: [...model.accessKeys, ...(extra.accessKeys ?? [])],
    credentialReport: [...model.credentialReport, ...(extra.credentialReport ?? [])],
  };
}
