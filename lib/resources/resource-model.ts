// The data resources of an account as the collector stores them and the analysis reads
// them (TOrgModel.resources): metadata and access policies only, never data or secrets.
// This file is the contract between collection (lib/collect/collectors/resources/…) and
// evaluation (lib/policy resource evaluation, lib/analysis/resources/…).

export const RESOURCE_TYPES = [
  "s3-bucket",
  "kms-key",
  "sqs-queue",
  "sns-topic",
  "secretsmanager-secret",
  "lambda-function",
  "lambda-layer",
  "ecr-repository",
  "dynamodb-table",
  "dynamodb-stream",
  "efs-file-system",
  "ebs-snapshot",
  "rds-db-snapshot",
  "rds-cluster-snapshot",
] as const;
export type TResourceType = (typeof RESOURCE_TYPES)[number];

/**
 * Types AWS cannot tag: Lambda's ListTags/TagResource take functions, event source mappings
 * and code signing configurations only, not layers
 * (https://docs.aws.amazon.com/lambda/latest/api/API_ListTags.html), so a layer's `tags` is
 * always empty and the console says so instead of showing an empty value. DynamoDB streams,
 * by contrast, have tags of their own, listed by the stream ARN
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/streams-abac-example-1.html).
 */
export const UNTAGGABLE_RESOURCE_TYPES: ReadonlySet<TResourceType> = new Set<TResourceType>(["lambda-layer"]);

export type TBlockPublicAccess = {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
};

/** One S3 ACL grant (GetBucketAcl). */
export type TAclGrant = {
  granteeType: "CanonicalUser" | "Group" | "AmazonCustomerByEmail";
  /** Group grantees: e.g. http://acs.amazonaws.com/groups/global/AllUsers. */
  granteeUri: string | null;
  granteeId: string | null;
  permission: "FULL_CONTROL" | "READ" | "WRITE" | "READ_ACP" | "WRITE_ACP";
};

/** One KMS grant (ListGrants): a further way in beside the key policy. */
export type TKmsGrant = {
  grantId: string;
  granteePrincipal: string;
  retiringPrincipal: string | null;
  operations: string[];
  /** EncryptionContextEquals / EncryptionContextSubset, when the grant has constraints. */
  constraints: Record<string, unknown> | null;
};

export type TResource = {
  arn: string;
  type: TResourceType;
  accountId: string;
  region: string;
  name: string;
  /** The resource-based policy document as parsed JSON; null when the resource has none. */
  policy: unknown | null;
  tags: Record<string, string>;
  /** S3 general-purpose buckets. */
  s3?: {
    /** Bucket-level Block Public Access; null when none is configured. */
    blockPublicAccess: TBlockPublicAccess | null;
    /** BucketOwnerEnforced disables ACLs. */
    objectOwnership: "BucketOwnerEnforced" | "BucketOwnerPreferred" | "ObjectWriter" | null;
    aclGrants: TAclGrant[];
    /** GetBucketPolicyStatus.IsPublic as AWS reports it (evidence, not the verdict). */
    policyStatusIsPublic: boolean | null;
  };
  kms?: {
    keyManager: "AWS" | "CUSTOMER";
    keyState: string;
    grants: TKmsGrant[];
  };
  /**
   * Attribute-based sharing: EBS createVolumePermission, RDS snapshot "restore" attribute,
   * Lambda layer version permissions when expressed as account ids. "all" = public.
   */
  sharedWith?: { accountIds: string[]; public: boolean };
  /** Fields whose collection failed or was denied: name -> reason (the rest is still valid). */
  unavailable?: Record<string, string>;
};

/** Per account: S3 account-level Block Public Access (s3control GetPublicAccessBlock). */
export type TAccountResourceSettings = {
  accountId: string;
  s3BlockPublicAccess: TBlockPublicAccess | null;
};

/** Each (account, region) collected or not, with why. */
export type TRegionStatus = {
  accountId: string;
  region: string;
  status: "collected" | "unavailable" | "failed";
  /** e.g. "not enabled (opt-in)", "denied by SCP", the error message. */
  reason: string | null;
};
