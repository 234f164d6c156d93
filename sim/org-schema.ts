// zod schema of the declarative org file (YAML or JSON). See sim/README.md for the format.
import { z } from "zod";
import { RegionsSchema, ResourcesSchema } from "./resource-schema";

const days = z.number().nonnegative();
const tags = z.record(z.string(), z.string());
const policyDoc = z.record(z.string(), z.unknown()).refine((d) => "Statement" in d, { message: "policy document needs a Statement" });
const inlinePolicies = z.record(z.string(), policyDoc);
const policyRefs = z.array(z.string());
const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit account id");

const lastAccessed = z.array(z.object({
  service: z.string(),
  daysAgo: days,
  region: z.string().optional(),
  /** tracked action name (no prefix) → days ago */
  actions: z.record(z.string(), days).optional(),
}).strict());

const accessKey = z.object({
  ageDays: days,
  status: z.enum(["Active", "Inactive"]).optional(),
  lastUsedDaysAgo: days.optional(),
  service: z.string().optional(),
  region: z.string().optional(),
  id: z.string().regex(/^AKIA[A-Z0-9]{16}$/).optional(),
  secret: z.string().optional(),
}).strict();

const user = z.object({
  name: z.string().min(1),
  path: z.string().optional(),
  ageDays: days.optional(),
  tags: tags.optional(),
  console: z.union([z.literal(true), z.object({ passwordAgeDays: days.optional(), lastUsedDaysAgo: days.optional() }).strict()]).optional(),
  mfa: z.enum(["virtual", "hardware", "none"]).optional(),
  keys: z.array(accessKey).optional(),
  groups: z.array(z.string()).optional(),
  managedPolicies: policyRefs.optional(),
  inlinePolicies: inlinePolicies.optional(),
  boundary: z.string().optional(),
  lastAccessed: lastAccessed.optional(),
}).strict();

const trustShorthand = z.object({
  aws: z.union([z.string(), z.array(z.string())]).optional(),
  service: z.union([z.string(), z.array(z.string())]).optional(),
  federated: z.string().optional(),
  action: z.union([z.string(), z.array(z.string())]).optional(),
  externalId: z.string().optional(),
  condition: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
}).strict().refine((t) => t.aws !== undefined || t.service !== undefined || t.federated !== undefined, { message: "trust needs aws, service or federated" });

const role = z.object({
  name: z.string().min(1),
  path: z.string().optional(),
  ageDays: days.optional(),
  description: z.string().optional(),
  maxSessionHours: z.number().min(1).max(12).optional(),
  trust: trustShorthand.optional(),
  trustPolicy: policyDoc.optional(),
  managedPolicies: policyRefs.optional(),
  inlinePolicies: inlinePolicies.optional(),
  boundary: z.string().optional(),
  tags: tags.optional(),
  instanceProfile: z.union([z.boolean(), z.string()]).optional(),
  lastUsedDaysAgo: days.optional(),
  lastUsedRegion: z.string().optional(),
  lastAccessed: lastAccessed.optional(),
}).strict().refine((r) => (r.trust === undefined) !== (r.trustPolicy === undefined), { message: "role needs exactly one of trust / trustPolicy" });

const group = z.object({
  name: z.string().min(1),
  path: z.string().optional(),
  ageDays: days.optional(),
  managedPolicies: policyRefs.optional(),
  inlinePolicies: inlinePolicies.optional(),
}).strict();

const managedPolicy = z.object({
  name: z.string().min(1),
  path: z.string().optional(),
  description: z.string().optional(),
  ageDays: days.optional(),
  document: policyDoc.optional(),
  versions: z.array(z.object({ document: policyDoc, ageDays: days.optional(), default: z.boolean().optional() }).strict()).min(1).max(5).optional(),
}).strict().refine((p) => (p.document === undefined) !== (p.versions === undefined), { message: "policy needs exactly one of document / versions" });

const passwordPolicy = z.object({
  minimumPasswordLength: z.number().int().min(6).max(128),
  requireSymbols: z.boolean().optional(),
  requireNumbers: z.boolean().optional(),
  requireUppercaseCharacters: z.boolean().optional(),
  requireLowercaseCharacters: z.boolean().optional(),
  allowUsersToChangePassword: z.boolean().optional(),
  maxPasswordAge: z.number().int().min(1).max(1095).optional(),
  passwordReusePrevention: z.number().int().min(1).max(24).optional(),
  hardExpiry: z.boolean().optional(),
}).strict();

