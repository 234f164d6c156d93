import type { TResourceAnalysis, TResourceGrant } from "../resources/resource-results";

// AWS Foundational Security Best Practices controls for public resource policies, by type
// (https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html).
const PUBLIC_CONTROLS: Partial<Record<TResourceAnalysis["type"], { read: string; write?: string }>> = {
  "s3-bucket": { read: "S3.2", write: "S3.3" },
  "lambda-function": { read: "Lambda.1" },
  "kms-key": { read: "KMS.5" },
  "sns-topic": { read: "SNS.4" },
  "sqs-queue": { read: "SQS.3" },
  "ebs-snapshot": { read: "EC2.1" },
  "rds-db-snapshot": { read: "RDS.1" },
  "rds-cluster-snapshot": { read: "RDS.1" },
};

export function publicControl(options: { resource: TResourceAnalysis; grants: TResourceGrant[] }): string | null {
  const controls = PUBLIC_CONTROLS[options.resource.type];
  if (!controls) return null;
  const writes = options.grants.some((grant) => grant.levels.some((level) => level === "Write" || level === "Permissions management"));
  return writes && controls.write ? controls.write : controls.read;
}

/** Grants in force that reach as far as `reach`. */
export function grantsReaching(resource: TResourceAnalysis, reach: TResourceGrant["reach"]): TResourceGrant[] {
  return resource.grants.filter((grant) => grant.blockedBy === null && grant.reach === reach);
}

export function describeResource(resource: TResourceAnalysis): Record<string, unknown> {
  return { arn: resource.arn, type: resource.type, accountId: resource.accountId, region: resource.region, name: resource.name, exposure: resource.exposure };
}

export function describeGrants(grants: TResourceGrant[]): Array<Record<string, unknown>> {
  return grants.map((grant) => ({
    principal: grant.principal,
    accountId: grant.accountId,
    vendor: grant.vendor,
    levels: grant.levels,
    source: grant.source,
    statement: grant.statement.sid ? `${grant.statement.policyId}#${grant.statement.index} (${grant.statement.sid})` : `${grant.statement.policyId}#${grant.statement.index}`,
    conditionKeys: grant.conditionKeys,
  }));
}

export function writesOrPermissions(grants: TResourceGrant[]): boolean {
  return grants.some((grant) => grant.levels.includes("Write") || grant.levels.includes("Permissions management"));
}

export const SNAPSHOT_TYPES = new Set<TResourceAnalysis["type"]>(["ebs-snapshot", "rds-db-snapshot", "rds-cluster-snapshot"]);
