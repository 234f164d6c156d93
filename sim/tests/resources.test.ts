// The data services (S3, S3 Control, KMS, SQS, SNS, Secrets Manager, Lambda, ECR, DynamoDB,
// EFS, EC2, RDS, Account) through the real SDK v3 clients, on the fixture organization with
// resources and a region guardrail SCP added.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { S3Client, ListBucketsCommand, GetBucketPolicyCommand, GetBucketPolicyStatusCommand, GetPublicAccessBlockCommand, GetBucketOwnershipControlsCommand, GetBucketAclCommand, GetBucketTaggingCommand } from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from "@aws-sdk/client-s3-control";
import { s3ControlClient } from "../../lib/aws/s3-control-client";
import { KMSClient, ListKeysCommand, DescribeKeyCommand, GetKeyPolicyCommand, ListGrantsCommand, ListResourceTagsCommand } from "@aws-sdk/client-kms";
import { SQSClient, ListQueuesCommand, GetQueueAttributesCommand, ListQueueTagsCommand } from "@aws-sdk/client-sqs";
import { SNSClient, ListTopicsCommand, GetTopicAttributesCommand } from "@aws-sdk/client-sns";
import { SecretsManagerClient, ListSecretsCommand, GetResourcePolicyCommand as GetSecretPolicyCommand } from "@aws-sdk/client-secrets-manager";
import { LambdaClient, ListFunctionsCommand, GetPolicyCommand, ListLayersCommand, ListLayerVersionsCommand, GetLayerVersionPolicyCommand, paginateListFunctions } from "@aws-sdk/client-lambda";
import { ECRClient, DescribeRepositoriesCommand, GetRepositoryPolicyCommand } from "@aws-sdk/client-ecr";
import { DynamoDBClient, ListTablesCommand, DescribeTableCommand, GetResourcePolicyCommand as GetTablePolicyCommand } from "@aws-sdk/client-dynamodb";
import { EFSClient, DescribeFileSystemsCommand, DescribeFileSystemPolicyCommand } from "@aws-sdk/client-efs";
import { EC2Client, DescribeRegionsCommand, DescribeSnapshotsCommand, DescribeSnapshotAttributeCommand } from "@aws-sdk/client-ec2";
import { RDSClient, DescribeDBSnapshotsCommand, DescribeDBSnapshotAttributesCommand, DescribeDBClusterSnapshotsCommand, DescribeDBClusterSnapshotAttributesCommand } from "@aws-sdk/client-rds";
import { AccountClient, ListRegionsCommand } from "@aws-sdk/client-account";
import type { AwsCredentialIdentity } from "@smithy/types";
import { orgFromObject } from "../load-org";
import { startSimulator, type SimulatorHandle } from "../server";
import { assume, errorOf, FIXTURE, NOW, PROD } from "./helpers";

const publicPolicy = (resource: string, action: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: action, Resource: resource }] });

