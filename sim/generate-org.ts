// Deterministic generator of large, realistic organizations: { seed, accounts, principalsPerAccount }.
// principalsPerAccount counts the generated users + groups + roles of each account; the simulator adds
// its system principals on top (audit role, AWSReservedSSO_* roles, hub user, org-reader role).
import type { Account, AccessKey, IamGroup, IamRole, IamUser, IdentityCenter, InlinePolicy, ManagedPolicy, Organization, OrganizationalUnit, OrgPolicy, ServiceAccess, Tag } from "./model";
import { awsManagedArn } from "./catalog/managed-policies";
import { TRACKED_ACTIONS } from "./catalog/services";
import { accessKeyId, DAY_MS, iso, Prng, secretKey } from "./ids";
import { EMPTY, idcIds, makeAccessKey, makeGroup, makeInstanceProfile, makePolicy, makeRole, makeUser, orgIds } from "./factory";
import { finalizeOrg } from "./finalize";
import { generateResources } from "./generate-resources";
import type { AccountRegion } from "./resource-model";

export interface GenerateOptions {
  seed: string | number;
  accounts: number;
  principalsPerAccount: number;
  /** reference time for relative dates (default: now, truncated to the second) */
  now?: Date | number;
  /** Identity Center users (default min(400, 20 + 3 × accounts)) */
  identityCenterUsers?: number;
  /** Data resources per account (default 40), spread over the enabled regions */
  resourcesPerAccount?: number;
  /** Enabled regions per account (default 4; one opt-in region stays disabled on top) */
  regions?: number;
}

const REGION_POOL = ["us-east-1", "eu-west-1", "us-west-2", "eu-central-1", "us-east-2", "ap-southeast-1", "ap-northeast-1", "sa-east-1"];

