// Synthetic data resources for the analysis benchmark: spread over the collected accounts and
// four regions, mostly private, some shared org-wide (aws:PrincipalOrgID), with another
// account of the organization, with a vendor, or publicly; policy objects are shared between
// resources where their text would be equal, as the snapshot stores them by hash.
import { RESOURCE_TYPES, type TAccountResourceSettings, type TRegionStatus, type TResource, type TResourceType } from "../resources/resource-model";
import type { TAccount } from "./model";

type TRandom = { next: () => number; int: (min: number, max: number) => number; chance: (p: number) => boolean; pick: <T>(items: readonly T[]) => T };

const REGIONS = ["us-east-1", "eu-west-1", "us-west-2", "eu-central-1"];
const ACTION: Partial<Record<TResourceType, string>> = {
  "s3-bucket": "s3:GetObject", "kms-key": "kms:Decrypt", "sqs-queue": "sqs:SendMessage", "sns-topic": "sns:Publish",
  "secretsmanager-secret": "secretsmanager:GetSecretValue", "lambda-function": "lambda:InvokeFunction", "lambda-layer": "lambda:GetLayerVersion",
  "ecr-repository": "ecr:BatchGetImage", "dynamodb-table": "dynamodb:GetItem", "dynamodb-stream": "dynamodb:GetRecords", "efs-file-system": "elasticfilesystem:ClientMount",
};
const SNAPSHOTS = new Set<TResourceType>(["ebs-snapshot", "rds-db-snapshot", "rds-cluster-snapshot"]);

export function generateResourcesModel(options: {
  random: TRandom; accounts: TAccount[]; total: number; organizationId: string; vendors: string[];
}): { resources: TResource[]; accountResourceSettings: TAccountResourceSettings[]; regionStatus: TRegionStatus[] } {
  const { random, total, organizationId, vendors } = options;
  const accounts = options.accounts.filter((a) => a.collected);
  if (total <= 0 || accounts.length === 0) return { resources: [], accountResourceSettings: [], regionStatus: [] };
  const policies = new Map<string, unknown>();
  const policy = (type: TResourceType, principal: unknown, condition?: object) => {
    const key = JSON.stringify([type, principal, condition]);
    if (!policies.has(key)) policies.set(key, { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: ACTION[type], Resource: "*", ...(condition ? { Condition: condition } : {}) }] });
    return policies.get(key);
  };
  const keyPolicy = (accountId: string) => policy("kms-key", { AWS: `arn:aws:iam::${accountId}:root` });
  const resources: TResource[] = [];
  for (let i = 0; i < total; i++) {
    const account = accounts[i % accounts.length];
    const type = RESOURCE_TYPES[Math.floor(random.next() * RESOURCE_TYPES.length)];
    const region = random.chance(0.8) ? REGIONS[random.int(0, 1)] : random.pick(REGIONS);
    const name = `${type}-${i}`;
    const share = random.next();
    const other = random.pick(accounts).id;
    const resource: TResource = { arn: arnOf({ type, region, accountId: account.id, name }), type, accountId: account.id, region, name, policy: null, tags: { team: `team-${i % 20}` } };
    if (SNAPSHOTS.has(type)) {
      resource.sharedWith = share < 0.85 ? { accountIds: [], public: false } : share < 0.95 ? { accountIds: [other], public: false } : share < 0.98 ? { accountIds: [random.pick(vendors)], public: false } : { accountIds: [], public: true };
    } else {
      resource.policy = share < 0.5 ? null : share < 0.7 ? policy(type, "*", { StringEquals: { "aws:PrincipalOrgID": organizationId } })
        : share < 0.88 ? policy(type, { AWS: `arn:aws:iam::${other}:root` }) : share < 0.96 ? policy(type, { AWS: `arn:aws:iam::${random.pick(vendors)}:root` }) : policy(type, "*");
    }
    if (type === "kms-key") {
      resource.policy = resource.policy === null ? keyPolicy(account.id) : resource.policy;
      resource.kms = { keyManager: random.chance(0.2) ? "AWS" : "CUSTOMER", keyState: "Enabled", grants: [] };
    }
    if (type === "s3-bucket") {
      const blocked = random.chance(0.6);
      resource.s3 = {
        blockPublicAccess: blocked ? { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } : null,
        objectOwnership: "BucketOwnerEnforced", aclGrants: [], policyStatusIsPublic: resource.policy === null ? null : share >= 0.96,
      };
    }
    resources.push(resource);
  }
  return {
    resources,
    accountResourceSettings: accounts.map((a) => ({ accountId: a.id, s3BlockPublicAccess: random.chance(0.6) ? { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } : null })),
    regionStatus: accounts.flatMap((a) => [
      ...REGIONS.map((region): TRegionStatus => ({ accountId: a.id, region, status: "collected", reason: null })),
      { accountId: a.id, region: "af-south-1", status: "unavailable", reason: "not enabled in the account (opt-in status DISABLED)" },
    ]),
  };
}

function arnOf(o: { type: TResourceType; region: string; accountId: string; name: string }): string {
  const { type, region, accountId: a, name } = o;
  switch (type) {
    case "s3-bucket": return `arn:aws:s3:::${name}-${a}`;
    case "kms-key": return `arn:aws:kms:${region}:${a}:key/${name}`;
    case "sqs-queue": return `arn:aws:sqs:${region}:${a}:${name}`;
    case "sns-topic": return `arn:aws:sns:${region}:${a}:${name}`;
    case "secretsmanager-secret": return `arn:aws:secretsmanager:${region}:${a}:secret:${name}-AbCdEf`;
    case "lambda-function": return `arn:aws:lambda:${region}:${a}:function:${name}`;
    case "lambda-layer": return `arn:aws:lambda:${region}:${a}:layer:${name}:1`;
    case "ecr-repository": return `arn:aws:ecr:${region}:${a}:repository/${name}`;
    case "dynamodb-table": return `arn:aws:dynamodb:${region}:${a}:table/${name}`;
    case "dynamodb-stream": return `arn:aws:dynamodb:${region}:${a}:table/${name}/stream/2025-01-01T00:00:00.000`;
    case "efs-file-system": return `arn:aws:elasticfilesystem:${region}:${a}:file-system/fs-${name}`;
    case "ebs-snapshot": return `arn:aws:ec2:${region}::snapshot/snap-${name}`;
    case "rds-db-snapshot": return `arn:aws:rds:${region}:${a}:snapshot:${name}`;
    case "rds-cluster-snapshot": return `arn:aws:rds:${region}:${a}:cluster-snapshot:${name}`;
  }
}
