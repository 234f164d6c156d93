import {
  S3Client, paginateListBuckets, GetBucketPolicyCommand, GetBucketPolicyStatusCommand, GetPublicAccessBlockCommand,
  GetBucketOwnershipControlsCommand, GetBucketAclCommand, GetBucketTaggingCommand, GetBucketLocationCommand,
} from "@aws-sdk/client-s3";
import type { TAclGrant, TBlockPublicAccess, TResource } from "../../../resources/resource-model";
import { mapLimited, newResource, parsePolicy, partitionOf, readField, tagMap } from "./read-field";
import type { TRegionContext, TResourceCollector } from "./types";

// Path-style for AWS-compatible endpoints (AWS_ENDPOINT_URL[_S3]): they serve every bucket on one host.
const s3 = (ctx: TRegionContext) => ctx.client("s3", (config) => new S3Client({ ...config, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL) }));

const bpa = (c: { BlockPublicAcls?: boolean; IgnorePublicAcls?: boolean; BlockPublicPolicy?: boolean; RestrictPublicBuckets?: boolean } | undefined): TBlockPublicAccess | null =>
  c ? { blockPublicAcls: Boolean(c.BlockPublicAcls), ignorePublicAcls: Boolean(c.IgnorePublicAcls), blockPublicPolicy: Boolean(c.BlockPublicPolicy), restrictPublicBuckets: Boolean(c.RestrictPublicBuckets) } : null;

/**
 * General-purpose buckets of one region (ListBuckets filtered by BucketRegion), each with
 * its policy, policy status, bucket Block Public Access, object ownership, ACL and tags.
 */
export const s3BucketsCollector: TResourceCollector = {
  name: "s3-buckets",
  types: ["s3-bucket"],
  async collect(ctx) {
    const client = s3(ctx);
    const names: string[] = [];
    const unplaced: string[] = [];
    for await (const page of paginateListBuckets({ client, pageSize: 1000 }, { BucketRegion: ctx.region })) {
      for (const b of page.Buckets ?? []) {
        if (!b.Name) continue;
        if (!b.BucketRegion) unplaced.push(b.Name);
        else if (b.BucketRegion === ctx.region) names.push(b.Name);
      }
    }
    // Endpoints that ignore BucketRegion list every bucket in every region: place each by its location.
    for (const Bucket of unplaced) {
      const location = await client.send(new GetBucketLocationCommand({ Bucket }), { abortSignal: ctx.account.signal });
      const region = !location.LocationConstraint ? "us-east-1" : location.LocationConstraint === "EU" ? "eu-west-1" : location.LocationConstraint;
      if (region === ctx.region) names.push(Bucket);
    }
    return mapLimited(ctx, names, async (Bucket): Promise<TResource> => {
      const resource = newResource({ arn: `arn:${partitionOf(ctx.region)}:s3:::${Bucket}`, type: "s3-bucket", accountId: ctx.account.accountId, region: ctx.region, name: Bucket });
      const field = <T>(name: string, call: (signal: AbortSignal) => Promise<T>, absent?: string[]) => readField({ ctx, resource, field: name, absent, call });
      const policy = await field("policy", (s) => client.send(new GetBucketPolicyCommand({ Bucket }), { abortSignal: s }), ["NoSuchBucketPolicy"]);
      resource.policy = parsePolicy({ ctx, resource, text: policy?.Policy });
      const status = policy ? await field("policyStatus", (s) => client.send(new GetBucketPolicyStatusCommand({ Bucket }), { abortSignal: s }), ["NoSuchBucketPolicy"]) : null;
      const [block, ownership, acl, tags] = await Promise.all([
        field("blockPublicAccess", (s) => client.send(new GetPublicAccessBlockCommand({ Bucket }), { abortSignal: s }), ["NoSuchPublicAccessBlockConfiguration"]),
        field("objectOwnership", (s) => client.send(new GetBucketOwnershipControlsCommand({ Bucket }), { abortSignal: s }), ["OwnershipControlsNotFoundError"]),
        field("aclGrants", (s) => client.send(new GetBucketAclCommand({ Bucket }), { abortSignal: s })),
        field("tags", (s) => client.send(new GetBucketTaggingCommand({ Bucket }), { abortSignal: s }), ["NoSuchTagSet"]),
      ]);
      resource.tags = tagMap(tags?.TagSet);
      resource.s3 = {
        blockPublicAccess: bpa(block?.PublicAccessBlockConfiguration),
        objectOwnership: (ownership?.OwnershipControls?.Rules?.[0]?.ObjectOwnership as NonNullable<TResource["s3"]>["objectOwnership"]) ?? null,
        aclGrants: (acl?.Grants ?? []).map((g): TAclGrant => ({
          granteeType: (g.Grantee?.Type ?? "CanonicalUser") as TAclGrant["granteeType"], granteeUri: g.Grantee?.URI ?? null,
          granteeId: g.Grantee?.ID ?? g.Grantee?.EmailAddress ?? null, permission: g.Permission as TAclGrant["permission"],
        })),
        policyStatusIsPublic: status?.PolicyStatus?.IsPublic ?? null,
      };
      return resource;
    });
  },
};