const FIRST = ["alex", "maria", "li", "sam", "priya", "jonas", "fatima", "diego", "yuki", "noah", "emma", "omar", "chloe", "ivan", "sofia", "kwame", "lena", "raj", "ana", "ben", "zoe", "marco", "hana", "leo", "nina", "tom", "aisha", "felix", "mei", "oscar"];
const LAST = ["chen", "garcia", "smith", "patel", "muller", "kim", "nguyen", "rossi", "silva", "khan", "novak", "tanaka", "okafor", "larsen", "dubois", "haddad", "kowalski", "santos", "ivanova", "brown", "jensen", "moreau", "ahmed", "costa", "weber"];
const TEAMS = ["payments", "search", "identity", "data", "mobile", "web", "ml", "risk", "growth", "checkout", "catalog", "ledger", "media", "ads", "support", "fraud", "logistics", "pricing", "notify", "reports"];
const GROUPS = ["Admins", "Developers", "ReadOnly", "Operations", "Billing", "DataEngineers", "SecurityTeam", "Support", "Auditors", "Contractors"];
const SERVICE_USERS = ["ci-deployer", "terraform", "backup-agent", "monitoring", "legacy-etl", "jenkins", "s3-sync", "reporting", "partner-upload", "metrics-export"];
const SERVICE_PRINCIPALS = ["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "glue.amazonaws.com", "states.amazonaws.com", "events.amazonaws.com", "codebuild.amazonaws.com", "config.amazonaws.com"];
const USED_SERVICES = ["s3", "ec2", "lambda", "dynamodb", "logs", "cloudwatch", "sts", "iam", "sqs", "sns", "kms", "ssm", "ecr", "ecs"];
const VENDORS = [["464622532012", "datadog"], ["754135023419", "wiz"], ["141808717104", "orca"], ["999988887777", "partner"], ["123456789012", "legacy-vendor"]] as const;
const MANAGED = ["ReadOnlyAccess", "PowerUserAccess", "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess", "AmazonEC2FullAccess", "AmazonDynamoDBFullAccess", "CloudWatchLogsFullAccess", "AWSLambda_FullAccess", "ViewOnlyAccess", "AmazonSSMManagedInstanceCore", "AWSCloudShellFullAccess", "IAMReadOnlyAccess"];

const doc = (statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (Action: string | string[], Resource: string | string[] = "*") => ({ Effect: "Allow", Action, Resource });

/** shared documents: identical strings are stored once for the whole organization */
const INLINE_DOCS = [
  doc([allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], ["arn:aws:s3:::app-data-*", "arn:aws:s3:::app-data-*/*"])]),
  doc([allow(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], "arn:aws:dynamodb:*:*:table/app-*")]),
  doc([allow(["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"])]),
  doc([allow(["logs:CreateLogStream", "logs:PutLogEvents"])]),
  doc([allow(["kms:Decrypt", "kms:GenerateDataKey"])]),
  doc([allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:secret:app/*")]),
];
const ESCALATION_DOCS = [
  doc([allow("iam:CreatePolicyVersion")]),
  doc([allow(["iam:PassRole", "ec2:RunInstances"])]),
  doc([allow("iam:AttachUserPolicy")]),
  doc([allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])]),
  doc([allow("iam:UpdateAssumeRolePolicy")]),
];
const CUSTOMER_DOCS = [
  [doc([allow(["s3:*"], ["arn:aws:s3:::deploy-*", "arn:aws:s3:::deploy-*/*"])]), doc([allow(["s3:*", "cloudformation:*"], "*")])],
  [doc([allow(["ec2:Describe*", "ec2:StartInstances", "ec2:StopInstances"])])],
  [doc([allow(["lambda:UpdateFunctionCode", "lambda:GetFunction"])]), doc([allow(["lambda:*"])]), doc([allow(["lambda:*", "iam:PassRole"])])],
  [doc([allow(["rds:Describe*", "rds:CreateDBSnapshot"])])],
  [doc([allow(["ecr:*", "ecs:UpdateService", "ecs:Describe*"])])],
];
const POLICY_NAMES = ["DeployArtifacts", "Ec2Operator", "LambdaDeployer", "DbSnapshots", "ContainerRelease"];

export function generateOrg(o: GenerateOptions): Organization {
  const seed = `gen-${o.seed}`;
  const rng = new Prng(seed);
  const nowMs = Math.floor((o.now === undefined ? Date.now() : +o.now) / 1000) * 1000;
  const dayCache = new Map<number, string>();
  /** ISO date d days ago; the strings are shared (dates are whole days) to keep big orgs small */
  const ago = (d: number) => {
    let s = dayCache.get(d);
    if (s === undefined) { s = iso(nowMs - d * DAY_MS); dayCache.set(d, s); }
    return s;
  };
  const nAccounts = Math.max(2, Math.floor(o.accounts));
  const P = Math.max(3, Math.floor(o.principalsPerAccount));

  // ---- account ids ----
  const reserved = new Set<string>(VENDORS.map((v) => v[0]));
  const accountIds: string[] = [];
  while (accountIds.length < nAccounts) {
    const id = String(rng.int(100_000_000_000, 999_999_999_999));
    if (!reserved.has(id)) { reserved.add(id); accountIds.push(id); }
  }
  const mgmtId = accountIds[0];
  const hubAccountId = accountIds[1];
  const ids = orgIds(seed, mgmtId);

  // ---- OUs ----
  const ous: OrganizationalUnit[] = [];
  const ouByPath = new Map<string, OrganizationalUnit>();
  const addOu = (p: string): OrganizationalUnit => {
    const parts = p.split("/");
    const parent = parts.length > 1 ? ouByPath.get(parts.slice(0, -1).join("/"))! : undefined;
    const id = ids.ouId(p);
    const unit: OrganizationalUnit = {
      id, arn: ids.ouArn(id), name: parts[parts.length - 1], parentId: parent?.id ?? ids.rootId,
      path: `${parent ? parent.path : `${ids.orgId}/${ids.rootId}/`}${id}/`, tags: EMPTY,
    };
    ous.push(unit);
    ouByPath.set(p, unit);
    return unit;
  };
  for (const p of ["Security", "Infrastructure", "Workloads", "Workloads/Prod", "Workloads/NonProd", "Sandbox", "Suspended"]) addOu(p);
  const nTeams = Math.max(2, Math.min(TEAMS.length, Math.ceil(nAccounts / 25)));
  const teams = TEAMS.slice(0, nTeams);
  for (const t of teams) { addOu(`Workloads/Prod/${t}`); addOu(`Workloads/NonProd/${t}`); }

  // ---- people shared across accounts (same email in several accounts) ----
  const people: Array<{ name: string; tags: Tag[] }> = [];
  for (const l of LAST) for (const f of FIRST) people.push({ name: `${f}.${l}`, tags: [{ Key: "email", Value: `${f}.${l}@example.com` }] });

  const accounts: Account[] = [];
  for (let i = 0; i < nAccounts; i++) {
    const id = accountIds[i];
    let name: string, ouPath: string | undefined, env: string, team = "platform";
    let status: Account["status"] = "ACTIVE";
    let state: Account["state"] = "ACTIVE";
    if (i === 0) { name = "management"; ouPath = undefined; env = "mgmt"; }
    else if (i === 1) { name = "security"; ouPath = "Security"; env = "security"; }
    else if (i === 2) { name = "log-archive"; ouPath = "Security"; env = "security"; }
    else if (i === 3) { name = "shared-services"; ouPath = "Infrastructure"; env = "shared"; }
    else {
      team = teams[i % teams.length];
      const r = rng.next();
      env = r < 0.35 ? "prod" : r < 0.55 ? "staging" : r < 0.85 ? "dev" : "sandbox";
      ouPath = env === "prod" ? `Workloads/Prod/${team}` : env === "sandbox" ? "Sandbox" : `Workloads/NonProd/${team}`;
      name = `${team}-${env}-${i}`;
      if (rng.chance(0.02)) { status = "SUSPENDED"; state = rng.chance(0.5) ? "SUSPENDED" : "CLOSED"; ouPath = "Suspended"; }
    }
    const parent = ouPath ? ouByPath.get(ouPath)!.id : ids.rootId;
    const ageDays = i === 0 ? 2500 : rng.int(60, 2200);
    const acct: Account = {
      id, arn: ids.accountArn(id), name, email: `aws+${name}@example.com`, status, state,
      joinedMethod: rng.chance(0.15) ? "INVITED" : "CREATED",
      joinedTimestamp: ago(ageDays), parentId: parent,
      tags: [{ Key: "env", Value: env }, { Key: "team", Value: team }],
      alias: rng.chance(0.6) ? `example-${name}` : undefined,
      auditRole: i < 4 || !rng.chance(0.01),
      iam: { users: [], groups: [], roles: [], policies: [], samlProviders: [], oidcProviders: [], root: { createDate: ago(ageDays), accessKeys: [] } },
    };
    accounts.push(acct);
    buildIam(acct, ageDays, env);
  }
  // Resources after IAM, from their own generator stream, so adding them leaves IAM as it was.
  const resourceRng = new Prng(`${seed}:resources`);
  const regions: AccountRegion[] = [
    ...REGION_POOL.slice(0, Math.max(1, Math.min(REGION_POOL.length, o.regions ?? 4))).map((name) => ({ name, status: "ENABLED_BY_DEFAULT" as const })),
    { name: "af-south-1", status: "DISABLED" },
  ];
  for (const acct of accounts) {
    acct.resources = generateResources({
      rng: resourceRng, seed, accountId: acct.id, nowMs, count: o.resourcesPerAccount ?? 40, regions, orgId: ids.orgId,
      orgAccounts: accountIds, vendors: VENDORS.map((v) => v[0]), team: acct.tags.find((t) => t.Key === "team")?.Value ?? "platform",
    });
  }

  function lastAccessed(max: number): ServiceAccess[] {
    const n = rng.int(0, max);
    if (n === 0) return EMPTY;
    const out: ServiceAccess[] = [];
    for (const svc of rng.sample(USED_SERVICES, n)) {
      const d = rng.int(0, 400);
      const tracked = TRACKED_ACTIONS[svc];
      out.push({
        service: svc, date: ago(d), region: rng.chance(0.8) ? "us-east-1" : "eu-west-1",
        actions: tracked ? rng.sample(tracked, rng.int(1, 3)).map((action) => ({ action, date: ago(d + rng.int(0, 30)), region: "us-east-1" })) : undefined,
      });
    }
    return out;
  }

  function keyFor(acct: string, owner: string, idx: number, maxAge: number): AccessKey {
    const age = rng.int(1, Math.max(1, maxAge));
    const used = rng.chance(0.75);
    return makeAccessKey(seed, acct, owner, idx, {
      status: rng.chance(0.1) ? "Inactive" : "Active",
      createDate: ago(age),
      lastUsed: used ? { date: ago(rng.int(0, age)), service: rng.pick(["s3", "sts", "ec2", "iam", "dynamodb"]), region: "us-east-1" } : undefined,
    });
  }

  function buildIam(acct: Account, acctAge: number, env: string) {
    const iam = acct.iam;
    const A = acct.id;
    const nGroups = Math.max(1, Math.round(P * 0.06));
    const nUsers = Math.max(1, Math.round(P * 0.4));
    const nRoles = Math.max(1, P - nGroups - nUsers);
    const maxAge = Math.max(2, acctAge);

    // root
    const r = rng.next();
    if (r < 0.85) iam.root.mfa = { type: rng.chance(0.7) ? "virtual" : "hardware", serialNumber: "", enableDate: ago(rng.int(1, maxAge)) };
    if (iam.root.mfa) iam.root.mfa.serialNumber = iam.root.mfa.type === "virtual" ? `arn:aws:iam::${A}:mfa/root-account-mfa-device` : `GAHT${A.slice(-8)}`;
    if (rng.chance(0.03)) iam.root.accessKeys.push(keyFor(A, "<root>", 0, maxAge));
    if (rng.chance(0.5)) iam.root.passwordLastUsed = ago(rng.int(1, 700));
    if (rng.chance(0.5)) {
      const weak = rng.chance(0.3);
      iam.passwordPolicy = {
        MinimumPasswordLength: weak ? 8 : 14, RequireSymbols: !weak, RequireNumbers: !weak, RequireUppercaseCharacters: !weak,
        RequireLowercaseCharacters: !weak, AllowUsersToChangePassword: true, ExpirePasswords: !weak, MaxPasswordAge: weak ? undefined : 90,
        PasswordReusePrevention: weak ? undefined : 24, HardExpiry: false,
      };
    }

    // customer managed policies
    const nPolicies = Math.max(1, Math.round(P / 10));
    for (let k = 0; k < nPolicies; k++) {
      const t = k % CUSTOMER_DOCS.length;
      const versions = CUSTOMER_DOCS[t];
      const created = rng.int(30, maxAge);
      iam.policies.push(makePolicy(seed, A, {
        name: k < CUSTOMER_DOCS.length ? POLICY_NAMES[t] : `${POLICY_NAMES[t]}${k}`,
        description: "Managed by terraform",
        versions: versions.map((d, v) => ({ document: d, createDate: ago(Math.max(0, created - v * 20)) })),
      }));
    }
    const customerArns = iam.policies.map((p: ManagedPolicy) => p.arn);
    const someManaged = () => (rng.chance(0.3) ? rng.pick(customerArns) : awsManagedArn(rng.pick(MANAGED)));

    // groups
    for (let k = 0; k < nGroups; k++) {
      const name = k < GROUPS.length ? GROUPS[k] : `${GROUPS[k % GROUPS.length]}${k}`;
      const managed = name === "Admins" ? [awsManagedArn("AdministratorAccess")] : name === "ReadOnly" || name === "Auditors" ? [awsManagedArn("ReadOnlyAccess")] : [someManaged()];
      iam.groups.push(makeGroup(seed, A, {
        name, createDate: ago(rng.int(1, maxAge)), managedPolicyArns: managed,
        inlinePolicies: rng.chance(0.2) ? [{ name: "GroupExtras", document: rng.pick(INLINE_DOCS) }] : EMPTY,
      }));
    }
    const groupNames = iam.groups.map((g: IamGroup) => g.name);

    // users
    const taken = new Set<string>();
    for (let k = 0; k < nUsers; k++) {
      const human = rng.chance(0.6);
      let name: string, tags: Tag[] = EMPTY;
      if (human) {
        const person = rng.pick(people);
        name = person.name;
        tags = person.tags;
      } else {
        name = rng.pick(SERVICE_USERS);
      }
      if (taken.has(name)) name = `${name}-${k}`;
      taken.add(name);
      const created = rng.int(1, maxAge);
      const consoleUser = human && rng.chance(0.8);
      const keys: AccessKey[] = [];
      const nKeys = human ? (rng.chance(0.4) ? 1 : 0) : rng.chance(0.25) ? 2 : 1;
      for (let j = 0; j < nKeys; j++) keys.push(keyFor(A, name, j, created));
      const inline: InlinePolicy[] = [];
      if (rng.chance(0.1)) inline.push({ name: "AppAccess", document: rng.pick(INLINE_DOCS) });
      if (rng.chance(0.02)) inline.push({ name: "PlatformMaintenance", document: rng.pick(ESCALATION_DOCS) });
      const u: IamUser = makeUser(seed, A, {
        name, createDate: ago(created), tags,
        password: consoleUser ? { lastChanged: ago(rng.int(0, created)), lastUsed: rng.chance(0.85) ? ago(rng.int(0, created)) : undefined } : undefined,
        mfaDevices: consoleUser && rng.chance(0.7) ? [{ type: "virtual", serialNumber: `arn:aws:iam::${A}:mfa/${name}`, enableDate: ago(rng.int(0, created)) }] : EMPTY,
        accessKeys: keys,
        groups: human ? rng.sample(groupNames, rng.int(0, 2)) : EMPTY,
        managedPolicyArns: rng.chance(0.15) ? [rng.chance(0.1) ? awsManagedArn("AdministratorAccess") : someManaged()] : EMPTY,
        inlinePolicies: inline.length ? inline : EMPTY,
        lastAccessed: lastAccessed(3),
      });
      iam.users.push(u);
    }

    // roles
    let saml = false, oidc = false;
    const otherAccount = () => accountIds[rng.int(0, accountIds.length - 1)];
    for (let k = 0; k < nRoles; k++) {
      const r2 = rng.next();
      let name: string, trust: string, managed: string[] = EMPTY, profile = false;
      if (r2 < 0.45) {
        const svc = rng.pick(SERVICE_PRINCIPALS);
        name = `${svc.split(".")[0]}-${rng.pick(["app", "worker", "job", "exec", "runner"])}-role`;
        const cond = rng.chance(0.4) ? `,"Condition":{"StringEquals":{"aws:SourceAccount":"${A}"}}` : "";
        trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"${svc}"},"Action":"sts:AssumeRole"${cond}}]}`;
        profile = svc === "ec2.amazonaws.com";
        managed = [rng.chance(0.05) ? awsManagedArn("AdministratorAccess") : someManaged()];
      } else if (r2 < 0.55) {
        name = `${rng.pick(["ops", "deploy", "breakglass", "readonly"])}-role`;
        trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${A}:root"},"Action":"sts:AssumeRole"}]}`;
        managed = [someManaged()];
      } else if (r2 < 0.72) {
        name = `xacct-${rng.pick(["deploy", "audit", "backup", "network", "logs"])}`;
        trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${otherAccount()}:root"},"Action":"sts:AssumeRole"}]}`;
        managed = [someManaged()];
      } else if (r2 < 0.78) {
        const [vendorAcct, vendor] = rng.pick(VENDORS);
        name = `${vendor}-integration`;
        const cond = rng.chance(0.8) ? `,"Condition":{"StringEquals":{"sts:ExternalId":"${vendor}-${A.slice(-6)}"}}` : "";
        trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${vendorAcct}:root"},"Action":"sts:AssumeRole"${cond}}]}`;
        managed = [awsManagedArn(rng.chance(0.7) ? "SecurityAudit" : "ReadOnlyAccess")];
      } else if (r2 < 0.84) {
        saml = true;
        name = `sso-${rng.pick(["admin", "developer", "readonly", "billing"])}`;
        trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::${A}:saml-provider/CorpIdP"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}`;
        managed = [name === "sso-admin" ? awsManagedArn("AdministratorAccess") : someManaged()];
      } else if (r2 < 0.9) {
        oidc = true;
        name = `github-${rng.pick(["deploy", "plan", "release"])}`;
        const sub = rng.chance(0.85) ? `repo:example/${acct.name}:*` : "repo:example/*";
        trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"${sub}"}}}]}`;
        managed = [someManaged()];
      } else if (r2 < 0.905) {
        name = "wildcard-trust";
        const cond = rng.chance(0.7) ? `,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"${ids.orgId}"}}` : "";
        trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"${cond}}]}`;
        managed = [awsManagedArn("ReadOnlyAccess")];
      } else {
        name = `${rng.pick(["app", "batch", "etl", "api"])}-${rng.pick(["runtime", "task", "service"])}`;
        trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`;
        managed = [awsManagedArn("AWSLambdaBasicExecutionRole")];
      }
      if (taken.has(name)) name = `${name}-${k}`;
      taken.add(name);
      const created = rng.int(1, maxAge);
      const inline: InlinePolicy[] = [];
      if (rng.chance(0.25)) inline.push({ name: "Inline", document: rng.pick(INLINE_DOCS) });
      if (rng.chance(0.02)) inline.push({ name: "Bootstrap", document: ESCALATION_DOCS[1] });
      const role: IamRole = makeRole(seed, A, {
        name, createDate: ago(created), trustPolicy: trust, maxSessionDuration: 3600,
        managedPolicyArns: managed, inlinePolicies: inline.length ? inline : EMPTY,
        tags: rng.chance(0.3) ? [{ Key: "team", Value: rng.pick(TEAMS) }] : EMPTY,
        lastUsed: rng.chance(0.7) ? { date: ago(rng.int(0, created)), region: "us-east-1" } : undefined,
        instanceProfiles: profile ? [makeInstanceProfile(seed, A, name, "/", ago(created))] : EMPTY,
        lastAccessed: lastAccessed(3),
      });
      iam.roles.push(role);
    }
    if (saml) iam.samlProviders.push({ name: "CorpIdP", arn: `arn:aws:iam::${A}:saml-provider/CorpIdP`, createDate: ago(maxAge), validUntil: ago(-3000) });
    if (oidc) iam.oidcProviders.push({ arn: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`, url: "token.actions.githubusercontent.com", clientIds: ["sts.amazonaws.com"], thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"], createDate: ago(maxAge), tags: EMPTY });
    void env;
  }

  // ---- SCPs / RCPs ----
  const scp = (name: string, description: string, content: string, targets: string[], type: OrgPolicy["type"] = "SERVICE_CONTROL_POLICY"): OrgPolicy => {
    const id = ids.policyId(name);
    return { id, arn: ids.policyArn(type, id), name, description, type, awsManaged: false, content, targets, tags: EMPTY };
  };
  const policies: OrgPolicy[] = [
    scp("DenyLeaveOrganization", "Accounts cannot leave the organization", doc([{ Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }]), [ids.rootId]),
    scp("RegionGuardrail", "Only approved regions", doc([{ Effect: "Deny", NotAction: ["iam:*", "sts:*", "organizations:*", "support:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } }]), [ouByPath.get("Workloads")!.id]),
    scp("DenyRootUser", "No root user actions", doc([{ Effect: "Deny", Action: "*", Resource: "*", Condition: { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } } }]), [ouByPath.get("Workloads/Prod")!.id]),
    scp("SandboxGuardrails", "Sandbox limits", doc([{ Effect: "Deny", Action: ["ec2:PurchaseReservedInstancesOffering", "iam:CreateUser", "iam:CreateAccessKey"], Resource: "*" }]), [ouByPath.get("Sandbox")!.id]),
    scp("EnforceSecureTransport", "Deny non-TLS access to resources", doc([{ Effect: "Deny", Principal: "*", Action: ["s3:*", "sqs:*", "kms:*"], Resource: "*", Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }]), [ids.rootId], "RESOURCE_CONTROL_POLICY"),
  ];

  // ---- Identity Center ----
  const idc = buildIdentityCenter(rng, seed, o, accounts, teams, ago);

  const org: Organization = {
    id: ids.orgId, arn: ids.orgArn, featureSet: "ALL", seed, now: iso(nowMs), managementAccountId: mgmtId,
    root: { id: ids.rootId, arn: ids.rootArn, name: "Root", tags: EMPTY },
    ous, accounts, policies, identityCenter: idc,
    hub: {
      accountId: hubAccountId, userName: "access-atlas-collector", principalArn: "",
      accessKeyId: accessKeyId("AKIA", `${seed}:hub`), secretAccessKey: secretKey(`${seed}:hub`),
    },
    auditRoleName: "GovernanceAuditRole",
  };
  return finalizeOrg(org, { orgReaderRoleName: "AccessAtlasOrgReader" });
}

function buildIdentityCenter(rng: Prng, seed: string, o: GenerateOptions, accounts: Account[], teams: string[], ago: (d: number) => string): IdentityCenter {
  const ids = idcIds(seed);
  const nUsers = o.identityCenterUsers ?? Math.min(400, 20 + 3 * accounts.length);
  const users = [];
  const used = new Set<string>();
  for (let i = 0; i < nUsers; i++) {
    const f = FIRST[i % FIRST.length], l = LAST[Math.floor(i / FIRST.length) % LAST.length];
    let userName = `${f}.${l}@example.com`;
    if (used.has(userName)) userName = `${f}.${l}${i}@example.com`;
    used.add(userName);
    users.push({
      id: ids.userId(userName), userName, displayName: `${f[0].toUpperCase()}${f.slice(1)} ${l[0].toUpperCase()}${l.slice(1)}`,
      givenName: f, familyName: l, email: userName, createdAt: ago(rng.int(10, 900)),
      accessToken: i < 3 ? `sso-token-${seed}-${i}` : undefined,
    });
  }
  const groupNames = ["Platform-Admins", "Security-Auditors", "Billing", ...teams.map((t) => `team-${t}`)];
  const groups = groupNames.map((g) => ({ id: ids.groupId(g), displayName: g, description: `${g} (synced from IdP)`, createdAt: ago(700) }));
  const memberships = [];
  for (const [gi, g] of groups.entries()) {
    const size = gi === 0 ? Math.min(8, users.length) : Math.max(2, Math.round(users.length / groups.length) + rng.int(-2, 4));
    for (const u of rng.sample(users, size)) memberships.push({ id: ids.membershipId(g.displayName, u.userName), groupId: g.id, userId: u.id });
  }
  const ps = (name: string, managed: string[], extra: Partial<IdentityCenter["permissionSets"][number]> = {}) => ({
    arn: ids.permissionSetArn(name), name, createdDate: ago(rng.int(100, 800)), sessionDuration: "PT8H",
    managedPolicyArns: managed.map(awsManagedArn), customerManagedPolicies: [], ...extra,
  });
  const permissionSets = [
    ps("AdministratorAccess", ["AdministratorAccess"], { sessionDuration: "PT1H", description: "Full administrator" }),
    ps("PowerUserAccess", ["PowerUserAccess"], { description: "Developers in non-prod" }),
    ps("ReadOnlyAccess", ["ReadOnlyAccess"], { description: "Read-only everywhere" }),
    ps("SecurityAudit", ["SecurityAudit", "ViewOnlyAccess"], { description: "Security team" }),
    ps("Billing", ["Billing"], { description: "Finance" }),
    ps("DataScientist", [], {
      description: "Analytics with a boundary",
      inlinePolicy: doc([allow(["s3:GetObject", "s3:ListBucket", "athena:*", "glue:GetTable", "glue:GetDatabase"])]),
      permissionsBoundary: { managedPolicyArn: awsManagedArn("PowerUserAccess") },
    }),
  ];
  const [admin, power, ro, audit, billing, data] = permissionSets;
  const assignments: IdentityCenter["assignments"] = [];
  const add = (acct: string, psArn: string, type: "USER" | "GROUP", id: string) => assignments.push({ accountId: acct, permissionSetArn: psArn, principalType: type, principalId: id });
  for (const [i, a] of accounts.entries()) {
    if (a.status !== "ACTIVE") continue;
    add(a.id, admin.arn, "GROUP", groups[0].id);
    add(a.id, audit.arn, "GROUP", groups[1].id);
    const env = a.tags.find((t) => t.Key === "env")?.Value;
    const teamGroup = groups.find((g) => g.displayName === `team-${a.tags.find((t) => t.Key === "team")?.Value}`);
    if (teamGroup) add(a.id, env === "prod" ? ro.arn : power.arn, "GROUP", teamGroup.id);
    if (i === 0) add(a.id, billing.arn, "GROUP", groups[2].id);
    if (env === "prod" && rng.chance(0.3)) add(a.id, data.arn, "USER", rng.pick(users).id);
    if (rng.chance(0.02)) add(a.id, admin.arn, "USER", rng.pick(users).id);
  }
  return {
    instanceArn: ids.instanceArn, identityStoreId: ids.identityStoreId, ownerAccountId: accounts[0].id, region: "us-east-1",
    createdDate: ago(900), users, groups, memberships, permissionSets, assignments, samlProviderByAccount: {},
  };
}
