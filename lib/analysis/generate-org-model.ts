// A deterministic synthetic organization (seeded PRNG, fixed reference time) for the
// analysis benchmark and tests, shaped like real ones: a landing zone (management,
// security, log archive, shared services with CI, a jump account holding IAM users,
// network), workloads under Prod / NonProd / Sandbox / Suspended OUs with SCP deny-lists, an
// allow-list and a deny-all, an RCP data perimeter, ~100 AWS-managed and ~200 customer-managed
// policies reused everywhere, inline policies, groups, boundaries, cross-account chains,
// vendor, "*", OIDC and SAML trusts, service and service-linked roles, Identity Center with
// groups, 15 permission sets and their AWSReservedSSO roles, and Access Advisor data.
import { trustPrincipals } from "../collect/parse/trust-principals";
import type { TAccount, TAssignment, TOrgModel, TOrgPolicy, TPermissionSet, TPolicyDocRef, TPrincipal } from "./model";
import { generateResourcesModel } from "./generate-resources-model";

export type TGenerateOrgModelOptions = {
  // Total principals (IAM users and roles plus Identity Center users). Exact whenever it
  // leaves room beyond the landing-zone roles every account gets (~15 per account).
  principals?: number;
  accounts?: number;
  seed?: number;
  identityCenterUsers?: number;
  asOf?: string;
  /** Data resources in all (default 0), spread over the collected accounts and four regions. */
  resources?: number;
};

const ORG_ID = "o-gen0000001";
const ROOT = "r-gen1";
const OU = { security: "ou-gen1-security", infra: "ou-gen1-infra", workloads: "ou-gen1-workloads", prod: "ou-gen1-prod", nonprod: "ou-gen1-nonprod", sandbox: "ou-gen1-sandbox", suspended: "ou-gen1-suspended" };
export const GENERATED_VENDORS: Record<string, string> = { "464622532012": "Datadog", "754135023419": "Wiz", "141808717104": "Orca" };
const TEAMS = ["payments", "search", "identity", "data", "mobile", "web", "ml", "risk", "growth", "checkout", "catalog", "ledger", "media", "ads", "support", "fraud", "logistics", "pricing", "notify", "reports"];
const SERVICES = ["s3", "ec2", "lambda", "dynamodb", "logs", "cloudwatch", "sqs", "sns", "kms", "ssm", "ecr", "ecs", "rds", "glue", "athena", "kinesis", "states", "events", "secretsmanager", "elasticloadbalancing", "autoscaling", "cloudformation", "apigateway", "elasticache", "es", "firehose", "route53", "cloudfront", "acm", "codebuild", "codepipeline", "codedeploy", "sagemaker", "eks", "elasticfilesystem", "backup", "xray", "redshift", "elasticmapreduce", "cognito-idp"];
const TRACKED: Record<string, string[]> = {
  s3: ["GetObject", "PutObject", "ListBucket", "DeleteObject", "CreateBucket"], ec2: ["DescribeInstances", "RunInstances", "StartInstances", "StopInstances"],
  iam: ["GetRole", "ListRoles", "PassRole", "CreateRole"], lambda: ["InvokeFunction", "GetFunction", "UpdateFunctionCode", "CreateFunction"],
};
const SERVICE_TRUSTS = ["lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "states.amazonaws.com", "glue.amazonaws.com", "codebuild.amazonaws.com"];
const DAY_MS = 86_400_000;

type TRandom = { next: () => number; int: (min: number, max: number) => number; chance: (p: number) => boolean; pick: <T>(items: readonly T[]) => T; popular: <T>(items: readonly T[]) => T };
type TStatement = Record<string, unknown>;
type TWorkload = "prod" | "nonprod" | "sandbox" | "suspended";
type TAccountPlan = { account: TAccount; kind: "management" | "security" | "log-archive" | "shared" | "identity" | "network" | TWorkload; team: string; names: Set<string> };

const doc = (statements: TStatement[]) => ({ Version: "2012-10-17", Statement: statements });
const allow = (Action: string | string[], Resource: string | string[] = "*", Condition?: object): TStatement => ({ Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) });
const deny = (Action: string | string[], Resource: string | string[] = "*", Condition?: object): TStatement => ({ Effect: "Deny", Action, Resource, ...(Condition ? { Condition } : {}) });
const readActions = (services: string[]) => services.flatMap((service) => [`${service}:Get*`, `${service}:List*`, `${service}:Describe*`]);
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

