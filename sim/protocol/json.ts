// awsJson1_1 (Organizations, SSO Admin, Identity Store) and restJson1 (SSO portal) helpers.

export const JSON_TARGETS: Record<string, string> = {
  AWSOrganizationsV20161128: "organizations",
  SWBExternalService: "sso",
  AWSIdentityStore: "identitystore",
  TrentService: "kms",
  secretsmanager: "secretsmanager",
  AmazonEC2ContainerRegistry_V20150921: "ecr",
  DynamoDB_20120810: "dynamodb",
  AmazonSQS: "sqs",
};

/** Services on awsJson1_0 (the rest of the JSON services are awsJson1_1). */
export const JSON_10 = new Set(["dynamodb", "sqs"]);

/** X-Amz-Target → [service, action] */
export function parseTarget(target: string | undefined): [string, string] | undefined {
  if (!target) return undefined;
  const dot = target.indexOf(".");
  if (dot < 0) return undefined;
  const service = JSON_TARGETS[target.slice(0, dot)];
  return service ? [service, target.slice(dot + 1)] : undefined;
}

export function jsonError(code: string, message: string): string {
  return JSON.stringify({ __type: code, message });
}
