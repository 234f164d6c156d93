import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const SERVICE_BY_CLIENT: Record<string, string | null> = {
  "client-iam": "iam",
  "client-organizations": "organizations",
  "client-sso-admin": "sso",
  "client-identitystore": "identitystore",
  "client-sts": "sts",
  // GetRoleCredentials is authorised by the user's SSO token, not by an IAM policy.
  "client-sso": null,
  "client-account": "account",
  "client-ec2": "ec2",
  "client-s3": "s3",
  "client-s3-control": "s3",
  "client-kms": "kms",
  "client-sqs": "sqs",
  "client-sns": "sns",
  "client-secrets-manager": "secretsmanager",
  "client-lambda": "lambda",
  "client-ecr": "ecr",
  "client-dynamodb": "dynamodb",
  "client-efs": "elasticfilesystem",
  "client-rds": "rds",
};

/** IAM action names that differ from the SDK operation they authorise (service authorization reference). */
const ACTION_OF_OPERATION: Record<string, string> = {
  "client-s3:ListBuckets": "s3:ListAllMyBuckets",
  "client-s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
  "client-s3-control:GetPublicAccessBlock": "s3:GetAccountPublicAccessBlock",
};

/**
 * Actions that read data, secrets or code, or hand out a way to (presigned code URLs, image
 * layers, decryption). The audit role must never hold one, not even through a wildcard.
 */
const DATA_READING_ACTIONS = [
  "s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAcl", "s3:ListBucket", "s3:ListBucketVersions", "s3:GetObjectAttributes", "s3:GetObjectTorrent",
  "secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue",
  "kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:Encrypt", "kms:CreateGrant",
  "sqs:ReceiveMessage", "sqs:SendMessage",
  "sns:Publish", "sns:Subscribe",
  "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:PartiQLSelect", "dynamodb:ExportTableToPointInTime",
  "lambda:GetFunction", "lambda:InvokeFunction", "lambda:GetLayerVersion",
  "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:GetAuthorizationToken",
  "elasticfilesystem:ClientMount", "elasticfilesystem:ClientRead",
  "ec2:CreateVolume", "ebs:GetSnapshotBlock", "ebs:ListSnapshotBlocks", "ec2:GetPasswordData",
  "rds:DownloadDBLogFilePortion", "rds-db:connect",
  "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath",
];

/** IAM wildcard match, case-insensitive, as AWS matches actions. */
function matchesAction(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
  return re.test(action);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Every AWS action the collector's code can call: each imported `XCommand` and `paginateX`. */
function actionsCalledByCollector(): Set<string> {
  const actions = new Set<string>();
  for (const file of [...sourceFiles(path.join(ROOT, "lib")), ...sourceFiles(path.join(ROOT, "jobs"))]) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/(client-[a-z0-9-]+)"/g)) {
      const service = SERVICE_BY_CLIENT[m[2]];
      if (service === undefined) throw new Error(`${file}: unknown AWS client ${m[2]}: add it to SERVICE_BY_CLIENT`);
      if (service === null) continue;
      for (const name of m[1].split(",").map((s) => s.trim().replace(/^type\s+/, "").replace(/\s+as\s+\w+$/, ""))) {
        const command = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
        if (command) actions.add(ACTION_OF_OPERATION[`${m[2]}:${command}`] ?? `${service}:${command}`);
      }
    }
  }
  return actions;
}

function templateActions(file: string): Set<string> {
  const template = YAML.parse(fs.readFileSync(path.join(ROOT, "infra", "cloudformation", file), "utf8"));
  const actions = new Set<string>();
  for (const resource of Object.values<any>(template.Resources)) {
    for (const policy of resource.Properties?.Policies ?? []) {
      for (const statement of policy.PolicyDocument.Statement) {
        for (const action of [statement.Action].flat()) actions.add(action);
      }
    }
  }
  return actions;
}

describe("CloudFormation templates", () => {
  const called = actionsCalledByCollector();
  const granted = new Set([...templateActions("audit-role.yaml"), ...templateActions("collector-role.yaml")]);

  it("finds the collector's calls (the scan itself works)", () => {
    expect(called.has("iam:GetAccountAuthorizationDetails")).toBe(true);
    expect(called.has("organizations:ListAccountsForParent")).toBe(true);
    expect(called.has("sso:ListAccountAssignments")).toBe(true);
    expect(called.size).toBeGreaterThan(30);
  });

  it("grant every action the collector calls", () => {
    expect([...called].filter((a) => !granted.has(a)).sort()).toEqual([]);
  });

  it("grant nothing the collector does not call (least privilege, read-only)", () => {
    expect([...granted].filter((a) => !called.has(a)).sort()).toEqual([]);
    const writes = [...granted].filter((a) => /:(Create|Delete|Put|Update|Attach|Detach|Set|Tag|Untag)/.test(a));
    expect(writes).toEqual([]);
  });

  it("grant no action that reads data, secrets or code (not even through a wildcard)", () => {
    expect(called.has("s3:GetBucketPolicy") && called.has("kms:GetKeyPolicy") && called.has("lambda:GetPolicy")).toBe(true);
    const reading = DATA_READING_ACTIONS.filter((action) => [...granted].some((pattern) => matchesAction(pattern, action)));
    expect(reading).toEqual([]);
    expect([...granted].filter((a) => a.includes("*"))).toEqual([]);
    // The check itself recognises a data-reading grant, wildcard or not.
    expect(matchesAction("s3:Get*", "s3:GetObject")).toBe(true);
    expect(matchesAction("secretsmanager:getsecretvalue", "secretsmanager:GetSecretValue")).toBe(true);
    expect(matchesAction("lambda:GetPolicy", "lambda:GetFunction")).toBe(false);
  });

  it("trust only the collector's role, within the organization", () => {
    const template = YAML.parse(fs.readFileSync(path.join(ROOT, "infra", "cloudformation", "audit-role.yaml"), "utf8"));
    for (const name of ["AuditRole", "OrgReaderRole"]) {
      const [statement] = template.Resources[name].Properties.AssumeRolePolicyDocument.Statement;
      expect(statement.Principal).toEqual({ AWS: { Ref: "CollectorPrincipalArn" } });
      expect(statement.Condition.StringEquals["aws:PrincipalOrgID"]).toEqual({ Ref: "OrganizationId" });
    }
  });
});