export function generateOrgModel(options: TGenerateOrgModelOptions = {}): TOrgModel {
  const random = createRandom(options.seed ?? 1);
  const asOf = options.asOf ?? "2025-06-30T00:00:00.000Z";
  const total = Math.max(1, Math.floor(options.principals ?? 100_000));
  const accountCount = Math.max(7, Math.floor(options.accounts ?? 500));
  const icUserCount = Math.floor(options.identityCenterUsers ?? Math.min(2_000, Math.round(total * 0.02)));
  const dayCache = new Map<number, string>();
  const daysAgo = (days: number) => dayCache.get(days) ?? (dayCache.set(days, new Date(Date.parse(asOf) - days * DAY_MS).toISOString()), dayCache.get(days)!);
  let serial = 0;
  const uniqueId = (prefix: string) => `${prefix}${(++serial).toString(36).toUpperCase().padStart(17, "0")}`;
  const policies = buildPolicyLibrary(random);
  const plans = planAccounts({ random, accountCount });
  const model: TOrgModel = {
    runId: 1, asOf, organizationId: ORG_ID, managementAccountId: plans[0].account.id, accounts: plans.map((plan) => plan.account),
    scps: organizationScps(plans), rcps: organizationRcps(plans), principals: [], groups: [], accessKeys: [], credentialReport: [], accountSettings: [],
    identityCenter: { groups: [], permissionSets: [], assignments: [] },
    resources: [], accountResourceSettings: [], regionStatus: [],
  };
  const trustCache = new WeakMap<object, ReturnType<typeof trustPrincipals>>();
  const customerRefs = new Map<string, TPolicyDocRef>();
  const customerRef = (accountId: string, template: TPolicyDocRef) => {
    const id = `arn:aws:iam::${accountId}:policy/${template.name}`;
    let ref = customerRefs.get(id);
    if (!ref) customerRefs.set(id, (ref = { ...template, id }));
    return ref;
  };
  const usage = (refs: TPolicyDocRef[]) => {
    if (!random.chance(0.45)) return null;
    const services = [...new Set(refs.flatMap((ref) => policies.servicesOf.get(ref.document as object) ?? []))];
    return lastAccessed({ random, services, daysAgo });
  };

  const addRole = (seed: TRoleSeed): TPrincipal => {
    const name = uniqueName(seed.plan, seed.name);
    const id = uniqueId("AROA");
    let principalsOfTrust = trustCache.get(seed.trust);
    if (!principalsOfTrust) trustCache.set(seed.trust, (principalsOfTrust = trustPrincipals(seed.trust as { Statement: unknown })));
    const path = seed.path ?? "/";
    const arn = `arn:aws:iam::${seed.plan.account.id}:role${path}${name}`;
    const principal: TPrincipal = {
      key: `${seed.plan.account.id}/${id}`, kind: "iam-role", id, accountId: seed.plan.account.id, name, arn,
      path, createDate: daysAgo(random.int(30, 1500)), tags: seed.tags ?? policies.teamTags(seed.plan.team), identityPolicies: attachable(arn, seed.policies), groupPolicies: [], groups: [],
      permissionsBoundary: seed.boundary ?? null, trustPolicy: seed.trust, trustPrincipals: principalsOfTrust, instanceProfileCount: seed.instanceProfile ? 1 : 0,
      lastUsed: random.chance(0.8) ? daysAgo(random.int(0, 200)) : null, lastAccessed: seed.serviceLinked ? null : usage(seed.policies),
      ssoPermissionSetName: seed.ssoPermissionSetName ?? null, serviceLinked: seed.serviceLinked ?? false, emails: [],
    };
    model.principals.push(principal);
    return principal;
  };
  const addUser = (seed: { plan: TAccountPlan; name: string; policies: TPolicyDocRef[]; groups: Array<{ name: string; policies: TPolicyDocRef[] }>; human: boolean }): TPrincipal => {
    const { plan } = seed;
    const name = uniqueName(plan, seed.name);
    const id = uniqueId("AIDA");
    const arn = `arn:aws:iam::${plan.account.id}:user/${name}`;
    const groupPolicies = seed.groups.flatMap((group) => group.policies);
    const principal: TPrincipal = {
      key: `${plan.account.id}/${id}`, kind: "iam-user", id, accountId: plan.account.id, name, arn, path: "/", createDate: daysAgo(random.int(30, 2000)),
      tags: policies.teamTags(plan.team), identityPolicies: attachable(arn, seed.policies), groupPolicies, groups: seed.groups.map((group) => group.name), permissionsBoundary: null,
      trustPolicy: null, trustPrincipals: [], instanceProfileCount: 0, lastUsed: null,
      lastAccessed: usage([...seed.policies, ...groupPolicies]), ssoPermissionSetName: null, serviceLinked: false, emails: [],
    };
    model.principals.push(principal);
    const keys = seed.human && random.chance(0.7) ? 0 : random.int(1, 2);
    for (let slot = 1; slot <= keys; slot++) {
      model.accessKeys.push({
        id: uniqueId("AKIA"), accountId: plan.account.id, userKey: principal.key, userName: name, status: random.chance(0.85) ? "Active" : "Inactive",
        createDate: daysAgo(random.int(1, 900)), lastUsedDate: random.chance(0.7) ? daysAgo(random.int(0, 200)) : null, lastUsedService: random.chance(0.5) ? "s3" : "sts",
      });
    }
    const passwordLastUsed = seed.human ? daysAgo(random.int(0, 120)) : null;
    // As the snapshot loader derives it: the latest of password and key use.
    principal.lastUsed = [passwordLastUsed, ...model.accessKeys.slice(model.accessKeys.length - keys).map((key) => key.lastUsedDate)].filter((date): date is string => date !== null).sort().at(-1) ?? null;
    model.credentialReport.push({
      accountId: plan.account.id, user: name, arn, isRoot: false, passwordEnabled: seed.human, passwordLastUsed,
      mfaActive: seed.human && random.chance(0.8), userCreationTime: principal.createDate,
      accessKeys: Array.from({ length: keys }, (_, index) => ({ slot: (index + 1) as 1 | 2, active: true, lastRotated: daysAgo(random.int(1, 900)), lastUsedDate: daysAgo(random.int(0, 200)) })),
    });
    return principal;
  };

  const context = { random, model, plans, total, trusts: createTrusts(), policies, customerRef, addRole, addUser, daysAgo, uniqueId };
  addIdentityCenter({ ...context, icUserCount });
  for (const plan of plans) addLandingZone({ ...context, plan });
  const bespoke = Math.max(0, total - model.principals.length);
  addBespokePrincipals({ ...context, count: bespoke });
  // Only collected accounts have IAM data (the collector skips suspended ones).
  const collectedPlans = plans.filter((plan) => plan.account.collected);
  model.accountSettings = collectedPlans.map((plan) => ({
    accountId: plan.account.id, summary: { AccountMFAEnabled: random.chance(0.9) ? 1 : 0, AccountAccessKeysPresent: random.chance(0.03) ? 1 : 0, Users: plan.names.size },
    passwordPolicy: random.chance(0.8) ? { present: true, MinimumPasswordLength: random.pick([8, 14, 16]) } : { present: false }, mfaDevices: [],
    samlProviders: [{ arn: `arn:aws:iam::${plan.account.id}:saml-provider/AWSSSO_${plan.account.id.slice(0, 6)}_DO_NOT_DELETE`, name: `AWSSSO_${plan.account.id.slice(0, 6)}_DO_NOT_DELETE` }],
    oidcProviders: [], credentialReportGeneratedAt: daysAgo(0),
  }));
  for (const plan of collectedPlans) {
    model.credentialReport.push({ accountId: plan.account.id, user: "<root_account>", arn: `arn:aws:iam::${plan.account.id}:root`, isRoot: true, passwordEnabled: true, passwordLastUsed: random.chance(0.1) ? daysAgo(random.int(0, 90)) : null, mfaActive: random.chance(0.92), accessKeys: [], userCreationTime: daysAgo(2000) });
  }
  model.customerManagedPolicies = customerManagedPolicies(model);
  // Last and from its own stream, so a model with resources has the same principals as one without.
  Object.assign(model, generateResourcesModel({ random: createRandom((options.seed ?? 1) + 7919), accounts: model.accounts, total: Math.floor(options.resources ?? 0), organizationId: ORG_ID, vendors: Object.keys(GENERATED_VENDORS) }));
  return model;
}

// What IAM can hold: a managed policy attached at most once, an inline policy named under
// its owner (`inline:<owner arn>:<name>`, the id the snapshot loader gives it).
function attachable(ownerArn: string, refs: TPolicyDocRef[]): TPolicyDocRef[] {
  const seen = new Set<string>();
  const out: TPolicyDocRef[] = [];
  for (const ref of refs) {
    const owned = ref.kind === "inline" ? { ...ref, id: `inline:${ownerArn}:${ref.name}` } : ref;
    if (seen.has(owned.id)) continue;
    seen.add(owned.id);
    out.push(owned);
  }
  return out;
}

