import pLimit from "p-limit";
import { describe, expect, it } from "vitest";
import { S3Client } from "@aws-sdk/client-s3";
import type { TAccountContext, TUnavailable } from "../../types";
import { s3BucketsCollector } from "./s3-buckets";

// An S3-compatible endpoint that ignores BucketRegion and omits it from ListBuckets, and
// refuses one bucket's Block Public Access read: a real S3Client with its send() replaced.
function endpoint() {
  const client = new S3Client({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } });
  const fail = (name: string) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: name === "AccessDenied" ? 403 : 404 } });
  client.send = (async (command: { constructor: { name: string }; input: { Bucket?: string } }) => {
    const bucket = command.input.Bucket;
    switch (command.constructor.name) {
      case "ListBucketsCommand": return { Buckets: [{ Name: "in-ireland" }, { Name: "in-virginia" }] };
      case "GetBucketLocationCommand": return { LocationConstraint: bucket === "in-ireland" ? "EU" : undefined };
      case "GetBucketPolicyCommand": throw fail("NoSuchBucketPolicy");
      case "GetPublicAccessBlockCommand": if (bucket === "in-virginia") throw fail("AccessDenied"); throw fail("NoSuchPublicAccessBlockConfiguration");
      case "GetBucketOwnershipControlsCommand": return { OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] } };
      case "GetBucketAclCommand": return { Grants: [] };
      case "GetBucketTaggingCommand": throw fail("NoSuchTagSet");
      default: throw new Error(`unexpected ${command.constructor.name}`);
    }
  }) as never;
  return client;
}

function context(region: string) {
  const noted: TUnavailable[] = [];
  const account = { accountId: "111122223333", signal: new AbortController().signal, noteUnavailable: (u: TUnavailable) => noted.push(u) } as unknown as TAccountContext;
  const client = endpoint();
  return { noted, ctx: { account, region, limit: pLimit(2), client: (() => client) as never } };
}

describe("s3BucketsCollector", () => {
  it("places buckets by GetBucketLocation when the listing gives no BucketRegion (EU = eu-west-1, none = us-east-1)", async () => {
    const ireland = await s3BucketsCollector.collect(context("eu-west-1").ctx);
    expect(ireland.map((b) => b.name)).toEqual(["in-ireland"]);
    expect(ireland[0]).toMatchObject({ arn: "arn:aws:s3:::in-ireland", region: "eu-west-1", policy: null, s3: { blockPublicAccess: null, objectOwnership: "BucketOwnerEnforced", policyStatusIsPublic: null } });
    expect(ireland[0].unavailable).toBeUndefined();
  });

  it("a refused detail call marks that field unavailable on the bucket and for the account, and keeps the rest", async () => {
    const { ctx, noted } = context("us-east-1");
    const [virginia] = await s3BucketsCollector.collect(ctx);
    expect(virginia.name).toBe("in-virginia");
    expect(virginia.unavailable).toEqual({ blockPublicAccess: expect.stringMatching(/^AccessDenied/) });
    expect(virginia.s3!.objectOwnership).toBe("BucketOwnerEnforced");
    expect(noted).toEqual([expect.objectContaining({ kind: "resource.s3-bucket", code: "AccessDenied" })]);
  });
});
