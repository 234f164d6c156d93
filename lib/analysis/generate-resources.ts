// Data resources for the synthetic organization (generate-org-model.ts): buckets, keys,
// queues, topics, secrets, functions, repositories, tables, file systems and snapshots in
// four regions, with the policies real organizations carry: TLS-only and service bucket
// policies, default key policies, queues subscribed to topics (aws:SourceArn), org-wide
// sharing (aws:PrincipalOrgID), vendor and partner accounts, and a few public ones. Most
// accounts turn on account-level S3 Block Public Access. Deterministic for a seed.
import type { TResource, TResourceType, TAccountResourceSettings } from "../resources/resource-model";
import type { TAccount } from "./model";

const REGIONS = ["us-east-1", "eu-west-1", "us-west-2", "eu-central-1"];
const TYPE_MIX: Array<[TResourceType, number]> = [
  ["s3-bucket", 0.28], ["kms-key", 0.1], ["sqs-queue", 0.12], ["sns-topic", 0.08], ["secretsmanager-secret", 0.1], ["lambda-function", 0.15],
  ["lambda-layer", 0.01], ["ecr-repository", 0.03], ["dynamodb-table", 0.05], ["dynamodb-stream", 0.01], ["efs-file-system", 0.01],
  ["ebs-snapshot", 0.04], ["rds-db-snapshot", 0.015], ["rds-cluster-snapshot", 0.005],
];
const PARTNER = "210987654321";
const ALL_ON = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

type TRandom = { next: () => number; int: (min: number, max: number) => number; chance: (p: number) => boolean; pick: <T>(items: readonly T[]) => T };
const doc = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });

export function generateResources(options: {
  random: TRandom;
  accounts: TAccount[];
  organizationId: string;
  count: number;
  vendors: string[];
}): { resources: TResource[]; accountResourceSettings: TAccountResourceSettings[] } {
  const { random, accounts, organizationId } = options;
  const live = accounts.filter((account) => account.status === "ACTIVE");
  const accountResourceSettings = live.map((account) => ({ accountId: account.id, s3BlockPublicAccess: random.chance(0.75) ? ALL_ON : null }));
  const resources: TResource[] = [];
  for (let index = 0; index < options.count; index++) {
    const account = live[Math.floor(Math.pow(random.next(), 1.3) * live.length)];
    const type = pickType(random);
    const region = random.chance(0.6) ? REGIONS[0] : random.pick(REGIONS);
    resources.push(makeResource({ random, account, type, region, index, organizationId, vendors: options.vendors }));
  }
  return { resources, accountResourceSettings };
}

function pickType(random: TRandom): TResourceType {
  let roll = random.next();
  for (const [type, share] of TYPE_MIX) {
    roll -= share;
    if (roll < 0) return type;
  }
  return "s3-bucket";
}