/** Each account's customer managed policies with AWS's attachment and boundary-use counts. */
export function customerManagedPolicies(model: Pick<TOrgModel, "principals" | "groups">): NonNullable<TOrgModel["customerManagedPolicies"]> {
  const byKey = new Map<string, NonNullable<TOrgModel["customerManagedPolicies"]>[number]>();
  const entry = (accountId: string, ref: TPolicyDocRef) => {
    const key = `${accountId}/${ref.id}`;
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = { key, accountId, arn: ref.id, name: ref.name, attachmentCount: 0, permissionsBoundaryUsageCount: 0, document: ref.document }));
    return found;
  };
  const attach = (accountId: string, refs: TPolicyDocRef[]) => {
    for (const ref of refs) if (ref.kind === "customer-managed") entry(accountId, ref).attachmentCount++;
  };
  for (const principal of model.principals) {
    if (principal.accountId === null) continue;
    attach(principal.accountId, principal.identityPolicies);
    if (principal.permissionsBoundary?.kind === "customer-managed") entry(principal.accountId, principal.permissionsBoundary).permissionsBoundaryUsageCount++;
  }
  for (const group of model.groups) attach(group.accountId, group.policies);
  return [...byKey.values()];
}

type TRoleSeed = {
  plan: TAccountPlan; name: string; trust: object; policies: TPolicyDocRef[]; path?: string; boundary?: TPolicyDocRef | null;
  serviceLinked?: boolean; ssoPermissionSetName?: string; tags?: Record<string, string>; instanceProfile?: boolean;
};

type TContext = {
  random: TRandom; model: TOrgModel; plans: TAccountPlan[]; total: number; trusts: TTrusts; policies: TPolicyLibrary; daysAgo: (days: number) => string; uniqueId: (prefix: string) => string;
  customerRef: (accountId: string, template: TPolicyDocRef) => TPolicyDocRef;
  addRole: (seed: TRoleSeed) => TPrincipal;
  addUser: (seed: { plan: TAccountPlan; name: string; policies: TPolicyDocRef[]; groups: Array<{ name: string; policies: TPolicyDocRef[] }>; human: boolean }) => TPrincipal;
};

function uniqueName(plan: TAccountPlan, name: string): string {
  let candidate = name;
  for (let suffix = 2; plan.names.has(candidate); suffix++) candidate = `${name}-${suffix}`;
  plan.names.add(candidate);
  return candidate;
}

// ---------------------------------------------------------------- accounts and OUs

function planAccounts(options: { random: TRandom; accountCount: number }): TAccountPlan[] {
  const { random } = options;
  const fixed: Array<[TAccountPlan["kind"], string, string[], string[]]> = [
    ["management", "management", [ROOT], []], ["security", "security", [ROOT, OU.security], ["Security"]], ["log-archive", "log-archive", [ROOT, OU.security], ["Security"]],
    ["shared", "shared-services", [ROOT, OU.infra], ["Infrastructure"]], ["identity", "identity", [ROOT, OU.infra], ["Infrastructure"]], ["network", "network", [ROOT, OU.infra], ["Infrastructure"]],
  ];
  return Array.from({ length: options.accountCount }, (_, index) => {
    const id = String(100_000_000_000 + index * 1_234_567);
    let [kind, name, ouPath, ouNames] = fixed[index] ?? [null, "", [], []];
    const team = TEAMS[index % TEAMS.length];
    if (!kind) {
      const roll = random.next();
      kind = roll < 0.35 ? "prod" : roll < 0.8 ? "nonprod" : roll < 0.97 ? "sandbox" : "suspended";
      name = `${team}-${kind}-${index}`;
      [ouPath, ouNames] = kind === "prod" ? [[ROOT, OU.workloads, OU.prod], ["Workloads", "Prod"]] : kind === "nonprod" ? [[ROOT, OU.workloads, OU.nonprod], ["Workloads", "NonProd"]]
        : kind === "sandbox" ? [[ROOT, OU.sandbox], ["Sandbox"]] : [[ROOT, OU.suspended], ["Suspended"]];
    }
    const account: TAccount = { id, name, status: kind === "suspended" ? "SUSPENDED" : "ACTIVE", isManagement: index === 0, ouPath, ouNames, tags: { team, env: kind }, collected: kind !== "suspended" };
    return { account, kind, team, names: new Set<string>() };
  });
}

function organizationScps(plans: TAccountPlan[]): TOrgPolicy[] {
  const scp = (id: string, name: string, targets: string[], statements: TStatement[]): TOrgPolicy => ({ id, name, kind: "scp", document: doc(statements), targets });
  const everyAccount = plans.map((plan) => plan.account.id);
  return [
    scp("p-FullAWSAccess", "FullAWSAccess", [ROOT, OU.security, OU.infra, OU.workloads, OU.prod, OU.nonprod, OU.suspended, ...everyAccount], [allow("*")]),
    scp("p-gen1-deny-leave", "DenyLeaveOrganization", [ROOT], [deny(["organizations:LeaveOrganization", "account:CloseAccount"])]),
    scp("p-gen1-region-lock", "RegionLock", [OU.workloads], [{ Effect: "Deny", NotAction: ["iam:*", "sts:*", "organizations:*", "support:*", "cloudfront:*", "route53:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-central-1", "eu-west-1"] } } }]),
    scp("p-gen1-protect-security", "ProtectSecurityTooling", [OU.prod], [deny(["iam:CreateUser", "iam:CreateAccessKey", "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "guardduty:DeleteDetector"], "*", { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole" } })]),
    scp("p-gen1-sandbox-allow", "SandboxAllowList", [OU.sandbox], [allow(["s3:*", "ec2:*", "lambda:*", "dynamodb:*", "cloudwatch:*", "logs:*", "iam:*", "sts:*", "cloudformation:*", "sqs:*", "sns:*"])]),
    scp("p-gen1-deny-all", "DenyAll", [OU.suspended], [deny("*")]),
  ];
}

function organizationRcps(plans: TAccountPlan[]): TOrgPolicy[] {
  const rcp = (id: string, name: string, targets: string[], statements: TStatement[]): TOrgPolicy => ({ id, name, kind: "rcp", document: doc(statements), targets });
  return [
    rcp("p-RCPFullAWSAccess", "RCPFullAWSAccess", [ROOT, ...Object.values(OU), ...plans.map((plan) => plan.account.id)], [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }]),
    rcp("p-gen1-perimeter", "DataPerimeter", [OU.prod], [{
      Effect: "Deny", Principal: "*", Action: ["s3:*", "sts:*", "kms:*", "sqs:*", "secretsmanager:*"], Resource: "*",
      Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG_ID, "aws:PrincipalAccount": Object.keys(GENERATED_VENDORS) }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
    }]),
  ];
}

// ---------------------------------------------------------------- policies