function resourceOrg() {
  const file = parse(readFileSync(FIXTURE, "utf8"));
  file.scps.push({
    name: "RegionGuardrail", targets: ["Workloads/Prod"],
    document: { Version: "2012-10-17", Statement: [{ Effect: "Deny", NotAction: ["iam:*", "sts:*", "account:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } }] },
  });
  const prod = file.accounts.find((a: { id: string }) => a.id === PROD);
  prod.regions = ["us-east-1", "eu-west-1", "us-west-2", { name: "af-south-1", optIn: "disabled" }, { name: "eu-south-2", optIn: "enabled" }];
  prod.resources = {
    s3BlockPublicAccess: { blockPublicPolicy: true, restrictPublicBuckets: true },
    buckets: [
      { name: "fx-public", region: "us-east-1", policy: publicPolicy("arn:aws:s3:::fx-public/*", "s3:GetObject"), objectOwnership: "ObjectWriter", acl: [{ group: "AllUsers", permission: "READ" }], tags: { team: "web" } },
      { name: "fx-private", region: "eu-west-1", blockPublicAccess: true },
    ],
    kmsKeys: [{ name: "fx-key", region: "us-east-1", grants: [{ grantee: "arn:aws:iam::999988887777:root", operations: ["Decrypt"] }], tags: { app: "x" } }],
    queues: [{ name: "fx-queue", region: "us-east-1", policy: publicPolicy("arn:aws:sqs:us-east-1:333333333333:fx-queue", "sqs:SendMessage") }, { name: "fx-plain", region: "us-east-1" }],
    topics: [{ name: "fx-topic", region: "us-east-1" }],
    secrets: [{ name: "fx/secret", region: "us-east-1", policy: publicPolicy("*", "secretsmanager:GetSecretValue") }, { name: "fx/other", region: "us-east-1" }],
    functions: Array.from({ length: 55 }, (_, i) => ({ name: `fx-fn-${String(i).padStart(2, "0")}`, region: "us-east-1", ...(i === 0 ? { policy: publicPolicy("*", "lambda:InvokeFunction") } : {}) })),
    layers: [{ name: "fx-layer", region: "us-east-1", versions: [{}, { policy: publicPolicy("*", "lambda:GetLayerVersion") }] }],
    repositories: [{ name: "fx-repo", region: "us-east-1", policy: publicPolicy("*", "ecr:BatchGetImage") }, { name: "fx-plain-repo", region: "us-east-1" }],
    tables: [{ name: "fx-table", region: "us-east-1", policy: publicPolicy("*", "dynamodb:GetItem"), stream: { policy: publicPolicy("*", "dynamodb:GetRecords") } }, { name: "fx-plain-table", region: "us-east-1" }],
    fileSystems: [{ name: "fx-efs", region: "us-east-1", policy: publicPolicy("*", "elasticfilesystem:ClientMount") }, { name: "fx-plain-efs", region: "us-east-1" }],
    ebsSnapshots: [{ name: "fx-snap", region: "us-east-1", sharedWith: ["all", "999988887777"] }],
    dbSnapshots: [{ name: "fx-db-snap", region: "us-east-1", sharedWith: ["999988887777"] }],
    clusterSnapshots: [{ name: "fx-cluster-snap", region: "us-east-1", sharedWith: ["all"] }],
  };
  // Behind the region guardrail: never readable.
  prod.resources.queues.push({ name: "fx-denied-region", region: "us-west-2" });
  return orgFromObject(file, { now: NOW, sourceName: "fixture.yaml" });
}

let sim: SimulatorHandle;
let creds: AwsCredentialIdentity;
const cfg = (region = "us-east-1") => ({ endpoint: sim.url, region, credentials: creds, maxAttempts: 1 });

beforeAll(async () => {
  sim = await startSimulator({ org: resourceOrg() });
  creds = await assume(sim, PROD, "GovernanceAuditRole");
});
afterAll(async () => { await sim.stop(); });

describe("regions", () => {
  it("account:ListRegions gives each region's opt-in status; ec2:DescribeRegions maps them", async () => {
    const out = await new AccountClient(cfg()).send(new ListRegionsCommand({ MaxResults: 2 }));
    expect(out.Regions).toEqual([{ RegionName: "us-east-1", RegionOptStatus: "ENABLED_BY_DEFAULT" }, { RegionName: "eu-west-1", RegionOptStatus: "ENABLED_BY_DEFAULT" }]);
    const rest = await new AccountClient(cfg()).send(new ListRegionsCommand({ MaxResults: 50, NextToken: out.NextToken }));
    expect(rest.Regions!.map((r) => `${r.RegionName}=${r.RegionOptStatus}`)).toEqual(["us-west-2=ENABLED_BY_DEFAULT", "af-south-1=DISABLED", "eu-south-2=ENABLED"]);
    const ec2 = await new EC2Client(cfg()).send(new DescribeRegionsCommand({ AllRegions: true }));
    expect(ec2.Regions!.map((r) => `${r.RegionName}=${r.OptInStatus}`)).toContain("af-south-1=not-opted-in");
    const enabled = await new EC2Client(cfg()).send(new DescribeRegionsCommand({}));
    expect(enabled.Regions!.map((r) => r.RegionName)).not.toContain("af-south-1");
  });

  it("an SCP region guardrail denies regional calls outside the allowed regions", async () => {
    const e = await errorOf(new SQSClient(cfg("us-west-2")).send(new ListQueuesCommand({})));
    expect(e.name).toBe("AccessDenied");
    expect(e.message).toContain("explicit deny in a service control policy");
    const ok = await new SQSClient(cfg("us-east-1")).send(new ListQueuesCommand({}));
    expect(ok.QueueUrls).toHaveLength(2);
  });
});

describe("S3 (path-style REST-XML) and S3 Control", () => {
  const s3 = (region = "us-east-1") => new S3Client({ ...cfg(region), forcePathStyle: true });
  it("lists buckets per region and reads policy, status, BPA, ownership, ACL and tags", async () => {
    const all = await s3().send(new ListBucketsCommand({}));
    expect(all.Buckets!.map((b) => `${b.Name}@${b.BucketRegion}`)).toEqual(["fx-private@eu-west-1", "fx-public@us-east-1"]);
    const east = await s3().send(new ListBucketsCommand({ BucketRegion: "us-east-1" }));
    expect(east.Buckets!.map((b) => b.Name)).toEqual(["fx-public"]);
    const policy = await s3().send(new GetBucketPolicyCommand({ Bucket: "fx-public" }));
    expect(JSON.parse(policy.Policy!).Statement[0].Principal).toBe("*");
    expect((await s3().send(new GetBucketPolicyStatusCommand({ Bucket: "fx-public" }))).PolicyStatus).toEqual({ IsPublic: true });
    expect((await s3().send(new GetBucketOwnershipControlsCommand({ Bucket: "fx-public" }))).OwnershipControls!.Rules).toEqual([{ ObjectOwnership: "ObjectWriter" }]);
    const acl = await s3().send(new GetBucketAclCommand({ Bucket: "fx-public" }));
    expect(acl.Grants!.map((g) => [g.Grantee!.Type, g.Grantee!.URI ?? "owner", g.Permission])).toEqual([["CanonicalUser", "owner", "FULL_CONTROL"], ["Group", "http://acs.amazonaws.com/groups/global/AllUsers", "READ"]]);
    expect((await s3().send(new GetBucketTaggingCommand({ Bucket: "fx-public" }))).TagSet).toEqual([{ Key: "team", Value: "web" }]);
    expect((await errorOf(s3().send(new GetPublicAccessBlockCommand({ Bucket: "fx-public" })))).name).toBe("NoSuchPublicAccessBlockConfiguration");
    expect((await s3("eu-west-1").send(new GetPublicAccessBlockCommand({ Bucket: "fx-private" }))).PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    expect((await errorOf(s3("eu-west-1").send(new GetBucketPolicyCommand({ Bucket: "fx-private" })))).name).toBe("NoSuchBucketPolicy");
    expect((await errorOf(s3("eu-west-1").send(new GetBucketTaggingCommand({ Bucket: "fx-private" })))).name).toBe("NoSuchTagSet");
    expect((await errorOf(s3().send(new GetBucketPolicyCommand({ Bucket: "nope" })))).name).toBe("NoSuchBucket");
  });

  it("answers the account-level Block Public Access through S3 Control (the account in x-amz-account-id)", async () => {
    const out = await s3ControlClient(cfg()).send(new GetAccountPublicAccessBlockCommand({ AccountId: PROD }));
    expect(out.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    expect((await errorOf(s3ControlClient(cfg()).send(new GetAccountPublicAccessBlockCommand({ AccountId: "111111111111" })))).name).toBe("AccessDenied");
  });
});

describe("JSON protocol services", () => {
  it("KMS: keys, the default key policy, grants and tags", async () => {
    const kms = new KMSClient(cfg());
    const keys = await kms.send(new ListKeysCommand({}));
    expect(keys.Keys).toHaveLength(1);
    const keyId = keys.Keys![0].KeyId!;
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata).toMatchObject({ KeyManager: "CUSTOMER", KeyState: "Enabled", Arn: keys.Keys![0].KeyArn });
    const policy = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy!);
    expect(policy.Statement[0].Principal).toEqual({ AWS: `arn:aws:iam::${PROD}:root` });
    expect((await kms.send(new ListGrantsCommand({ KeyId: keyId }))).Grants!.map((g) => [g.GranteePrincipal, g.Operations])).toEqual([["arn:aws:iam::999988887777:root", ["Decrypt"]]]);
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([{ TagKey: "app", TagValue: "x" }]);
    expect((await errorOf(kms.send(new DescribeKeyCommand({ KeyId: "00000000-0000-0000-0000-000000000000" })))).name).toBe("NotFoundException");
  });

  it("SQS (awsJson1_0): queue URLs, the Policy attribute only where one is set", async () => {
    const sqs = new SQSClient(cfg());
    const { QueueUrls } = await sqs.send(new ListQueuesCommand({}));
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: QueueUrls![0], AttributeNames: ["Policy", "QueueArn"] }));
    expect(attrs.Attributes!.QueueArn).toBe(`arn:aws:sqs:us-east-1:${PROD}:fx-queue`);
    expect(JSON.parse(attrs.Attributes!.Policy!).Statement[0].Action).toBe("sqs:SendMessage");
    const plain = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: QueueUrls![1], AttributeNames: ["Policy"] }));
    expect(plain.Attributes?.Policy).toBeUndefined();
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: QueueUrls![1] }))).Tags ?? {}).toEqual({});
  });

  it("Secrets Manager, ECR, DynamoDB: policies, and the documented not-found errors", async () => {
    const sm = new SecretsManagerClient(cfg());
    const secrets = (await sm.send(new ListSecretsCommand({}))).SecretList!;
    expect(secrets.map((s) => s.Name)).toEqual(["fx/secret", "fx/other"]);
    expect(secrets[0].ARN).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:${PROD}:secret:fx/secret-[0-9a-f]{6}$`));
    expect(JSON.parse((await sm.send(new GetSecretPolicyCommand({ SecretId: secrets[0].ARN }))).ResourcePolicy!).Statement[0].Principal).toBe("*");
    expect((await sm.send(new GetSecretPolicyCommand({ SecretId: secrets[1].ARN }))).ResourcePolicy).toBeUndefined();

    const ecr = new ECRClient(cfg());
    expect((await ecr.send(new DescribeRepositoriesCommand({}))).repositories!.map((r) => r.repositoryName)).toEqual(["fx-repo", "fx-plain-repo"]);
    expect(JSON.parse((await ecr.send(new GetRepositoryPolicyCommand({ repositoryName: "fx-repo" }))).policyText!).Statement[0].Action).toBe("ecr:BatchGetImage");
    expect((await errorOf(ecr.send(new GetRepositoryPolicyCommand({ repositoryName: "fx-plain-repo" })))).name).toBe("RepositoryPolicyNotFoundException");

    const ddb = new DynamoDBClient(cfg());
    const page1 = await ddb.send(new ListTablesCommand({ Limit: 1 }));
    const page2 = await ddb.send(new ListTablesCommand({ Limit: 1, ExclusiveStartTableName: page1.LastEvaluatedTableName }));
    expect([...page1.TableNames!, ...page2.TableNames!]).toEqual(["fx-plain-table", "fx-table"]);
    const table = (await ddb.send(new DescribeTableCommand({ TableName: "fx-table" }))).Table!;
    expect(table.LatestStreamArn).toMatch(/table\/fx-table\/stream\//);
    expect(JSON.parse((await ddb.send(new GetTablePolicyCommand({ ResourceArn: table.LatestStreamArn! }))).Policy!).Statement[0].Action).toBe("dynamodb:GetRecords");
    const plainArn = (await ddb.send(new DescribeTableCommand({ TableName: "fx-plain-table" }))).Table!.TableArn!;
    expect((await errorOf(ddb.send(new GetTablePolicyCommand({ ResourceArn: plainArn })))).name).toBe("PolicyNotFoundException");
  });
});

describe("REST-JSON and query services", () => {
  it("Lambda: functions paged by 50, GetPolicy, layers and layer version policies", async () => {
    const lambda = new LambdaClient(cfg());
    const first = await lambda.send(new ListFunctionsCommand({}));
    expect(first.Functions).toHaveLength(50);
    const all = [];
    for await (const page of paginateListFunctions({ client: lambda }, {})) all.push(...page.Functions!);
    expect(all).toHaveLength(55);
    expect(JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: "fx-fn-00" }))).Policy!).Statement[0].Action).toBe("lambda:InvokeFunction");
    expect((await errorOf(lambda.send(new GetPolicyCommand({ FunctionName: all[1].FunctionArn })))).name).toBe("ResourceNotFoundException");
    const layers = await lambda.send(new ListLayersCommand({}));
    expect(layers.Layers!.map((l) => l.LayerName)).toEqual(["fx-layer"]);
    const versions = await lambda.send(new ListLayerVersionsCommand({ LayerName: "fx-layer" }));
    expect(versions.LayerVersions!.map((v) => v.Version)).toEqual([2, 1]);
    expect(JSON.parse((await lambda.send(new GetLayerVersionPolicyCommand({ LayerName: "fx-layer", VersionNumber: 2 }))).Policy!).Statement[0].Principal).toBe("*");
    expect((await errorOf(lambda.send(new GetLayerVersionPolicyCommand({ LayerName: "fx-layer", VersionNumber: 1 })))).name).toBe("ResourceNotFoundException");
  });

  it("EFS: file systems and DescribeFileSystemPolicy's PolicyNotFound", async () => {
    const efs = new EFSClient(cfg());
    const list = (await efs.send(new DescribeFileSystemsCommand({}))).FileSystems!;
    expect(list.map((f) => f.Name)).toEqual(["fx-efs", "fx-plain-efs"]);
    expect(JSON.parse((await efs.send(new DescribeFileSystemPolicyCommand({ FileSystemId: list[0].FileSystemId }))).Policy!).Statement[0].Action).toBe("elasticfilesystem:ClientMount");
    expect((await errorOf(efs.send(new DescribeFileSystemPolicyCommand({ FileSystemId: list[1].FileSystemId })))).name).toBe("PolicyNotFound");
  });

  it("SNS topic attributes carry the default policy; EC2 and RDS snapshot sharing", async () => {
    const sns = new SNSClient(cfg());
    const topics = (await sns.send(new ListTopicsCommand({}))).Topics!;
    const attrs = (await sns.send(new GetTopicAttributesCommand({ TopicArn: topics[0].TopicArn }))).Attributes!;
    expect(JSON.parse(attrs.Policy).Statement[0].Condition).toEqual({ StringEquals: { "AWS:SourceOwner": PROD } });

    const ec2 = new EC2Client(cfg());
    const snaps = (await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] }))).Snapshots!;
    expect(snaps.map((s) => s.Tags?.find((t) => t.Key === "Name")?.Value)).toEqual(["fx-snap"]);
    const perm = await ec2.send(new DescribeSnapshotAttributeCommand({ SnapshotId: snaps[0].SnapshotId, Attribute: "createVolumePermission" }));
    expect(perm.CreateVolumePermissions).toEqual([{ Group: "all" }, { UserId: "999988887777" }]);

    const rds = new RDSClient(cfg());
    const db = (await rds.send(new DescribeDBSnapshotsCommand({}))).DBSnapshots!;
    expect(db.map((s) => s.DBSnapshotIdentifier)).toEqual(["fx-db-snap"]);
    const dbAttrs = await rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: "fx-db-snap" }));
    expect(dbAttrs.DBSnapshotAttributesResult!.DBSnapshotAttributes).toEqual([{ AttributeName: "restore", AttributeValues: ["999988887777"] }]);
    const cluster = (await rds.send(new DescribeDBClusterSnapshotsCommand({}))).DBClusterSnapshots!;
    const clusterAttrs = await rds.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: cluster[0].DBClusterSnapshotIdentifier }));
    expect(clusterAttrs.DBClusterSnapshotAttributesResult!.DBClusterSnapshotAttributes![0].AttributeValues).toEqual(["all"]);
    expect((await errorOf(rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: "nope" })))).name).toBe("DBSnapshotNotFoundFault");
  });
});
