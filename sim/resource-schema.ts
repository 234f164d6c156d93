// zod schema of an account's regions and data resources in the org file (see sim/README.md).
import { z } from "zod";

const tags = z.record(z.string(), z.string());
const policyDoc = z.record(z.string(), z.unknown()).refine((d) => "Statement" in d, { message: "policy document needs a Statement" });
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be a region name like eu-west-1");
const sharedWith = z.array(z.union([z.literal("all"), z.string().regex(/^\d{12}$/, "must be \"all\" or a 12-digit account id")]));

/** `us-east-1` (enabled by default) or `{ name, optIn: enabled | disabled }` (an opt-in region). */
export const RegionsSchema = z.array(z.union([
  region,
  z.object({ name: region, optIn: z.enum(["enabled", "disabled"]) }).strict(),
])).min(1);

export const BlockPublicAccessSchema = z.union([
  z.literal(true),
  z.object({
    blockPublicAcls: z.boolean().optional(),
    ignorePublicAcls: z.boolean().optional(),
    blockPublicPolicy: z.boolean().optional(),
    restrictPublicBuckets: z.boolean().optional(),
  }).strict(),
]);

const base = { name: z.string().min(1), region: region.optional(), tags: tags.optional(), ageDays: z.number().nonnegative().optional() };
const withPolicy = { ...base, policy: policyDoc.optional() };

const aclGrant = z.union([
  z.object({ group: z.enum(["AllUsers", "AuthenticatedUsers", "LogDelivery"]), permission: z.enum(["FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP"]) }).strict(),
  z.object({ canonicalUser: z.string().min(1), permission: z.enum(["FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP"]) }).strict(),
]);

export const ResourcesSchema = z.object({
  /** Account-level S3 Block Public Access (s3control); `true` = all four settings on. */
  s3BlockPublicAccess: BlockPublicAccessSchema.optional(),
  buckets: z.array(z.object({
    ...withPolicy,
    /** Bucket-level Block Public Access; absent = none configured. */
    blockPublicAccess: BlockPublicAccessSchema.optional(),
    /** Default BucketOwnerEnforced (ACLs disabled), as for new buckets since April 2023. */
    objectOwnership: z.enum(["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"]).optional(),
    acl: z.array(aclGrant).optional(),
  }).strict()).optional(),
  kmsKeys: z.array(z.object({
    ...withPolicy,
    keyManager: z.enum(["AWS", "CUSTOMER"]).optional(),
    keyState: z.enum(["Enabled", "Disabled", "PendingDeletion"]).optional(),
    grants: z.array(z.object({
      grantee: z.string().min(1),
      operations: z.array(z.string()).min(1),
      retiring: z.string().optional(),
      encryptionContext: z.record(z.string(), z.string()).optional(),
    }).strict()).optional(),
  }).strict()).optional(),
  queues: z.array(z.object(withPolicy).strict()).optional(),
  topics: z.array(z.object(withPolicy).strict()).optional(),
  secrets: z.array(z.object(withPolicy).strict()).optional(),
  functions: z.array(z.object({ ...withPolicy, runtime: z.string().optional() }).strict()).optional(),
  layers: z.array(z.object({ ...base, versions: z.array(z.object({ policy: policyDoc.optional() }).strict()).min(1) }).strict()).optional(),
  repositories: z.array(z.object(withPolicy).strict()).optional(),
  tables: z.array(z.object({ ...withPolicy, stream: z.union([z.literal(true), z.object({ policy: policyDoc.optional(), tags: tags.optional() }).strict()]).optional() }).strict()).optional(),
  fileSystems: z.array(z.object(withPolicy).strict()).optional(),
  ebsSnapshots: z.array(z.object({ ...base, volumeSize: z.number().int().positive().optional(), sharedWith: sharedWith.optional() }).strict()).optional(),
  dbSnapshots: z.array(z.object({ ...base, engine: z.string().optional(), sharedWith: sharedWith.optional() }).strict()).optional(),
  clusterSnapshots: z.array(z.object({ ...base, engine: z.string().optional(), sharedWith: sharedWith.optional() }).strict()).optional(),
}).strict();

export type OrgFileResources = z.infer<typeof ResourcesSchema>;
export type OrgFileRegions = z.infer<typeof RegionsSchema>;
export type OrgFileBlockPublicAccess = z.infer<typeof BlockPublicAccessSchema>;