type TPolicyLibrary = {
  admin: TPolicyDocRef; powerUser: TPolicyDocRef; readOnly: TPolicyDocRef; viewOnly: TPolicyDocRef; securityAudit: TPolicyDocRef; billing: TPolicyDocRef;
  ssmCore: TPolicyDocRef; lambdaFull: TPolicyDocRef; supportUser: TPolicyDocRef; dataScientist: TPolicyDocRef; networkAdmin: TPolicyDocRef; databaseAdmin: TPolicyDocRef;
  serviceFull: Map<string, TPolicyDocRef>; serviceRead: Map<string, TPolicyDocRef>;
  // Popular AWS-managed policies for workload roles and users.
  appManaged: TPolicyDocRef[];
  // Customer-managed templates; each account gets its own copy (own ARN, same document).
  customer: TPolicyDocRef[]; boundaries: TPolicyDocRef[]; escalation: TPolicyDocRef[];
  assumeDeploy: TPolicyDocRef; assumeJumpAdmin: TPolicyDocRef; assumeJumpReadOnly: TPolicyDocRef; selfManage: TPolicyDocRef; deployRole: TPolicyDocRef;
  serviceLinked: (service: string) => TPolicyDocRef;
  // Service namespaces a document grants, to make up plausible Access Advisor data.
  servicesOf: WeakMap<object, string[]>;
  teamTags: (team: string) => Record<string, string>;
};

function buildPolicyLibrary(random: TRandom): TPolicyLibrary {
  const servicesOf = new WeakMap<object, string[]>();
  const make = (id: string, name: string, kind: TPolicyDocRef["kind"], statements: TStatement[]): TPolicyDocRef => {
    const document = doc(statements);
    const named = statements.flatMap((statement) => [statement.Action ?? []].flat() as string[]).map((action) => action.split(":")[0]).filter((service) => service !== "*");
    servicesOf.set(document, named.length > 0 ? [...new Set(named)] : ["s3", "ec2", "lambda", "iam", "sts", "logs"]);
    return { id, name, kind, document };
  };
  const managed = (name: string, statements: TStatement[]) => make(`arn:aws:iam::aws:policy/${name}`, name.split("/").pop()!, "aws-managed", statements);
  const customer = (name: string, statements: TStatement[]) => make(`arn:aws:iam::000000000000:policy/${name}`, name, "customer-managed", statements);
  const serviceFull = new Map(SERVICES.map((service) => [service, managed(`Amazon${capital(service)}FullAccess`, [allow(`${service}:*`)])]));
  const serviceRead = new Map(SERVICES.map((service) => [service, managed(`Amazon${capital(service)}ReadOnlyAccess`, [allow(readActions([service]))])]));
  const library = {
    admin: managed("AdministratorAccess", [allow("*")]),
    powerUser: managed("PowerUserAccess", [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" }, allow(["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization", "account:ListRegions"])]),
    readOnly: managed("ReadOnlyAccess", [allow([...readActions(SERVICES), "iam:Get*", "iam:List*", "sts:GetCallerIdentity"])]),
    viewOnly: managed("job-function/ViewOnlyAccess", [allow(SERVICES.flatMap((service) => [`${service}:List*`, `${service}:Describe*`]))]),
    securityAudit: managed("SecurityAudit", [allow(["iam:Get*", "iam:List*", "iam:GenerateCredentialReport", "iam:GenerateServiceLastAccessedDetails", "organizations:Describe*", "organizations:List*", "sso:List*", "sso:Describe*", "identitystore:List*", "cloudtrail:Describe*", "cloudtrail:Get*", "config:Describe*", "guardduty:Get*", "guardduty:List*", ...SERVICES.map((service) => `${service}:Describe*`)])]),
    billing: managed("job-function/Billing", [allow(["aws-portal:*", "budgets:*", "ce:*", "cur:*", "billing:*", "payments:*", "tax:*", "invoicing:*"])]),
    ssmCore: managed("AmazonSSMManagedInstanceCore", [allow(["ssm:UpdateInstanceInformation", "ssm:ListAssociations", "ssmmessages:*", "ec2messages:*"])]),
    lambdaFull: managed("AWSLambda_FullAccess", [allow(["lambda:*", "cloudformation:DescribeStacks", "logs:DescribeLogGroups"]), allow("iam:PassRole", "*", { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } })]),
    supportUser: managed("job-function/SupportUser", [allow(["support:*", "trustedadvisor:Describe*", ...SERVICES.map((service) => `${service}:Describe*`)])]),
    dataScientist: managed("job-function/DataScientist", [allow(["sagemaker:*", "glue:*", "athena:*", "s3:GetObject", "s3:ListBucket", "elasticmapreduce:*"]), allow("iam:PassRole", "arn:aws:iam::*:role/*SageMaker*")]),
    networkAdmin: managed("job-function/NetworkAdministrator", [allow(["ec2:*Vpc*", "ec2:*Subnet*", "ec2:*Route*", "ec2:*Gateway*", "ec2:Describe*", "route53:*", "directconnect:*", "elasticloadbalancing:*"])]),
    databaseAdmin: managed("job-function/DatabaseAdministrator", [allow(["rds:*", "dynamodb:*", "elasticache:*", "redshift:*"]), allow("iam:PassRole", "arn:aws:iam::*:role/rds-monitoring-role")]),
    serviceFull, serviceRead,
    assumeDeploy: customer("CiAssumeDeploy", [allow("sts:AssumeRole", "arn:aws:iam::*:role/Deploy"), allow(["ecr:*", "s3:GetObject", "s3:PutObject"], "*")]),
    assumeJumpAdmin: customer("AssumeJumpAdmin", [allow("sts:AssumeRole", "arn:aws:iam::*:role/JumpAdmin", { Bool: { "aws:MultiFactorAuthPresent": "true" } })]),
    assumeJumpReadOnly: customer("AssumeJumpReadOnly", [allow("sts:AssumeRole", "arn:aws:iam::*:role/JumpReadOnly")]),
    selfManage: customer("SelfManageCredentials", [allow(["iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:ChangePassword", "iam:*MFADevice"], "arn:aws:iam::*:user/${aws:username}")]),
    deployRole: customer("DeployWorkloads", [allow("iam:PassRole", "arn:aws:iam::*:role/app-*"), allow(["iam:CreateRole", "iam:AttachRolePolicy", "iam:PutRolePolicy"], "arn:aws:iam::*:role/app-*")]),
    serviceLinked: (service: string) => managed(`aws-service-role/${capital(service)}ServiceRolePolicy`, [allow([`${service}:*`, "ec2:Describe*", "logs:CreateLogStream", "logs:PutLogEvents"])]),
  };
  const linked = new Map<string, TPolicyDocRef>();
  const serviceLinked = (service: string) => linked.get(service) ?? (linked.set(service, library.serviceLinked(service)), linked.get(service)!);
  const templates = Array.from({ length: 200 }, (_, index) => customerTemplate({ random, index, customer }));
  const boundaries = Array.from({ length: 5 }, (_, index) => customer(`DeveloperBoundary${index}`, [
    allow(Array.from({ length: 15 }, () => `${random.pick(SERVICES)}:*`).concat(["sts:AssumeRole", "iam:PassRole"])),
    deny(["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary", "iam:CreateUser", "organizations:*"]),
  ]));
  const escalation = [
    customer("Ec2Launcher", [allow(["iam:PassRole", "ec2:RunInstances", "ec2:Describe*"])]),
    customer("PolicyEditor", [allow(["iam:CreatePolicyVersion", "iam:GetPolicy*", "iam:ListPolicies"])]),
    customer("AppRoleManager", [allow("iam:AttachRolePolicy", "arn:aws:iam::*:role/app-*")]),
    customer("FunctionDeployer", [allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])]),
    customer("TrustEditor", [allow("iam:UpdateAssumeRolePolicy")]),
  ];
  const appManaged = [serviceRead.get("s3")!, library.ssmCore, serviceFull.get("logs")!, serviceRead.get("dynamodb")!, serviceFull.get("sqs")!, serviceFull.get("s3")!, library.lambdaFull, serviceFull.get("dynamodb")!, ...SERVICES.slice(8).map((service) => serviceRead.get(service)!), ...SERVICES.slice(8).map((service) => serviceFull.get(service)!)];
  const tags = new Map(TEAMS.map((team) => [team, { team, "cost-center": `cc-${team}` }]));
  return { ...library, serviceLinked, customer: templates, boundaries, escalation, appManaged, servicesOf, teamTags: (team) => tags.get(team)! };
}

