// Service namespaces known to the simulated Access Advisor, with the display names IAM uses,
// and the tracked (action-level) actions for the services AWS tracks at action level.

export const SERVICES: Readonly<Record<string, string>> = {
  "access-analyzer": "IAM Access Analyzer",
  account: "AWS Account Management",
  acm: "AWS Certificate Manager",
  apigateway: "Amazon API Gateway",
  "application-autoscaling": "Application Auto Scaling",
  athena: "Amazon Athena",
  autoscaling: "Amazon EC2 Auto Scaling",
  "aws-portal": "AWS Billing",
  backup: "AWS Backup",
  billing: "AWS Billing",
  budgets: "AWS Budget Service",
  ce: "AWS Cost Explorer Service",
  cloudformation: "AWS CloudFormation",
  cloudfront: "Amazon CloudFront",
  cloudshell: "AWS CloudShell",
  cloudtrail: "AWS CloudTrail",
  cloudwatch: "Amazon CloudWatch",
  codebuild: "AWS CodeBuild",
  codecommit: "AWS CodeCommit",
  codepipeline: "AWS CodePipeline",
  config: "AWS Config",
  dynamodb: "Amazon DynamoDB",
  ec2: "Amazon EC2",
  ecr: "Amazon Elastic Container Registry",
  ecs: "Amazon Elastic Container Service",
  eks: "Amazon Elastic Kubernetes Service",
  elasticache: "Amazon ElastiCache",
  elasticloadbalancing: "Elastic Load Balancing",
  events: "Amazon EventBridge",
  glue: "AWS Glue",
  guardduty: "Amazon GuardDuty",
  iam: "AWS Identity and Access Management",
  identitystore: "AWS Identity Store",
  kinesis: "Amazon Kinesis",
  kms: "AWS Key Management Service",
  lambda: "AWS Lambda",
  logs: "Amazon CloudWatch Logs",
  organizations: "AWS Organizations",
  rds: "Amazon RDS",
  route53: "Amazon Route 53",
  s3: "Amazon S3",
  secretsmanager: "AWS Secrets Manager",
  securityhub: "AWS Security Hub",
  sns: "Amazon SNS",
  sqs: "Amazon SQS",
  ssm: "AWS Systems Manager",
  sso: "AWS IAM Identity Center (successor to AWS Single Sign-On)",
  states: "AWS Step Functions",
  sts: "AWS Security Token Service",
  support: "AWS Support",
  tag: "Amazon Resource Group Tagging API",
};

export const SERVICE_NAMESPACES: readonly string[] = Object.keys(SERVICES).sort();

/** AWS tracks action-level last-accessed data for these services (management actions only). */
export const TRACKED_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  s3: ["CreateAccessPoint", "CreateBucket", "DeleteBucket", "DeleteBucketPolicy", "GetBucketPolicy", "GetBucketPublicAccessBlock", "ListAllMyBuckets", "PutBucketAcl", "PutBucketPolicy", "PutBucketPublicAccessBlock", "PutEncryptionConfiguration"],
  ec2: ["AuthorizeSecurityGroupIngress", "CreateSecurityGroup", "CreateVpc", "DeleteSecurityGroup", "DescribeInstances", "DescribeSecurityGroups", "DescribeVpcs", "ModifyInstanceAttribute", "RunInstances", "StartInstances", "StopInstances", "TerminateInstances"],
  iam: ["AttachRolePolicy", "AttachUserPolicy", "CreateAccessKey", "CreatePolicyVersion", "CreateRole", "CreateUser", "GetAccountAuthorizationDetails", "GetRole", "ListRoles", "ListUsers", "PassRole", "PutRolePolicy", "UpdateAssumeRolePolicy"],
  lambda: ["AddPermission", "CreateFunction", "DeleteFunction", "GetFunction", "InvokeFunction", "ListFunctions", "UpdateFunctionCode", "UpdateFunctionConfiguration"],
};

export function serviceName(namespace: string): string {
  return SERVICES[namespace] ?? namespace;
}
