// The organization as the analysis layer sees it: plain data, built from one snapshot
// (load-org-model.ts reads it from Postgres at a run) or by a generator (bench). Every
// analysis step is a pure function of this model, so it can be tested without a database.

export type TPolicyDocRef = {
  /** Stable id: the managed policy ARN, `inline:<owner arn>:<name>`, or the SCP id. */
  id: string;
  name: string;
  kind: "aws-managed" | "customer-managed" | "inline" | "scp" | "rcp" | "permission-set-inline";
  /** The parsed JSON document (not yet compiled by lib/policy). */
  document: unknown;
};

export type TAccount = {
  id: string;
  name: string;
  status: string;
  isManagement: boolean;
  /** Root id first, then each OU id down to the account's parent. */
  ouPath: string[];
  /** OU names along the path (root excluded), e.g. ["Workloads", "Prod"]. */
  ouNames: string[];
  tags: Record<string, string>;
  /** False when the latest run could not collect it (its data may be from an earlier run or absent). */
  collected: boolean;
};

export type TLastAccessedService = {
  namespace: string;
  lastAuthenticated: string | null;
  actions: Array<{ action: string; lastAccessed: string | null }>;
  actionLevel: boolean;
};

export type TLastAccessed = {
  /** When AWS produced the data (the data's own age, not the run's). */
  jobCompletionDate: string;
  usedServices: TLastAccessedService[];
  unusedServices: string[];
};

// The parsed parties of a trust policy, as the collector stores them with each role.
export type { TTrustPrincipal } from "../collect/parse/trust-principals";
import type { TTrustPrincipal } from "../collect/parse/trust-principals";

export type TPrincipal = {
  /** Unique across the organization: `<accountId>/<AWS unique id>` or `sso/<identity-store user id>`. */
  key: string;
  kind: "iam-user" | "iam-role" | "sso-user";
  /** AWS unique id (AIDA…/AROA…) or identity-store user id. */
  id: string;
  accountId: string | null;
  name: string;
  arn: string | null;
  path: string;
  createDate: string | null;
  tags: Record<string, string>;
  /** Attached managed (default version) and inline policies of the principal itself. */
  identityPolicies: TPolicyDocRef[];
  /** Users: the policies of every group they belong to. */
  groupPolicies: TPolicyDocRef[];
  groups: string[];
  permissionsBoundary: TPolicyDocRef | null;
  /** Roles only. */
  trustPolicy: unknown | null;
  trustPrincipals: TTrustPrincipal[];
  instanceProfileCount: number;
  /** Roles: RoleLastUsed. Users: latest of password and key use (from the credential report / keys). */
  lastUsed: string | null;
  lastAccessed: TLastAccessed | null;
  /** Roles created by Identity Center for a permission set (AWSReservedSSO_<name>_<hash>). */
  ssoPermissionSetName: string | null;
  /** Service-linked roles (path /aws-service-role/) are exempt from SCPs. */
  serviceLinked: boolean;
  /** sso-user only: the identity store user's emails. */
  emails: string[];
};

export type TAccessKey = {
  id: string;
  accountId: string;
  userKey: string;
  userName: string;
  status: "Active" | "Inactive";
  createDate: string | null;
  lastUsedDate: string | null;
  lastUsedService: string | null;
};

export type TCredentialReportRow = {
  accountId: string;
  user: string;
  arn: string;
  isRoot: boolean;
  passwordEnabled: boolean | null;
  passwordLastUsed: string | null;
  mfaActive: boolean;
  accessKeys: Array<{ slot: 1 | 2; active: boolean; lastRotated: string | null; lastUsedDate: string | null }>;
  userCreationTime: string | null;
};

export type TAccountSettings = {
  accountId: string;
  /** GetAccountSummary map (AccountMFAEnabled, AccountAccessKeysPresent, …). */
  summary: Record<string, number> | null;
  /** null = not collected; { present: false } = the account has no password policy. */
  passwordPolicy: ({ present: boolean } & Record<string, unknown>) | null;
  mfaDevices: Array<{ serialNumber: string; virtual: boolean; userName: string | null }>;
  samlProviders: Array<{ arn: string; name: string }>;
  oidcProviders: Array<{ arn: string; url: string; clientIds: string[] }>;
  credentialReportGeneratedAt: string | null;
};

export type TOrgPolicy = TPolicyDocRef & { targets: string[] };

export type TPermissionSet = {
  arn: string;
  name: string;
  managedPolicyArns: string[];
  customerManagedPolicies: Array<{ name: string; path: string }>;
  inlinePolicy: TPolicyDocRef | null;
  permissionsBoundary: { managedPolicyArn?: string; customerManagedPolicy?: { name: string; path: string } } | null;
};

export type TAssignment = {
  permissionSetArn: string;
  permissionSetName: string;
  accountId: string;
  principalType: "USER" | "GROUP";
  principalId: string;
  /** The AWSReservedSSO role this assignment materialises in the account, when collected. */
  roleKey: string | null;
};

export type TCustomerManagedPolicy = {
  key: string;
  accountId: string;
  arn: string;
  name: string;
  /** Users, groups and roles it is attached to, as AWS counts them. */
  attachmentCount: number;
  permissionsBoundaryUsageCount: number;
  /** The default version's document. */
  document: unknown;
};
import type { TAccountResourceSettings, TRegionStatus, TResource } from "../resources/resource-model";

export type TOrgModel = {
  runId: number;
  /** The reference time for ages ("now" of the analysis, ISO). */
  asOf: string;
  organizationId: string | null;
  managementAccountId: string | null;
  accounts: TAccount[];
  scps: TOrgPolicy[];
  rcps: TOrgPolicy[];
  principals: TPrincipal[];
  /**
   * Customer managed policies of each collected account, attached or not (for findings
   * about the policies themselves). Absent in models built without a snapshot.
   */
  customerManagedPolicies?: TCustomerManagedPolicy[];
  /** IAM groups (for findings about groups themselves); membership is on TPrincipal.groups. */
  groups: Array<{ key: string; accountId: string; name: string; arn: string; policies: TPolicyDocRef[] }>;
  accessKeys: TAccessKey[];
  credentialReport: TCredentialReportRow[];
  accountSettings: TAccountSettings[];
  identityCenter: {
    groups: Array<{ id: string; name: string; memberIds: string[] }>;
    permissionSets: TPermissionSet[];
    assignments: TAssignment[];
  };
  /** Data resources with their resource-based policies (lib/resources/resource-model.ts). */
  resources: TResource[];
  /** Per collected account: S3 account-level Block Public Access. */
  accountResourceSettings: TAccountResourceSettings[];
  /** Each (account, region): collected, unavailable (not enabled, denied by an SCP) or failed. */
  regionStatus: TRegionStatus[];
};