// Customer policies as teams write them: resource-scoped, conditional, with denies.
function customerTemplate(options: { random: TRandom; index: number; customer: (name: string, statements: TStatement[]) => TPolicyDocRef }): TPolicyDocRef {
  const { random, index } = options;
  const team = TEAMS[index % TEAMS.length];
  const service = random.pick(SERVICES);
  const kind = index % 8;
  const names = ["DataAccess", "TableAccess", "Deploy", "Ec2Operator", "ServiceAdmin", "Reader", "App", "Messaging"];
  const statements: TStatement[][] = [
    [allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], [`arn:aws:s3:::${team}-data-${index}`, `arn:aws:s3:::${team}-data-${index}/*`])],
    [allow(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"], `arn:aws:dynamodb:eu-central-1:*:table/${team}-*`, { StringEquals: { "aws:RequestedRegion": "eu-central-1" } })],
    [allow(["cloudformation:*", `${service}:*`]), allow("iam:PassRole", "arn:aws:iam::*:role/app-*"), allow("sts:AssumeRole", `arn:aws:iam::*:role/app-xacct-${team}-*`)],
    [allow(["ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances"], "*", { StringEquals: { "aws:ResourceTag/team": "${aws:PrincipalTag/team}" } }), allow("ec2:Describe*")],
    [allow(`${service}:*`), deny(`${service}:Delete*`)],
    [allow(readActions([service, random.pick(SERVICES)]))],
    Array.from({ length: random.int(2, 5) }, () => {
      const picked = random.pick(SERVICES);
      return allow(random.chance(0.5) ? [`${picked}:Get*`, `${picked}:List*`] : [`${picked}:*`], random.chance(0.4) ? `arn:aws:${picked}:*:*:${team}-*` : "*");
    }),
    [allow(["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"], `arn:aws:sqs:*:*:${team}-*`), allow("sns:Publish", `arn:aws:sns:*:*:${team}-*`), allow("kms:Decrypt", "*", { StringLike: { "kms:ViaService": "sqs.*.amazonaws.com" } })],
  ];
  return options.customer(`${capital(team)}${names[kind]}${index}`, statements[kind]);
}

// ---------------------------------------------------------------- Identity Center

