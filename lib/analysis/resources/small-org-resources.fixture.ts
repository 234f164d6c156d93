import type { TResource } from "../../resources/resource-model";
import { buildSmallOrg, PROD, SANDBOX, SEC, VENDOR } from "../access/small-org.fixture";
import type { TOrgModel } from "../model";

// The small organization with the resource cases the demo plants, one per rule trap.
const REGION = "eu-west-1";
const doc = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });

const resource = (seed: Partial<TResource> & Pick<TResource, "arn" | "type" | "accountId" | "name">): TResource => ({ region: REGION, policy: null, tags: {}, ...seed });

const s3 = (seed: Partial<NonNullable<TResource["s3"]>> = {}): NonNullable<TResource["s3"]> => ({
  blockPublicAccess: null, objectOwnership: "BucketOwnerEnforced", aclGrants: [], policyStatusIsPublic: null, ...seed,
});

const publicRead = (bucket: string) => doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*` });

export const RESOURCE_ARNS = {
  blockedBucket: "arn:aws:s3:::sandbox-public-but-blocked",
  publicBucket: "arn:aws:s3:::prod-public-assets",
  vendorKey: `arn:aws:kms:${REGION}:${PROD}:key/11111111-2222-3333-4444-555555555555`,
  noDelegationKey: `arn:aws:kms:${REGION}:${PROD}:key/99999999-2222-3333-4444-555555555555`,
  queue: `arn:aws:sqs:${REGION}:${PROD}:orders`,
  lambda: `arn:aws:lambda:${REGION}:${PROD}:function:webhook`,
  ebsSnapshot: `arn:aws:ec2:${REGION}:${PROD}:snapshot/snap-0public`,
  rdsSnapshot: `arn:aws:rds:${REGION}:${PROD}:snapshot:orders-nightly`,
  repository: `arn:aws:ecr:${REGION}:${SEC}:repository/base-images`,
  secret: `arn:aws:secretsmanager:${REGION}:${PROD}:secret:db-password-AbCdEf`,
};

export function buildSmallOrgWithResources(): TOrgModel {
  const model = buildSmallOrg();
  const all = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
  return {
    ...model,
    accountResourceSettings: [{ accountId: SANDBOX, s3BlockPublicAccess: all }, { accountId: PROD, s3BlockPublicAccess: null }],
    resources: [
      resource({ arn: RESOURCE_ARNS.blockedBucket, type: "s3-bucket", accountId: SANDBOX, name: "sandbox-public-but-blocked", policy: publicRead("sandbox-public-but-blocked"), s3: s3({ policyStatusIsPublic: true }) }),
      resource({ arn: RESOURCE_ARNS.publicBucket, type: "s3-bucket", accountId: PROD, name: "prod-public-assets", policy: publicRead("prod-public-assets"), s3: s3({ policyStatusIsPublic: true }) }),
      resource({
        arn: RESOURCE_ARNS.vendorKey, type: "kms-key", accountId: PROD, name: "backup-key",
        policy: doc(
          { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${PROD}:root` }, Action: "kms:*", Resource: "*" },
          { Sid: "VendorDecrypt", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${VENDOR}:root` }, Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: "*" },
        ),
        kms: { keyManager: "CUSTOMER", keyState: "Enabled", grants: [] },
      }),
      resource({
        arn: RESOURCE_ARNS.noDelegationKey, type: "kms-key", accountId: PROD, name: "locked-key",
        policy: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${PROD}:role/Deployer` }, Action: "kms:*", Resource: "*" }),
        kms: { keyManager: "CUSTOMER", keyState: "Enabled", grants: [] },
      }),
      resource({
        arn: RESOURCE_ARNS.queue, type: "sqs-queue", accountId: PROD, name: "orders",
        policy: doc({ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: RESOURCE_ARNS.queue, Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:sns:${REGION}:${PROD}:orders-topic` } } }),
      }),
      resource({
        arn: RESOURCE_ARNS.lambda, type: "lambda-function", accountId: PROD, name: "webhook",
        policy: doc({ Sid: "AnyoneInvokes", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: RESOURCE_ARNS.lambda }),
      }),
      resource({ arn: RESOURCE_ARNS.ebsSnapshot, type: "ebs-snapshot", accountId: PROD, name: "snap-0public", sharedWith: { accountIds: [], public: true } }),
      resource({ arn: RESOURCE_ARNS.rdsSnapshot, type: "rds-db-snapshot", accountId: PROD, name: "orders-nightly", sharedWith: { accountIds: ["123412341234"], public: false } }),
      resource({
        arn: RESOURCE_ARNS.repository, type: "ecr-repository", accountId: SEC, name: "base-images",
        policy: doc({ Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Condition: { StringEquals: { "aws:PrincipalOrgID": "o-test" } } }),
      }),
      resource({
        arn: RESOURCE_ARNS.secret, type: "secretsmanager-secret", accountId: PROD, name: "db-password",
        policy: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${SEC}:role/CiRunner` }, Action: "secretsmanager:GetSecretValue", Resource: "*" }),
      }),
    ],
  };
}
