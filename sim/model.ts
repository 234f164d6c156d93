// In-memory model of a simulated AWS organization. Everything here is fully resolved:
// absolute ISO dates, final IDs and ARNs, policy documents as compact JSON strings.
// Produced by load-org.ts / generate-org.ts (which both finish with finalizeOrg()).

import type { AccountResources } from "./resource-model";

export type IsoDate = string; // 2024-05-01T10:11:12Z
export interface Tag { Key: string; Value: string }

export interface Organization {
  id: string; // o-xxxxxxxxxx
  arn: string;
  featureSet: "ALL";
  seed: string;
  /** reference time every relative date of the org file was resolved against */
  now: IsoDate;
  managementAccountId: string;
  root: OrgRoot;
  ous: OrganizationalUnit[];
  accounts: Account[];
  /** SCPs and RCPs, including the AWS-managed FullAWSAccess / RCPFullAWSAccess */
  policies: OrgPolicy[];
  identityCenter?: IdentityCenter;
  hub: HubIdentity;
  /** role created in every account (unless Account.auditRole === false) trusting the hub principal */
  auditRoleName: string;
  /** role in the management account trusting the hub, for Organizations / SSO reads */
  orgReaderRoleArn?: string;
}

export interface OrgRoot { id: string; arn: string; name: string; tags: Tag[] }

export interface OrganizationalUnit {
  id: string; // ou-xxxx-xxxxxxxx
  arn: string;
  name: string;
  parentId: string; // root id or OU id
  /** o-xxx/r-xxxx/ou-.../ */
  path: string;
  tags: Tag[];
}

export type AccountStatus = "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";
export type AccountState = "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE" | "CLOSED";

export interface Account {
  id: string; // 12 digits
  arn: string;
  name: string;
  email: string;
  status: AccountStatus;
  state: AccountState;
  joinedMethod: "INVITED" | "CREATED";
  joinedTimestamp: IsoDate;
  parentId: string;
  tags: Tag[];
  alias?: string;
  /** false when the account lacks the audit role */
  auditRole: boolean;
  iam: AccountIam;
  /** Regions and data resources (S3, KMS, SQS, …); absent = the default regions, no resources. */
  resources?: AccountResources;
}

export interface AccountIam {
  users: IamUser[];
  groups: IamGroup[];
  roles: IamRole[];
  /** customer managed policies (AWS managed ones live in the global catalog) */
  policies: ManagedPolicy[];
  passwordPolicy?: PasswordPolicy;
  root: RootAccount;
  samlProviders: SamlProvider[];
  oidcProviders: OidcProvider[];
}

export interface InlinePolicy { name: string; document: string }

export interface AccessKey {
  id: string;
  secret: string;
  status: "Active" | "Inactive";
  createDate: IsoDate;
  lastUsed?: { date: IsoDate; service: string; region: string };
}

export interface MfaDevice { serialNumber: string; type: "virtual" | "hardware"; enableDate: IsoDate }

export interface ServiceAccess {
  /** service namespace, e.g. s3 */
  service: string;
  date: IsoDate;
  region: string;
  /** tracked actions (action name without prefix) for action-level services */
  actions?: Array<{ action: string; date: IsoDate; region: string }>;
}

export interface IamUser {
  name: string;
  id: string; // AIDA…
  arn: string;
  path: string;
  createDate: IsoDate;
  /** present when the user has a console password */
  password?: { lastChanged: IsoDate; lastUsed?: IsoDate };
  mfaDevices: MfaDevice[];
  accessKeys: AccessKey[];
  groups: string[];
  managedPolicyArns: string[];
  inlinePolicies: InlinePolicy[];
  permissionsBoundaryArn?: string;
  tags: Tag[];
  lastAccessed: ServiceAccess[];
}

export interface IamGroup {
  name: string;
  id: string; // AGPA…
  arn: string;
  path: string;
  createDate: IsoDate;
  managedPolicyArns: string[];
  inlinePolicies: InlinePolicy[];
}

export interface InstanceProfile { name: string; id: string; arn: string; path: string; createDate: IsoDate }

export interface IamRole {
  name: string;
  id: string; // AROA…
  arn: string;
  path: string;
  createDate: IsoDate;
  trustPolicy: string;
  description?: string;
  maxSessionDuration: number;
  managedPolicyArns: string[];
  inlinePolicies: InlinePolicy[];
  permissionsBoundaryArn?: string;
  tags: Tag[];
  lastUsed?: { date: IsoDate; region: string };
  instanceProfiles: InstanceProfile[];
  lastAccessed: ServiceAccess[];
  /** set on roles the simulator adds itself */
  system?: "audit" | "org-reader" | "sso";
}

