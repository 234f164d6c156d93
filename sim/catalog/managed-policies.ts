// AWS managed policies the simulator knows. Documents are short but plausible; AdministratorAccess
// is the real one. Ids are fixed so every simulated org shows the same ids, as AWS does.
import type { ManagedPolicy } from "../model";
import { uniqueId } from "../ids";

interface Spec { name: string; path?: string; description: string; created: string; updated?: string; version?: string; doc: unknown }

const allow = (Action: string | string[], Resource: string | string[] = "*") => ({ Effect: "Allow", Action, Resource });
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

const SPECS: Spec[] = [
  { name: "AdministratorAccess", description: "Provides full access to AWS services and resources.", created: "2015-02-06T18:39:46Z", doc: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } },
  { name: "PowerUserAccess", description: "Provides full access to AWS services and resources, but does not allow management of Users and groups.", created: "2015-02-06T18:39:47Z", updated: "2023-07-06T22:04:00Z", version: "v5",
    doc: doc({ Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" }, allow(["account:GetAccountInformation", "account:GetPrimaryEmail", "account:ListRegions", "iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization"])) },
  { name: "ReadOnlyAccess", description: "Provides read-only access to AWS services and resources.", created: "2015-02-06T18:39:48Z", updated: "2024-06-11T17:01:55Z", version: "v120",
    doc: doc(allow(["a4b:Get*", "acm:Describe*", "acm:Get*", "acm:List*", "cloudformation:Describe*", "cloudformation:Get*", "cloudformation:List*", "cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:LookupEvents", "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*", "dynamodb:Describe*", "dynamodb:List*", "ec2:Describe*", "ec2:Get*", "ecr:Describe*", "ecs:Describe*", "ecs:List*", "eks:Describe*", "eks:List*", "iam:Generate*", "iam:Get*", "iam:List*", "kms:Describe*", "kms:List*", "lambda:Get*", "lambda:List*", "logs:Describe*", "logs:Get*", "rds:Describe*", "route53:Get*", "route53:List*", "s3:Get*", "s3:List*", "sns:Get*", "sns:List*", "sqs:Get*", "sqs:List*", "ssm:Describe*", "ssm:Get*", "ssm:List*"])) },
  { name: "SecurityAudit", description: "The security audit template grants access to read security configuration metadata.", created: "2015-02-06T18:41:01Z", updated: "2024-05-02T10:06:31Z", version: "v45",
    doc: doc(allow(["access-analyzer:List*", "acm:Describe*", "cloudtrail:DescribeTrails", "cloudtrail:GetEventSelectors", "cloudtrail:GetTrailStatus", "config:Describe*", "ec2:Describe*", "guardduty:Get*", "guardduty:List*", "iam:GenerateCredentialReport", "iam:GenerateServiceLastAccessedDetails", "iam:Get*", "iam:List*", "iam:SimulateCustomPolicy", "iam:SimulatePrincipalPolicy", "kms:Describe*", "kms:Get*", "kms:List*", "lambda:GetPolicy", "lambda:ListFunctions", "organizations:Describe*", "organizations:List*", "s3:GetBucketPolicy", "s3:GetEncryptionConfiguration", "s3:ListAllMyBuckets", "securityhub:Describe*", "securityhub:Get*", "sso:Describe*", "sso:Get*", "sso:List*", "identitystore:Describe*", "identitystore:List*", "sts:GetCallerIdentity"])) },
  { name: "ViewOnlyAccess", path: "/job-function/", description: "This policy grants permissions to view resources and basic metadata across all AWS services.", created: "2016-11-10T17:20:15Z", updated: "2024-03-01T19:52:34Z", version: "v21",
    doc: doc(allow(["acm:ListCertificates", "cloudtrail:DescribeTrails", "cloudwatch:ListMetrics", "dynamodb:ListTables", "ec2:DescribeInstances", "ec2:DescribeVpcs", "iam:ListRoles", "iam:ListUsers", "lambda:ListFunctions", "rds:DescribeDBInstances", "s3:ListAllMyBuckets", "sns:ListTopics", "sqs:ListQueues"])) },
  { name: "Billing", path: "/job-function/", description: "Grants permissions for billing and cost management.", created: "2016-11-10T17:33:18Z", updated: "2023-12-08T10:24:00Z", version: "v9",
    doc: doc(allow(["aws-portal:*", "billing:*", "budgets:*", "ce:*", "cur:*", "pricing:*", "tax:*"])) },
  { name: "AmazonS3FullAccess", description: "Provides full access to all buckets via the AWS Management Console.", created: "2015-02-06T18:40:58Z", updated: "2021-09-27T20:16:37Z", version: "v2",
    doc: doc(allow(["s3:*", "s3-object-lambda:*"])) },
  { name: "AmazonS3ReadOnlyAccess", description: "Provides read only access to all buckets via the AWS Management Console.", created: "2015-02-06T18:40:59Z", updated: "2023-08-10T21:31:39Z", version: "v3",
    doc: doc(allow(["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"])) },
  { name: "AmazonEC2FullAccess", description: "Provides full access to Amazon EC2 via the AWS Management Console.", created: "2015-02-06T18:40:15Z", updated: "2018-11-27T02:16:56Z", version: "v5",
    doc: doc(allow("ec2:*"), allow("elasticloadbalancing:*"), allow("cloudwatch:*"), allow("autoscaling:*"), { Effect: "Allow", Action: "iam:CreateServiceLinkedRole", Resource: "*", Condition: { StringEquals: { "iam:AWSServiceName": ["autoscaling.amazonaws.com", "ec2scheduled.amazonaws.com", "elasticloadbalancing.amazonaws.com", "spot.amazonaws.com", "spotfleet.amazonaws.com", "transitgateway.amazonaws.com"] } } }) },
  { name: "AmazonEC2ReadOnlyAccess", description: "Provides read only access to Amazon EC2 via the AWS Management Console.", created: "2015-02-06T18:40:17Z", updated: "2018-11-27T02:16:56Z", version: "v2",
    doc: doc(allow("ec2:Describe*"), allow("elasticloadbalancing:Describe*"), allow(["cloudwatch:ListMetrics", "cloudwatch:GetMetricStatistics", "cloudwatch:Describe*"]), allow("autoscaling:Describe*")) },
  { name: "AWSCloudShellFullAccess", description: "Grants full access to AWS CloudShell.", created: "2020-12-15T18:56:27Z", version: "v1",
    doc: doc(allow("cloudshell:*")) },
  { name: "IAMFullAccess", description: "Provides full access to IAM via the AWS Management Console.", created: "2015-02-06T18:40:38Z", updated: "2019-06-21T19:40:00Z", version: "v2",
    doc: doc(allow(["iam:*", "organizations:DescribeAccount", "organizations:DescribeOrganization", "organizations:DescribeOrganizationalUnit", "organizations:DescribePolicy", "organizations:ListChildren", "organizations:ListParents", "organizations:ListPoliciesForTarget", "organizations:ListRoots", "organizations:ListPolicies", "organizations:ListTargetsForPolicy"])) },
  { name: "IAMReadOnlyAccess", description: "Provides read only access to IAM via the AWS Management Console.", created: "2015-02-06T18:40:39Z", updated: "2018-01-25T19:11:27Z", version: "v4",
    doc: doc(allow(["iam:GenerateCredentialReport", "iam:GenerateServiceLastAccessedDetails", "iam:Get*", "iam:List*", "iam:SimulateCustomPolicy", "iam:SimulatePrincipalPolicy"])) },
  { name: "AWSLambda_FullAccess", description: "Grants full access to AWS Lambda service, AWS Lambda console features, and other related AWS services.", created: "2020-11-23T22:48:16Z", updated: "2022-01-21T19:11:15Z", version: "v2",
    doc: doc(allow(["cloudformation:DescribeStacks", "cloudwatch:GetMetricData", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs", "iam:GetRole", "iam:ListRoles", "kms:ListAliases", "lambda:*", "logs:DescribeLogGroups", "states:DescribeStateMachine", "tag:GetResources", "xray:GetTraceSummaries"]), { Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } }) },
  { name: "AWSLambdaBasicExecutionRole", path: "/service-role/", description: "Provides write permissions to CloudWatch Logs.", created: "2015-04-09T15:03:43Z", version: "v1",
    doc: doc(allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"])) },
  { name: "AmazonSSMManagedInstanceCore", description: "The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.", created: "2019-03-15T17:22:12Z", updated: "2023-05-23T18:05:43Z", version: "v3",
    doc: doc(allow(["ssm:DescribeAssociation", "ssm:GetDeployablePatchSnapshotForInstance", "ssm:GetDocument", "ssm:GetManifest", "ssm:GetParameter", "ssm:GetParameters", "ssm:ListAssociations", "ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:OpenDataChannel", "ec2messages:GetMessages"])) },
  { name: "AmazonDynamoDBFullAccess", description: "Provides full access to Amazon DynamoDB via the AWS Management Console.", created: "2015-02-06T18:40:11Z", updated: "2019-05-08T21:20:48Z", version: "v9",
    doc: doc(allow(["dynamodb:*", "dax:*", "application-autoscaling:*", "cloudwatch:GetMetricStatistics", "kms:DescribeKey", "kms:ListAliases", "sns:ListTopics", "lambda:ListFunctions"])) },
  { name: "CloudWatchLogsFullAccess", description: "Provides full access to CloudWatch Logs.", created: "2015-02-06T18:40:37Z", updated: "2022-11-09T19:22:10Z", version: "v2",
    doc: doc(allow(["logs:*", "cloudwatch:GenerateQuery"])) },
  { name: "AmazonRDSFullAccess", description: "Provides full access to Amazon RDS via the AWS Management Console.", created: "2015-02-06T18:40:52Z", updated: "2023-08-24T20:52:01Z", version: "v9",
    doc: doc(allow(["rds:*", "application-autoscaling:DescribeScalableTargets", "cloudwatch:GetMetricStatistics", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs", "sns:ListTopics", "logs:DescribeLogStreams", "logs:GetLogEvents"])) },
  { name: "AWSOrganizationsReadOnlyAccess", description: "Provides read-only access to AWS Organizations.", created: "2016-11-01T15:59:58Z", updated: "2024-02-15T18:32:00Z", version: "v7",
    doc: doc(allow(["account:GetAccountInformation", "account:GetAlternateContact", "organizations:Describe*", "organizations:List*"])) },
  { name: "AWSSSOReadOnly", description: "Provides read-only access to AWS SSO configurations.", created: "2018-05-01T17:50:33Z", updated: "2023-05-04T11:55:43Z", version: "v8",
    doc: doc(allow(["ds:DescribeDirectories", "ds:DescribeTrusts", "iam:ListPolicies", "organizations:DescribeOrganization", "organizations:DescribeAccount", "organizations:ListParents", "organizations:ListChildren", "organizations:ListAccounts", "organizations:ListRoots", "organizations:ListAccountsForParent", "organizations:ListOrganizationalUnitsForParent", "sso:Describe*", "sso:Get*", "sso:List*", "sso:Search*", "sso-directory:DescribeDirectory", "identitystore:DescribeUser", "identitystore:DescribeGroup", "identitystore:ListGroups", "identitystore:ListUsers", "identitystore:ListGroupMemberships"])) },
  { name: "AmazonECS_FullAccess", description: "Provides administrative access to Amazon ECS resources.", created: "2020-11-10T14:48:10Z", updated: "2023-06-13T19:29:04Z", version: "v27",
    doc: doc(allow(["ecs:*", "ecr:*", "elasticloadbalancing:*", "application-autoscaling:*", "cloudwatch:DescribeAlarms", "logs:CreateLogGroup", "servicediscovery:*"]), { Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringLike: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } }) },
  { name: "AWSSupportAccess", description: "Allow users to access the AWS Support Center.", created: "2015-02-06T18:41:11Z", version: "v1",
    doc: doc(allow("support:*")) },
];

function build(s: Spec): ManagedPolicy {
  const path = s.path ?? "/";
  const versionId = s.version ?? "v1";
  const updated = s.updated ?? s.created;
  return {
    name: s.name,
    id: s.name === "AdministratorAccess" ? "ANPAIWMBCKSKIEE64ZLYK" : uniqueId("ANPA", `aws-managed:${s.name}`),
    arn: `arn:aws:iam::aws:policy${path}${s.name}`,
    path,
    description: s.description,
    createDate: s.created,
    updateDate: updated,
    defaultVersionId: versionId,
    versions: [{ versionId, document: JSON.stringify(s.doc), isDefault: true, createDate: updated }],
    awsManaged: true,
  };
}

export const AWS_MANAGED_POLICIES: ReadonlyMap<string, ManagedPolicy> = new Map(SPECS.map((s) => { const p = build(s); return [p.arn, p]; }));
const BY_NAME = new Map([...AWS_MANAGED_POLICIES.values()].map((p) => [p.name, p]));

/** look up an AWS managed policy by ARN or by bare name (AdministratorAccess) */
export function awsManagedPolicy(ref: string): ManagedPolicy | undefined {
  return ref.startsWith("arn:") ? AWS_MANAGED_POLICIES.get(ref) : BY_NAME.get(ref);
}
export function awsManagedArn(name: string): string {
  const p = BY_NAME.get(name);
  if (!p) throw new Error(`unknown AWS managed policy ${name}`);
  return p.arn;
}