function makeResource(options: { random: TRandom; account: TAccount; type: TResourceType; region: string; index: number; organizationId: string; vendors: string[] }): TResource {
  const { random, account, type, region, index } = options;
  const id = account.id;
  const name = `${type.split("-")[0]}-${index.toString(36)}`;
  const base = { type, accountId: id, region, name, tags: (random.chance(0.5) ? { team: `team-${index % 20}` } : {}) as Record<string, string>, policy: null as unknown };
  const orgWide = { StringEquals: { "aws:PrincipalOrgID": options.organizationId } };
  const outside = () => (random.chance(0.5) ? random.pick(options.vendors) : PARTNER);
  switch (type) {
    case "s3-bucket": {
      const arn = `arn:aws:s3:::${name}-${id}`;
      const roll = random.next();
      const policy = roll < 0.4 ? doc({ Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } })
        : roll < 0.5 ? doc({ Sid: "Logs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { StringEquals: { "aws:SourceAccount": id } } })
        : roll < 0.55 ? doc({ Sid: "OrgRead", Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [arn, `${arn}/*`], Condition: orgWide })
        : roll < 0.57 ? doc({ Sid: "PartnerRead", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${outside()}:root` }, Action: "s3:GetObject", Resource: `${arn}/*` })
        : roll < 0.575 ? doc({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${arn}/*` })
        : null;
      return { ...base, arn, name: `${name}-${id}`, policy, s3: { blockPublicAccess: random.chance(0.6) ? ALL_ON : null, objectOwnership: random.chance(0.8) ? "BucketOwnerEnforced" : "BucketOwnerPreferred", aclGrants: [], policyStatusIsPublic: null } };
    }
    case "kms-key": {
      const arn = `arn:aws:kms:${region}:${id}:key/${index.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
      const statements: object[] = [{ Sid: "EnableIamPolicies", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: "kms:*", Resource: "*" }];
      if (random.chance(0.05)) statements.push({ Sid: "PartnerDecrypt", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${outside()}:root` }, Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: "*" });
      return { ...base, arn, policy: doc(...statements), kms: { keyManager: random.chance(0.2) ? "AWS" : "CUSTOMER", keyState: "Enabled", grants: [] } };
    }
    case "sqs-queue": {
      const arn = `arn:aws:sqs:${region}:${id}:${name}`;
      const policy = random.chance(0.6) ? doc({ Sid: "FromTopic", Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: arn, Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:sns:${region}:${id}:${name}-topic` } } }) : null;
      return { ...base, arn, policy };
    }
    case "sns-topic": {
      const arn = `arn:aws:sns:${region}:${id}:${name}`;
      return { ...base, arn, policy: doc({ Sid: "Owner", Effect: "Allow", Principal: { AWS: "*" }, Action: ["SNS:Publish", "SNS:Subscribe"], Resource: arn, Condition: { StringEquals: { "AWS:SourceOwner": id } } }) };
    }
    case "secretsmanager-secret": {
      const arn = `arn:aws:secretsmanager:${region}:${id}:secret:${name}-AbCdEf`;
      const policy = random.chance(0.1) ? doc({ Sid: "OrgRead", Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition: orgWide }) : null;
      return { ...base, arn, policy };
    }
    case "lambda-function": {
      const arn = `arn:aws:lambda:${region}:${id}:function:${name}`;
      const policy = random.chance(0.002)
        ? doc({ Sid: "AnyoneInvoke", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: arn })
        : random.chance(0.5) ? doc({ Sid: "ApiGateway", Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: arn, Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:${region}:${id}:*` } } }) : null;
      return { ...base, arn, policy };
    }
    case "ecr-repository": {
      const arn = `arn:aws:ecr:${region}:${id}:repository/${name}`;
      return { ...base, arn, policy: random.chance(0.5) ? doc({ Sid: "OrgPull", Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Condition: orgWide }) : null };
    }
    case "ebs-snapshot":
      return { ...base, arn: `arn:aws:ec2:${region}:${id}:snapshot/snap-${index.toString(16)}`, sharedWith: { accountIds: random.chance(0.05) ? [outside()] : [], public: random.chance(0.002) } };
    case "rds-db-snapshot":
    case "rds-cluster-snapshot":
      return { ...base, arn: `arn:aws:rds:${region}:${id}:${type === "rds-db-snapshot" ? "snapshot" : "cluster-snapshot"}:${name}`, sharedWith: { accountIds: random.chance(0.05) ? [outside()] : [], public: false } };
    case "lambda-layer":
      return { ...base, arn: `arn:aws:lambda:${region}:${id}:layer:${name}`, sharedWith: { accountIds: [], public: random.chance(0.05) } };
    case "dynamodb-table":
    case "dynamodb-stream":
      return { ...base, arn: `arn:aws:dynamodb:${region}:${id}:table/${name}${type === "dynamodb-stream" ? "/stream/2025-01-01T00:00:00.000" : ""}` };
    case "efs-file-system":
      return { ...base, arn: `arn:aws:elasticfilesystem:${region}:${id}:file-system/fs-${index.toString(16)}` };
  }
}