const account = z.object({
  id: accountId,
  name: z.string().min(1),
  email: z.string().min(3),
  ou: z.string().optional(),
  status: z.enum(["ACTIVE", "SUSPENDED", "PENDING_CLOSURE"]).optional(),
  state: z.enum(["ACTIVE", "SUSPENDED", "PENDING_CLOSURE", "CLOSED"]).optional(),
  joinedMethod: z.enum(["CREATED", "INVITED"]).optional(),
  ageDays: days.optional(),
  tags: tags.optional(),
  alias: z.string().optional(),
  auditRole: z.boolean().optional(),
  passwordPolicy: passwordPolicy.optional(),
  root: z.object({
    mfa: z.enum(["virtual", "hardware", "none"]).optional(),
    passwordLastUsedDaysAgo: days.optional(),
    accessKeys: z.array(accessKey).optional(),
  }).strict().optional(),
  samlProviders: z.array(z.object({ name: z.string(), ageDays: days.optional() }).strict()).optional(),
  oidcProviders: z.array(z.object({
    url: z.string(),
    clientIds: z.array(z.string()).optional(),
    thumbprints: z.array(z.string()).optional(),
    ageDays: days.optional(),
    tags: tags.optional(),
  }).strict()).optional(),
  policies: z.array(managedPolicy).optional(),
  groups: z.array(group).optional(),
  users: z.array(user).optional(),
  roles: z.array(role).optional(),
  /** Regions of this account (default: the organization's `regions`). */
  regions: RegionsSchema.optional(),
  resources: ResourcesSchema.optional(),
}).strict();

interface OuSpec { name: string; tags?: Record<string, string>; children?: OuSpec[] }
const ou: z.ZodType<OuSpec> = z.lazy(() => z.object({ name: z.string().min(1).regex(/^[^/]+$/, "OU names cannot contain /"), tags: tags.optional(), children: z.array(ou).optional() }).strict());

const permissionSetRef = z.object({ name: z.string(), path: z.string().optional() }).strict();

const identityCenter = z.object({
  region: z.string().optional(),
  name: z.string().optional(),
  ageDays: days.optional(),
  users: z.array(z.object({
    userName: z.string().min(1),
    displayName: z.string().optional(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string(),
    accessToken: z.string().optional(),
    ageDays: days.optional(),
  }).strict()),
  groups: z.array(z.object({ name: z.string().min(1), description: z.string().optional(), members: z.array(z.string()).optional() }).strict()).optional(),
  permissionSets: z.array(z.object({
    name: z.string().min(1).max(32).regex(/^[\w+=,.@-]+$/),
    description: z.string().optional(),
    sessionDuration: z.string().regex(/^PT(\d+H)?(\d+M)?$/).optional(),
    ageDays: days.optional(),
    managedPolicies: policyRefs.optional(),
    customerManagedPolicies: z.array(permissionSetRef).optional(),
    inlinePolicy: policyDoc.optional(),
    boundary: z.union([
      z.object({ managedPolicy: z.string() }).strict(),
      z.object({ customerManagedPolicy: permissionSetRef }).strict(),
    ]).optional(),
  }).strict()),
  assignments: z.array(z.object({
    permissionSet: z.string(),
    accounts: z.array(accountId).min(1),
    groups: z.array(z.string()).optional(),
    users: z.array(z.string()).optional(),
  }).strict()).optional(),
}).strict();

export const OrgFileSchema = z.object({
  seed: z.string().optional(),
  organization: z.object({
    id: z.string().regex(/^o-[a-z0-9]{10,32}$/).optional(),
    managementAccount: accountId,
    auditRoleName: z.string().optional(),
    orgReaderRole: z.string().optional(),
    rootTags: tags.optional(),
  }).strict(),
  hub: z.object({
    account: accountId,
    userName: z.string().min(1),
    accessKeyId: z.string().regex(/^AKIA[A-Z0-9]{16}$/, "must look like an access key id (AKIA + 16 chars)"),
    secretAccessKey: z.string().min(16),
  }).strict(),
  ous: z.array(ou).optional(),
  scps: z.array(z.object({
    name: z.string().min(1),
    type: z.enum(["SCP", "RCP"]).optional(),
    description: z.string().optional(),
    targets: z.array(z.string()).min(1),
    document: policyDoc,
    tags: tags.optional(),
  }).strict()).optional(),
  accounts: z.array(account).min(1),
  /** Every account's regions unless it lists its own (default: sim/resource-model.ts DEFAULT_REGIONS). */
  regions: RegionsSchema.optional(),
  identityCenter: identityCenter.optional(),
}).strict();

export type OrgFile = z.infer<typeof OrgFileSchema>;
export type OrgFileAccount = z.infer<typeof account>;
export type OrgFileUser = z.infer<typeof user>;
export type OrgFileRole = z.infer<typeof role>;
export type OrgFileKey = z.infer<typeof accessKey>;
export type OrgFileLastAccessed = z.infer<typeof lastAccessed>;
export type OrgFileOu = OuSpec;
