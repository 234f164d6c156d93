// Ways a principal can raise its own permissions to administrator. Each path lists every
// action it needs; the principal is admin-equivalent when all of them are allowed.
// Sources: domain notes, Rhino Security Labs' IAM privilege-escalation methods.
export type EscalationPath = { id: string; actions: string[]; description: string };

const RUNS_CODE_WITH_PASSED_ROLE: EscalationPath[] = [
  { id: "passrole-ec2", actions: ["iam:PassRole", "ec2:RunInstances"], description: "launch an instance with a more privileged instance profile" },
  { id: "passrole-lambda-invoke", actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], description: "create and invoke a Lambda function running as a more privileged role" },
  { id: "passrole-lambda-event-source", actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"], description: "create a Lambda function triggered by an event source, running as a more privileged role" },
  { id: "passrole-cloudformation", actions: ["iam:PassRole", "cloudformation:CreateStack"], description: "create a CloudFormation stack that acts with a more privileged role" },
  { id: "passrole-glue-dev-endpoint", actions: ["iam:PassRole", "glue:CreateDevEndpoint"], description: "create a Glue development endpoint with a more privileged role" },
  { id: "passrole-glue-job", actions: ["iam:PassRole", "glue:CreateJob", "glue:StartJobRun"], description: "run a Glue job as a more privileged role" },
  { id: "passrole-sagemaker-notebook", actions: ["iam:PassRole", "sagemaker:CreateNotebookInstance"], description: "create a SageMaker notebook running as a more privileged role" },
  { id: "passrole-sagemaker-training", actions: ["iam:PassRole", "sagemaker:CreateTrainingJob"], description: "run a SageMaker training job as a more privileged role" },
  { id: "passrole-codebuild", actions: ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"], description: "run a CodeBuild project as a more privileged role" },
  { id: "passrole-ecs", actions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"], description: "run an ECS task as a more privileged role" },
  { id: "passrole-datapipeline", actions: ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline"], description: "run a Data Pipeline as a more privileged role" },
  { id: "passrole-autoscaling", actions: ["iam:PassRole", "autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup"], description: "launch instances through Auto Scaling with a more privileged instance profile" },
];

const CHANGES_PERMISSIONS: EscalationPath[] = [
  { id: "create-policy-version", actions: ["iam:CreatePolicyVersion"], description: "rewrite a managed policy attached to itself and make it the default version" },
  { id: "set-default-policy-version", actions: ["iam:SetDefaultPolicyVersion"], description: "switch a managed policy to an older, broader version" },
  { id: "attach-user-policy", actions: ["iam:AttachUserPolicy"], description: "attach any managed policy (e.g. AdministratorAccess) to a user" },
  { id: "attach-group-policy", actions: ["iam:AttachGroupPolicy"], description: "attach any managed policy to a group" },
  { id: "attach-role-policy", actions: ["iam:AttachRolePolicy"], description: "attach any managed policy to a role" },
  { id: "put-user-policy", actions: ["iam:PutUserPolicy"], description: "write an inline policy on a user" },
  { id: "put-group-policy", actions: ["iam:PutGroupPolicy"], description: "write an inline policy on a group" },
  { id: "put-role-policy", actions: ["iam:PutRolePolicy"], description: "write an inline policy on a role" },
  { id: "add-user-to-group", actions: ["iam:AddUserToGroup"], description: "join a more privileged group" },
  { id: "update-assume-role-policy", actions: ["iam:UpdateAssumeRolePolicy"], description: "rewrite a privileged role's trust policy to trust itself" },
  { id: "create-access-key", actions: ["iam:CreateAccessKey"], description: "create access keys for another, more privileged user" },
  { id: "create-login-profile", actions: ["iam:CreateLoginProfile"], description: "set a console password for another, more privileged user" },
  { id: "update-login-profile", actions: ["iam:UpdateLoginProfile"], description: "change another user's console password" },
  { id: "delete-user-permissions-boundary", actions: ["iam:DeleteUserPermissionsBoundary"], description: "remove the permission boundary that limits a user" },
  { id: "delete-role-permissions-boundary", actions: ["iam:DeleteRolePermissionsBoundary"], description: "remove the permission boundary that limits a role" },
  { id: "put-user-permissions-boundary", actions: ["iam:PutUserPermissionsBoundary"], description: "replace a user's permission boundary with a broader one" },
  { id: "put-role-permissions-boundary", actions: ["iam:PutRolePermissionsBoundary"], description: "replace a role's permission boundary with a broader one" },
];

export const ESCALATION_PATHS: EscalationPath[] = [...CHANGES_PERMISSIONS, ...RUNS_CODE_WITH_PASSED_ROLE];