function addIdentityCenter(options: TContext & { icUserCount: number }): void {
  const { random, model, plans, policies: p } = options;
  const inline = (statements: TStatement[]) => ({ id: "", name: "AwsSSOInlinePolicy", kind: "permission-set-inline" as const, document: doc(statements) });
  const sets: Array<{ name: string; managed: TPolicyDocRef[]; inline?: TPolicyDocRef }> = [
    { name: "AdministratorAccess", managed: [p.admin] }, { name: "PowerUserAccess", managed: [p.powerUser] }, { name: "ReadOnlyAccess", managed: [p.readOnly] },
    { name: "ViewOnlyAccess", managed: [p.viewOnly] }, { name: "SecurityAudit", managed: [p.securityAudit, p.viewOnly] }, { name: "Billing", managed: [p.billing] },
    { name: "DeveloperAccess", managed: [p.serviceFull.get("lambda")!, p.serviceFull.get("dynamodb")!, p.serviceRead.get("s3")!], inline: inline([allow(["s3:PutObject", "s3:GetObject"], "arn:aws:s3:::dev-*/*"), allow("sts:AssumeRole", "arn:aws:iam::*:role/app-*"), deny(["iam:*User*", "iam:*AccessKey*"])]) },
    { name: "DataScientist", managed: [p.dataScientist], inline: inline([allow(["s3:GetObject", "s3:ListBucket"], ["arn:aws:s3:::datalake-*", "arn:aws:s3:::datalake-*/*"])]) },
    { name: "NetworkAdministrator", managed: [p.networkAdmin] }, { name: "DatabaseAdministrator", managed: [p.databaseAdmin] }, { name: "SupportUser", managed: [p.supportUser] },
    { name: "OnCallOperator", managed: [p.readOnly], inline: inline([allow(["ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances", "ecs:UpdateService"], "*", { Bool: { "aws:MultiFactorAuthPresent": "true" } })]) },
    { name: "S3Admin", managed: [p.serviceFull.get("s3")!] }, { name: "LambdaDeveloper", managed: [p.lambdaFull] }, { name: "BreakGlass", managed: [p.admin] },
  ];
  model.identityCenter.permissionSets = sets.map((set, index): TPermissionSet => ({
    arn: `arn:aws:sso:::permissionSet/ssoins-gen1/ps-${index.toString(16).padStart(16, "0")}`, name: set.name,
    managedPolicyArns: set.managed.map((ref) => ref.id), customerManagedPolicies: [], inlinePolicy: set.inline ?? null, permissionsBoundary: null,
  }));
  const userIds = Array.from({ length: options.icUserCount }, (_, index) => {
    const id = `u-${(index + 1).toString(16).padStart(8, "0")}`;
    const name = `user${index + 1}`;
    model.principals.push({
      key: `sso/${id}`, kind: "sso-user", id, accountId: null, name, arn: null, path: "/", createDate: options.daysAgo(random.int(10, 900)), tags: {},
      identityPolicies: [], groupPolicies: [], groups: [], permissionsBoundary: null, trustPolicy: null, trustPrincipals: [], instanceProfileCount: 0,
      lastUsed: null, lastAccessed: null, ssoPermissionSetName: null, serviceLinked: false, emails: [`${name}@example.com`],
    });
    return id;
  });
  const members = (share: number) => userIds.filter(() => random.chance(share));
  const collected = plans.filter((plan) => plan.account.collected);
  const workloads = (kinds: string[], team?: string) => collected.filter((plan) => kinds.includes(plan.kind) && (!team || plan.team === team));
  const grants: Array<{ group: string; share: number; set: string; accounts: TAccountPlan[] }> = [
    { group: "PlatformAdmins", share: 0.02, set: "AdministratorAccess", accounts: plans },
    { group: "SecurityTeam", share: 0.02, set: "SecurityAudit", accounts: plans },
    { group: "ReadOnlyAll", share: 0.06, set: "ReadOnlyAccess", accounts: collected },
    { group: "Finance", share: 0.005, set: "Billing", accounts: plans.slice(0, 1) },
    { group: "NetworkTeam", share: 0.01, set: "NetworkAdministrator", accounts: [plans[5], ...workloads(["prod"])] },
    { group: "DBAs", share: 0.01, set: "DatabaseAdministrator", accounts: workloads(["prod", "nonprod"]) },
    { group: "Support", share: 0.02, set: "SupportUser", accounts: workloads(["prod"]) },
    { group: "DataScientists", share: 0.02, set: "DataScientist", accounts: workloads(["prod", "nonprod"], "data") },
    { group: "SandboxUsers", share: 0.05, set: "PowerUserAccess", accounts: workloads(["sandbox"]) },
    { group: "StorageAdmins", share: 0.005, set: "S3Admin", accounts: workloads(["prod"]).slice(0, 20) },
    { group: "Serverless", share: 0.01, set: "LambdaDeveloper", accounts: workloads(["nonprod"]).slice(0, 30) },
    ...TEAMS.flatMap((team) => [
      { group: `dev-${team}`, share: 0.7 / TEAMS.length, set: "DeveloperAccess", accounts: workloads(["nonprod", "sandbox"], team) },
      { group: `dev-${team}`, share: 0, set: "ViewOnlyAccess", accounts: workloads(["prod"], team) },
      { group: `oncall-${team}`, share: 0.01, set: "OnCallOperator", accounts: workloads(["prod"], team) },
    ]),
  ];
  const groupIds = new Map<string, string>();
  for (const grant of grants) {
    let groupId = groupIds.get(grant.group);
    if (!groupId) {
      groupId = `g-${(groupIds.size + 1).toString(16).padStart(8, "0")}`;
      groupIds.set(grant.group, groupId);
      model.identityCenter.groups.push({ id: groupId, name: grant.group, memberIds: members(grant.share) });
    }
    for (const plan of grant.accounts) assign({ ...options, sets, plan, setName: grant.set, principalType: "GROUP", principalId: groupId });
  }
  // The anti-pattern every organization has a few of: people assigned directly.
  for (const userId of userIds) {
    if (!random.chance(0.01)) continue;
    assign({ ...options, sets, plan: random.pick(plans), setName: random.chance(0.3) ? "BreakGlass" : random.pick(["ReadOnlyAccess", "DeveloperAccess", "PowerUserAccess"]), principalType: "USER", principalId: userId });
  }
}

const ssoRoles = new WeakMap<TAccountPlan, Map<string, string | null>>();

// One AWSReservedSSO role per (account, permission set), created on first assignment; a few
// are "not collected" so assignments with a null role key exist, as after a partial run.
function assign(options: TContext & { sets: Array<{ name: string; managed: TPolicyDocRef[]; inline?: TPolicyDocRef }>; plan: TAccountPlan; setName: string; principalType: TAssignment["principalType"]; principalId: string }): void {
  const { plan, random } = options;
  const set = options.sets.find((candidate) => candidate.name === options.setName)!;
  const permissionSet = options.model.identityCenter.permissionSets.find((candidate) => candidate.name === set.name)!;
  let roles = ssoRoles.get(plan);
  if (!roles) ssoRoles.set(plan, (roles = new Map()));
  if (!roles.has(set.name)) {
    let roleKey: string | null = null;
    if (plan.account.collected && !random.chance(0.01)) {
      const hash = (options.model.principals.length * 2654435761 >>> 0).toString(16).padStart(16, "0");
      const name = `AWSReservedSSO_${set.name}_${hash}`;
      const arn = `arn:aws:iam::${plan.account.id}:role/aws-reserved/sso.amazonaws.com/${name}`;
      const identityPolicies = set.inline ? [...set.managed, { ...set.inline, id: `inline:${arn}:AwsSSOInlinePolicy`, kind: "inline" as const }] : set.managed;
      const role = options.addRole({ plan, name, path: "/aws-reserved/sso.amazonaws.com/", trust: ssoTrust(plan), policies: identityPolicies, ssoPermissionSetName: set.name, tags: {} });
      roleKey = role.key;
    }
    roles.set(set.name, roleKey);
  }
  options.model.identityCenter.assignments.push({
    permissionSetArn: permissionSet.arn, permissionSetName: set.name, accountId: plan.account.id, principalType: options.principalType, principalId: options.principalId, roleKey: roles.get(set.name)!,
  });
}

const ssoTrusts = new WeakMap<TAccountPlan, object>();

