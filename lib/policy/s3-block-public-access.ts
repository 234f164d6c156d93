import type { TAclGrant, TBlockPublicAccess } from "../resources/resource-model";
import type { AccessLevel } from "./action-catalogue";

// S3 Block Public Access and ACLs as the S3 User Guide documents them
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html):
// account and bucket settings combine, the stricter wins; BlockPublicAcls and
// BlockPublicPolicy only refuse new public ACLs or policies and leave existing ones in
// force; IgnorePublicAcls makes S3 ignore public ACL grants; RestrictPublicBuckets limits a
// bucket whose policy is public to AWS service principals and the bucket owner's account.

// The collected shapes (lib/resources/resource-model.ts) are what the engine reads.
export type BlockPublicAccessSettings = TBlockPublicAccess;
export type S3AclGrant = TAclGrant;

export type S3BucketSettings = {
  blockPublicAccess?: BlockPublicAccessSettings | null;
  accountBlockPublicAccess?: BlockPublicAccessSettings | null;
  objectOwnership?: "BucketOwnerEnforced" | "BucketOwnerPreferred" | "ObjectWriter" | null;
  aclGrants?: S3AclGrant[];
};

export const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
export const AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

export function effectiveBlockPublicAccess(settings: S3BucketSettings): BlockPublicAccessSettings {
  const bucket = settings.blockPublicAccess;
  const account = settings.accountBlockPublicAccess;
  const either = (key: keyof BlockPublicAccessSettings) => Boolean(bucket?.[key] || account?.[key]);
  return {
    blockPublicAcls: either("blockPublicAcls"),
    ignorePublicAcls: either("ignorePublicAcls"),
    blockPublicPolicy: either("blockPublicPolicy"),
    restrictPublicBuckets: either("restrictPublicBuckets"),
  };
}

/** ACLs count unless Object Ownership is BucketOwnerEnforced (ACLs disabled). */
export function aclsEnabled(settings: S3BucketSettings): boolean {
  return settings.objectOwnership !== "BucketOwnerEnforced";
}

/** AllUsers (anyone) and AuthenticatedUsers (any AWS account) grants are public, per S3. */
export function isPublicAclGrant(grant: S3AclGrant): boolean {
  return grant.granteeType === "Group" && (grant.granteeUri === ALL_USERS || grant.granteeUri === AUTHENTICATED_USERS);
}

// What a bucket ACL permission lets the grantee do on the bucket.
const ACL_LEVELS: Record<S3AclGrant["permission"], AccessLevel[]> = {
  READ: ["List"],
  WRITE: ["Write"],
  READ_ACP: ["Read"],
  WRITE_ACP: ["Permissions management"],
  FULL_CONTROL: ["List", "Read", "Write", "Permissions management"],
};

const ACL_ACTIONS: Record<S3AclGrant["permission"], RegExp> = {
  READ: /^s3:ListBucket(Versions|MultipartUploads)?$/i,
  WRITE: /^s3:(PutObject|DeleteObject|DeleteObjectVersion)$/i,
  READ_ACP: /^s3:GetBucketAcl$/i,
  WRITE_ACP: /^s3:PutBucketAcl$/i,
  FULL_CONTROL: /^s3:(ListBucket(Versions|MultipartUploads)?|PutObject|DeleteObject|DeleteObjectVersion|GetBucketAcl|PutBucketAcl)$/i,
};

export function aclGrantLevels(grant: S3AclGrant): AccessLevel[] {
  return ACL_LEVELS[grant.permission];
}

export function aclGrantAllows(options: { grant: S3AclGrant; action: string }): boolean {
  return ACL_ACTIONS[options.grant.permission].test(options.action);
}

/** Public ACL grants S3 still honours: ACLs enabled and IgnorePublicAcls off. */
export function effectivePublicAclGrants(settings: S3BucketSettings): S3AclGrant[] {
  if (!aclsEnabled(settings) || effectiveBlockPublicAccess(settings).ignorePublicAcls) return [];
  return (settings.aclGrants ?? []).filter(isPublicAclGrant);
}