export interface PolicyVersion { versionId: string; document: string; isDefault: boolean; createDate: IsoDate }

export interface ManagedPolicy {
  name: string;
  id: string; // ANPA…
  arn: string;
  path: string;
  description?: string;
  createDate: IsoDate;
  updateDate: IsoDate;
  defaultVersionId: string;
  versions: PolicyVersion[];
  awsManaged: boolean;
}

export interface PasswordPolicy {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  ExpirePasswords: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry: boolean;
}

export interface RootAccount {
  createDate: IsoDate;
  mfa?: MfaDevice;
  passwordLastUsed?: IsoDate;
  accessKeys: AccessKey[];
}

export interface SamlProvider { name: string; arn: string; createDate: IsoDate; validUntil: IsoDate }
export interface OidcProvider {
  arn: string;
  /** without scheme, as IAM returns it: token.actions.githubusercontent.com */
  url: string;
  clientIds: string[];
  thumbprints: string[];
  createDate: IsoDate;
  tags: Tag[];
}

export type OrgPolicyType = "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";
export interface OrgPolicy {
  id: string; // p-xxxxxxxx or p-FullAWSAccess
  arn: string;
  name: string;
  description: string;
  type: OrgPolicyType;
  awsManaged: boolean;
  content: string;
  /** root / OU / account ids */
  targets: string[];
  tags: Tag[];
}

export interface HubIdentity {
  accountId: string;
  userName: string;
  principalArn: string;
  accessKeyId: string;
  secretAccessKey: string;
}

// ---------------- Identity Center ----------------
export interface IdentityCenter {
  instanceArn: string; // arn:aws:sso:::instance/ssoins-…
  identityStoreId: string; // d-…
  ownerAccountId: string;
  region: string;
  name?: string;
  createdDate: IsoDate;
  users: IdcUser[];
  groups: IdcGroup[];
  memberships: IdcMembership[];
  permissionSets: PermissionSet[];
  assignments: AccountAssignment[];
  /** per target account: the AWSSSO_<hex>_DO_NOT_DELETE SAML provider name */
  samlProviderByAccount: Record<string, string>;
}
export interface IdcUser {
  id: string;
  userName: string;
  displayName: string;
  givenName: string;
  familyName: string;
  email: string;
  /** bearer token accepted by the SSO portal GetRoleCredentials */
  accessToken?: string;
  createdAt: IsoDate;
}
export interface IdcGroup { id: string; displayName: string; description?: string; createdAt: IsoDate }
export interface IdcMembership { id: string; groupId: string; userId: string }
export interface CustomerManagedPolicyRef { name: string; path: string }
export interface PermissionSet {
  arn: string;
  name: string;
  description?: string;
  createdDate: IsoDate;
  sessionDuration: string; // ISO-8601 duration, e.g. PT8H
  managedPolicyArns: string[];
  customerManagedPolicies: CustomerManagedPolicyRef[];
  inlinePolicy?: string;
  permissionsBoundary?: { managedPolicyArn?: string; customerManagedPolicy?: CustomerManagedPolicyRef };
}
export interface AccountAssignment {
  accountId: string;
  permissionSetArn: string;
  principalType: "USER" | "GROUP";
  principalId: string;
}

// ---------------- faults ----------------
export interface TokenBucketSpec { rate: number; burst: number }
export interface Faults {
  throttle?: { perAccount?: TokenBucketSpec; perCaller?: TokenBucketSpec };
  latencyMs?: number;
  /** probability in [0,1] that an accepted request fails with 500 InternalFailure / 503 ServiceUnavailable */
  errorRate5xx?: number;
  accessDenied?: { accounts?: string[]; apis?: Array<{ account?: string; action: string }> };
  /** requests into these accounts are accepted and never answered */
  blackholeAccounts?: string[];
  /**
   * A slow server: requests into these accounts (all when absent) queue for `workers`
   * workers that each spend `serviceMs` per request, and keep working on a request after
   * its client gave up, as a real overloaded server does.
   */
  slowEndpoint?: { serviceMs: number; workers: number; accounts?: string[]; /** "service:Action"; all when absent */ operations?: string[] };
  /** "service:Action" the endpoint does not implement (answered as an unknown operation). */
  unimplemented?: string[];
  /** "service:Action" answered 200 with an HTML page (a portal or proxy in front of the API). */
  htmlAnswers?: string[];
  /** Customer managed policy ARNs that GetAccountAuthorizationDetails lists without a PolicyId. */
  policiesWithoutId?: string[];
  /** Role ARNs that GetAccountAuthorizationDetails lists without a RoleId (a record that cannot be keyed). */
  rolesWithoutId?: string[];
  seed?: number;
}