function ssoTrust(plan: TAccountPlan): object {
  let trust = ssoTrusts.get(plan);
  if (!trust) {
    trust = doc([{ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${plan.account.id}:saml-provider/AWSSSO_${plan.account.id.slice(0, 6)}_DO_NOT_DELETE` }, Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"], Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } }]);
    ssoTrusts.set(plan, trust);
  }
  return trust;
}

// ---------------------------------------------------------------- landing zone

type TTrusts = ReturnType<typeof createTrusts>;

// Trust documents are shared wherever they are identical (every OrganizationAccountAccessRole
// trusts the same management root), as they would be after loading a snapshot.
function createTrusts() {
  const documents = new Map<string, object>();
  const of = (key: string, make: () => TStatement[]) => documents.get(key) ?? (documents.set(key, doc(make())), documents.get(key)!);
  return {
    of,
    service: (service: string) => of(`service:${service}`, () => [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }]),
    account: (accountId: string, condition?: object) =>
      of(`account:${accountId}:${JSON.stringify(condition ?? null)}`, () => [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }]),
    role: (roleArn: string) => of(`role:${roleArn}`, () => [{ Effect: "Allow", Principal: { AWS: roleArn }, Action: "sts:AssumeRole" }]),
  };
}

// What every account of a Control Tower style landing zone carries, plus the special
// accounts' own roles and users and the occasional vendor, "*", OIDC and SAML trust.
function addLandingZone(options: TContext & { plan: TAccountPlan }): void {
  const { plan, plans, random, policies: p, addRole, trusts } = options;
  if (!plan.account.collected) return;
  const [management, security, , shared, identity] = plans.map((candidate) => candidate.account.id);
  const linked = (service: string, name: string) =>
    addRole({ plan, name, path: `/aws-service-role/${service}.amazonaws.com/`, trust: trusts.service(`${service}.amazonaws.com`), policies: [p.serviceLinked(service)], serviceLinked: true, tags: {} });
  linked("support", "AWSServiceRoleForSupport");
  linked("trustedadvisor", "AWSServiceRoleForTrustedAdvisor");
  if (plan.kind === "management") {
    linked("organizations", "AWSServiceRoleForOrganizations");
    linked("sso", "AWSServiceRoleForSSO");
    addRole({ plan, name: "OrgAdmin", trust: trusts.account(management, { Bool: { "aws:MultiFactorAuthPresent": "true" } }), policies: [p.admin] });
    options.addUser({ plan, name: "breakglass", policies: [p.admin], groups: [], human: true });
    return;
  }
  addRole({ plan, name: "OrganizationAccountAccessRole", trust: trusts.account(management), policies: [p.admin] });
  addRole({ plan, name: "AWSCloudFormationStackSetExecutionRole", trust: trusts.account(management), policies: [p.admin] });
  addRole({ plan, name: "SecurityAuditRole", trust: trusts.role(`arn:aws:iam::${security}:role/SecurityAuditor`), policies: [p.securityAudit, p.viewOnly] });
  if (plan.kind === "security") {
    linked("guardduty", "AWSServiceRoleForAmazonGuardDuty");
    addRole({ plan, name: "SecurityAuditor", trust: trusts.account(security), policies: [p.securityAudit, customerAssume(options, "SecurityAuditRole")] });
    addRole({ plan, name: "IncidentResponder", trust: trusts.account(security, { Bool: { "aws:MultiFactorAuthPresent": "true" } }), policies: [p.powerUser] });
  } else if (plan.kind === "shared") {
    addRole({ plan, name: "ci-runner", trust: options.trusts.of("ci", () => [{ Effect: "Allow", Principal: { Service: ["codebuild.amazonaws.com", "ec2.amazonaws.com"] }, Action: "sts:AssumeRole" }]), policies: [options.customerRef(shared, p.assumeDeploy)], instanceProfile: true });
  } else if (plan.kind === "identity") {
    addJumpUsers(options);
  } else if (plan.kind === "network") {
    addRole({ plan, name: "NetworkAutomation", trust: trusts.role(`arn:aws:iam::${shared}:role/ci-runner`), policies: [p.networkAdmin] });
  } else {
    linked("ecs", "AWSServiceRoleForECS");
    if (random.chance(0.6)) linked("elasticloadbalancing", "AWSServiceRoleForElasticLoadBalancing");
    if (random.chance(0.4)) linked("rds", "AWSServiceRoleForRDS");
    addRole({ plan, name: "JumpAdmin", trust: trusts.account(identity), policies: [p.admin] });
    addRole({ plan, name: "JumpReadOnly", trust: trusts.account(identity), policies: [p.readOnly] });
    addRole({ plan, name: "Deploy", trust: trusts.role(`arn:aws:iam::${shared}:role/ci-runner`), policies: [p.powerUser, options.customerRef(plan.account.id, p.deployRole)] });
    addExternalTrusts(options);
  }
}

function customerAssume(options: TContext, roleName: string): TPolicyDocRef {
  const security = options.plans[1].account.id;
  return { id: `arn:aws:iam::${security}:policy/Assume${roleName}`, name: `Assume${roleName}`, kind: "customer-managed", document: doc([allow("sts:AssumeRole", `arn:aws:iam::*:role/${roleName}`)]) };
}

// People sign in to the jump account and switch into JumpAdmin / JumpReadOnly elsewhere.
function addJumpUsers(options: TContext & { plan: TAccountPlan }): void {
  const { plan, random, policies: p, model } = options;
  const group = (name: string, refs: TPolicyDocRef[]) => {
    const entry = { key: `${plan.account.id}/${options.uniqueId("AGPA")}`, accountId: plan.account.id, name, arn: `arn:aws:iam::${plan.account.id}:group/${name}`, policies: refs };
    model.groups.push(entry);
    return entry;
  };
  const selfManage = options.customerRef(plan.account.id, p.selfManage);
  const admins = group("JumpAdmins", [options.customerRef(plan.account.id, p.assumeJumpAdmin), selfManage]);
  const developers = group("JumpDevelopers", [options.customerRef(plan.account.id, p.assumeJumpReadOnly), selfManage]);
  const count = Math.max(20, Math.round(options.total * 0.003));
  for (let index = 0; index < count; index++) {
    options.addUser({ plan, name: `person${index + 1}`, policies: [], groups: [random.chance(0.1) ? admins : developers], human: true });
  }
}

function addExternalTrusts(options: TContext & { plan: TAccountPlan }): void {
  const { plan, random, policies: p, addRole, trusts } = options;
  const index = options.plans.indexOf(plan);
  if (random.chance(0.3)) {
    const [vendorAccount, vendor] = random.pick(Object.entries(GENERATED_VENDORS));
    addRole({ plan, name: `${vendor}Integration`, trust: trusts.account(vendorAccount, { StringEquals: { "sts:ExternalId": `ext-${plan.account.id}` } }), policies: [p.securityAudit] });
  }
  if (random.chance(0.02)) addRole({ plan, name: "PartnerAccess", trust: trusts.account("999988887777"), policies: [p.serviceRead.get("s3")!] });
  if (index % 97 === 10) {
    const conditions = [{ StringEquals: { "aws:PrincipalOrgID": ORG_ID } }, undefined, { StringEquals: { "sts:ExternalId": "shared-secret" } }];
    const condition = conditions[Math.floor(index / 97) % conditions.length];
    addRole({ plan, name: "SharedReader", trust: doc([{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }]), policies: [p.serviceRead.get("s3")!] });
  }
  if (random.chance(0.1)) {
    const subject = random.chance(0.7) ? { StringLike: { "token.actions.githubusercontent.com:sub": `repo:example/${plan.team}-*:ref:refs/heads/main` } } : {};
    addRole({ plan, name: "github-actions-deploy", policies: [options.customerRef(plan.account.id, p.customer[2])], trust: doc([{
      Effect: "Allow", Principal: { Federated: `arn:aws:iam::${plan.account.id}:oidc-provider/token.actions.githubusercontent.com` }, Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, ...subject },
    }]) });
  }
  if (random.chance(0.03)) {
    addRole({ plan, name: "ADFS-Admins", policies: [p.admin], trust: doc([{ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${plan.account.id}:saml-provider/CorporateADFS` }, Action: "sts:AssumeRoleWithSAML", Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } }]) });
  }
}

