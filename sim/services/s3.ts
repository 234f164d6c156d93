// Amazon S3 (restXml, path-style addressing) and S3 Control's account-level Block Public
// Access. Only bucket configuration exists here: there are no objects to read.
import { createHash } from "node:crypto";
import type { AclGrant, BlockPublicAccess, Bucket } from "../resource-model";
import { paginate, SimError } from "../protocol/common";
import { xmlElements, xmlReply, type RestReply, type RestRoute } from "../protocol/rest";
import { isPublicPolicy } from "../public-policy";
import type { RestCtx } from "./types";

const XMLNS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/** The account's canonical user id (64 hex characters, stable per account). */
export function canonicalUserId(accountId: string): string {
  return createHash("sha256").update(`canonical:${accountId}`).digest("hex");
}

function bucketOf(ctx: RestCtx, name: string): Bucket {
  const bucket = ctx.state.resources(ctx.caller.accountId).buckets.find((b) => b.name === name);
  if (!bucket) throw new SimError("NoSuchBucket", "The specified bucket does not exist", 404);
  // Path-style requests to another region's endpoint are redirected, as S3 does.
  if (bucket.region !== ctx.region) throw new SimError("PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.", 301);
  return bucket;
}

const bpaXml = (b: BlockPublicAccess) =>
  `<PublicAccessBlockConfiguration ${XMLNS}>${xmlElements({ BlockPublicAcls: b.BlockPublicAcls, IgnorePublicAcls: b.IgnorePublicAcls, BlockPublicPolicy: b.BlockPublicPolicy, RestrictPublicBuckets: b.RestrictPublicBuckets })}</PublicAccessBlockConfiguration>`;

function listBuckets(ctx: RestCtx): RestReply {
  const q = ctx.req.query;
  const region = q.get("bucket-region") ?? undefined;
  const max = q.has("max-buckets") ? Number(q.get("max-buckets")) : 10_000;
  if (!Number.isInteger(max) || max < 1 || max > 10_000) throw new SimError("InvalidArgument", "max-buckets must be between 1 and 10000");
  const all = ctx.state.resources(ctx.caller.accountId).buckets.filter((b) => !region || b.region === region).sort((a, b) => a.name.localeCompare(b.name));
  const { page, next } = paginate(all, q.get("continuation-token") ?? undefined, max, `ListBuckets:${ctx.caller.accountId}:${region ?? ""}`, () => new SimError("InvalidArgument", "The continuation token provided is incorrect"));
  const owner = { ID: canonicalUserId(ctx.caller.accountId) };
  const buckets = page.map((b) => ({ Name: b.name, CreationDate: b.createDate.replace("Z", ".000Z"), BucketRegion: b.region, BucketArn: b.arn }));
  return xmlReply(`<ListAllMyBucketsResult ${XMLNS}>${xmlElements({ Owner: owner })}<Buckets>${xmlElements({ Bucket: buckets })}</Buckets>${xmlElements({ ContinuationToken: next, Prefix: undefined })}</ListAllMyBucketsResult>`);
}

/** GET /{bucket}?<subresource>: the first known subresource in the query names the operation. */
const SUBRESOURCES: Record<string, string> = {
  policy: "GetBucketPolicy", policyStatus: "GetBucketPolicyStatus", publicAccessBlock: "GetPublicAccessBlock",
  ownershipControls: "GetBucketOwnershipControls", acl: "GetBucketAcl", tagging: "GetBucketTagging", location: "GetBucketLocation",
};
const subresource = (q: URLSearchParams) => Object.keys(SUBRESOURCES).find((k) => q.has(k));

function bucketOperation(ctx: RestCtx, name: string): RestReply {
  const sub = subresource(ctx.req.query);
  const b = bucketOf(ctx, name);
  switch (sub) {
    case "policy":
      if (!b.policy) throw new SimError("NoSuchBucketPolicy", "The bucket policy does not exist", 404);
      return { status: 200, headers: { "content-type": "application/json" }, body: b.policy };
    case "policyStatus":
      if (!b.policy) throw new SimError("NoSuchBucketPolicy", "The bucket policy does not exist", 404);
      return xmlReply(`<PolicyStatus ${XMLNS}><IsPublic>${isPublicPolicy(b.policy)}</IsPublic></PolicyStatus>`);
    case "publicAccessBlock":
      if (!b.publicAccessBlock) throw new SimError("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404);
      return xmlReply(bpaXml(b.publicAccessBlock));
    case "ownershipControls":
      if (!b.objectOwnership) throw new SimError("OwnershipControlsNotFoundError", "The bucket ownership controls were not found", 404);
      return xmlReply(`<OwnershipControls ${XMLNS}><Rule><ObjectOwnership>${b.objectOwnership}</ObjectOwnership></Rule></OwnershipControls>`);
    case "acl": {
      const owner = canonicalUserId(ctx.caller.accountId);
      // Every bucket's ACL grants its owner FULL_CONTROL, then whatever else was granted.
      const ownerGrant: AclGrant = { type: "CanonicalUser", id: owner, permission: "FULL_CONTROL" };
      const grants = [ownerGrant, ...b.acl]
        .map((g) => `<Grant><Grantee ${XSI} xsi:type="${g.type}">${g.type === "Group" ? `<URI>${g.uri}</URI>` : `<ID>${g.id}</ID>`}</Grantee><Permission>${g.permission}</Permission></Grant>`).join("");
      return xmlReply(`<AccessControlPolicy ${XMLNS}><Owner><ID>${owner}</ID></Owner><AccessControlList>${grants}</AccessControlList></AccessControlPolicy>`);
    }
    case "tagging":
      if (b.tags.length === 0) throw new SimError("NoSuchTagSet", "The TagSet does not exist", 404);
      return xmlReply(`<Tagging ${XMLNS}><TagSet>${xmlElements({ Tag: b.tags.map((t) => ({ Key: t.Key, Value: t.Value })) })}</TagSet></Tagging>`);
    case "location":
      return xmlReply(`<LocationConstraint ${XMLNS}>${b.region === "us-east-1" ? "" : b.region}</LocationConstraint>`);
    default:
      // Listing objects (or reading one) is never something the collector does.
      throw new SimError("NotImplemented", "A header you provided implies functionality that is not implemented", 501);
  }
}

function accountPublicAccessBlock(ctx: RestCtx): RestReply {
  const accountId = ctx.req.headers["x-amz-account-id"];
  if (accountId !== ctx.caller.accountId) throw new SimError("AccessDenied", "Access Denied", 403);
  const bpa = ctx.state.resources(ctx.caller.accountId).s3AccountPublicAccessBlock;
  if (!bpa) throw new SimError("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404);
  return xmlReply(bpaXml(bpa));
}

export const S3_ROUTES: RestRoute<RestCtx>[] = [
  { method: "GET", pattern: /^\/v20180820\/configuration\/publicAccessBlock$/, action: "GetAccountPublicAccessBlock", handle: (ctx) => accountPublicAccessBlock(ctx) },
  { method: "GET", pattern: /^\/$/, action: "ListBuckets", handle: (ctx) => listBuckets(ctx) },
  { method: "GET", pattern: /^\/([^/]+)\/?$/, action: (req) => SUBRESOURCES[subresource(req.query) ?? ""] ?? "ListObjectsV2", handle: (ctx, [name]) => bucketOperation(ctx, name) },
];