// ---------------------------------------------------------------- workloads

// The bulk: application roles trusting AWS services, roles stamped into many accounts,
// cross-account roles (some trusting a single role of another account, which makes
// chains), and IAM users in the accounts that still have them. Busy accounts get more.
function addBespokePrincipals(options: TContext & { count: number }): void {
  const { random, plans, policies: p, addRole, customerRef, trusts } = options;
  const eligible = plans.filter((plan) => plan.account.collected && plan.kind !== "management" && plan.kind !== "identity");
  const weights = eligible.map((plan) => (plan.kind === "sandbox" ? 0.3 : plan.kind === "shared" ? 3 : 1) * (0.3 + 3 * random.next() ** 3));
  const cumulative: number[] = [];
  weights.reduce((sum, weight) => (cumulative.push(sum + weight), sum + weight), 0);
  const pickAccount = () => {
    const target = random.next() * cumulative[cumulative.length - 1];
    let low = 0;
    for (let high = cumulative.length - 1; low < high; ) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return eligible[low];
  };
  const withUsers = new Set(eligible.filter(() => random.chance(0.25)));
  const accountGroups = new Map<TAccountPlan, Array<{ name: string; policies: TPolicyDocRef[] }>>();
  const groupsOf = (plan: TAccountPlan) => {
    let groups = accountGroups.get(plan);
    if (!groups) {
      groups = [["Admins", [p.admin]], ["Developers", [p.powerUser]], ["ReadOnly", [p.readOnly]], ["Operations", [p.serviceFull.get("ec2")!, p.serviceFull.get("logs")!]]].map(([name, refs]) => {
        const group = { key: `${plan.account.id}/${options.uniqueId("AGPA")}`, accountId: plan.account.id, name: name as string, arn: `arn:aws:iam::${plan.account.id}:group/${name}`, policies: refs as TPolicyDocRef[] };
        options.model.groups.push(group);
        return group;
      });
      accountGroups.set(plan, groups);
    }
    return groups;
  };
  const templates = Array.from({ length: 40 }, (_, index) => ({
    name: `platform-${["logging", "monitoring", "backup", "config", "patching", "dns", "secrets", "metrics"][index % 8]}-${index}`,
    trust: trusts.service(SERVICE_TRUSTS[index % SERVICE_TRUSTS.length]),
    managed: Array.from({ length: random.int(1, 3) }, () => random.popular(p.appManaged)),
    customer: random.chance(0.5) ? [random.popular(p.customer)] : [],
  }));
  const appRoles: TPrincipal[] = [];
  let inlineSerial = 0;
  for (let index = 0; index < options.count; index++) {
    const plan = pickAccount();
    const accountId = plan.account.id;
    const roll = random.next();
    if (roll < 0.14) {
      const template = random.popular(templates);
      addRole({ plan, name: template.name, trust: template.trust, policies: [...template.managed, ...template.customer.map((ref) => customerRef(accountId, ref))] });
      continue;
    }
    if (roll < 0.2) {
      const other = random.pick(eligible);
      const chained = appRoles.length > 0 && random.chance(0.4) ? random.pick(appRoles) : undefined;
      const trust = chained?.arn ? trusts.role(chained.arn) : trusts.account(other.account.id);
      addRole({ plan, name: `app-xacct-${plan.team}-${index}`, trust, policies: [random.chance(0.5) ? p.readOnly : customerRef(accountId, random.popular(p.customer))] });
      continue;
    }
    if (roll < 0.32 && withUsers.has(plan)) {
      const human = random.chance(0.6);
      const refs = human ? [] : [customerRef(accountId, random.popular(p.customer)), ...(random.chance(0.2) ? [customerRef(accountId, random.pick(p.escalation))] : [])];
      const groups = human ? [random.pick(groupsOf(plan).slice(random.chance(0.1) ? 0 : 1))] : [];
      options.addUser({ plan, name: human ? `${random.pick(["alex", "maria", "li", "sam", "priya", "jonas", "fatima", "diego", "yuki", "noah"])}.${plan.team}` : `svc-${plan.team}-${index}`, policies: refs, groups, human });
      continue;
    }
    const service = random.pick(SERVICE_TRUSTS);
    const refs = Array.from({ length: random.int(1, 3) }, () => customerRef(accountId, random.popular(p.customer)));
    if (random.chance(0.4)) refs.push(random.popular(p.appManaged));
    if (random.chance(0.03)) refs.push(customerRef(accountId, random.pick(p.escalation)));
    if (random.chance(0.12)) {
      const statements = Array.from({ length: random.int(1, 3) }, () => allow([`${random.pick(SERVICES)}:${random.pick(["Get*", "List*", "Put*", "*"])}`], random.chance(0.5) ? "*" : `arn:aws:s3:::${plan.team}-inline-${inlineSerial}/*`));
      refs.push({ id: `inline:arn:aws:iam::${accountId}:role/app-${plan.team}-${index}:inline-${inlineSerial++}`, name: "inline", kind: "inline", document: doc(statements) });
    }
    const boundary = (plan.kind === "nonprod" || plan.kind === "sandbox") && random.chance(0.15) ? customerRef(accountId, random.pick(p.boundaries)) : null;
    appRoles.push(addRole({ plan, name: `app-${plan.team}-${service.split(".")[0]}-${index}`, trust: trusts.service(service), policies: refs, boundary, instanceProfile: service.startsWith("ec2") }));
  }
}

// ---------------------------------------------------------------- usage and randomness

function lastAccessed(options: { random: TRandom; services: string[]; daysAgo: (days: number) => string }): TPrincipal["lastAccessed"] {
  const { random, services, daysAgo } = options;
  const used = services.filter(() => random.chance(0.6)).slice(0, 6);
  return {
    jobCompletionDate: daysAgo(random.int(0, 10)),
    usedServices: used.map((namespace) => {
      const tracked = TRACKED[namespace];
      const lastDay = random.int(0, 400);
      return {
        namespace, lastAuthenticated: daysAgo(lastDay), actionLevel: tracked !== undefined,
        actions: tracked ? tracked.filter(() => random.chance(0.5)).map((action) => ({ action, lastAccessed: daysAgo(lastDay + random.int(0, 100)) })) : [],
      };
    }),
    unusedServices: services.filter((service) => !used.includes(service)),
  };
}

function createRandom(seed: number): TRandom {
  let state = seed >>> 0;
  // mulberry32: tiny, fast and good enough to make data; never Math.random, so runs repeat.
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    // Zipf-like: low indices are chosen far more often, as popular policies are.
    popular: (items) => items[Math.floor(items.length * next() ** 2.5)],
  };
}
