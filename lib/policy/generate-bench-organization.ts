import type { ActionCatalogue } from "./action-catalogue";
import type { PrincipalFacts } from "./condition-context";
import type { PrincipalPolicies } from "./effective-access-types";
import { parsePolicy } from "./parse-policy";
import type { Policy, PolicyKind } from "./policy-types";

// A synthetic organisation for bench-engine.ts, shaped like real ones: a few hundred
// managed policies reused everywhere (AWS-managed job functions, per-service full/read
// access, customer policies with scoped resources, conditions and denies), groups, some
// unique inline policies and boundaries, and SCP/RCP stacks per OU path.

export type BenchPrincipal = PrincipalPolicies & { principal: PrincipalFacts };

const ORG_ID = "o-bench00001";

export function generateBenchOrganization(options: { catalogue: ActionCatalogue; principals: number; seed?: number }): {
  principals: BenchPrincipal[];
  managedPolicyCount: number;
} {
  const random = mulberry32(options.seed ?? 42);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  // Zipf-like: low indices (the popular policies) are chosen far more often.
  const pickPopular = <T>(items: T[]): T => items[Math.floor(items.length * random() ** 2.5)];
  const services = options.catalogue.services.filter((service) => service.end > service.start).map((service) => service.key);
  const randomAction = (service: string) => {
    const entry = options.catalogue.services[options.catalogue.serviceIndexByKey.get(service)!];
    return options.catalogue.actionNames[entry.start + Math.floor(random() * (entry.end - entry.start))];
  };
  let serial = 0;
  const policy = (kind: PolicyKind, statements: object[]): Policy =>
    parsePolicy({ id: `bench-${kind}-${serial++}`, kind, document: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });

  const customerStatement = (): object => {
    const service = pick(services);
    const roll = random();
    const actions = roll < 0.3 ? [`${service}:Get*`, `${service}:List*`] : roll < 0.6 ? [randomAction(service), randomAction(service), randomAction(service)] : [`${service}:*`];
    const scoped = random() < 0.4;
    const statement: Record<string, unknown> = {
      Effect: random() < 0.1 ? "Deny" : "Allow",
      Action: actions,
      Resource: scoped ? [`arn:aws:${service}:*:*:app-${Math.floor(random() * 50)}/*`] : "*",
    };
    if (random() < 0.15) statement.Condition = { StringEquals: { "aws:RequestedRegion": ["eu-central-1", "eu-west-1"] } };
    return statement;
  };

  const jobFunctions = [
    policy("identity", [{ Effect: "Allow", Action: "*", Resource: "*" }]),
    policy("identity", [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" }, { Effect: "Allow", Action: ["iam:CreateServiceLinkedRole", "iam:ListRoles"], Resource: "*" }]),
    policy("identity", [{ Effect: "Allow", Action: services.slice(0, 200).flatMap((service) => [`${service}:Get*`, `${service}:List*`, `${service}:Describe*`]), Resource: "*" }]),
    policy("identity", [{ Effect: "Allow", Action: ["*:List*", "*:Describe*"], Resource: "*" }]),
    policy("identity", [{ Effect: "Allow", Action: ["iam:Get*", "iam:List*", "iam:GenerateCredentialReport", "organizations:Describe*", "organizations:List*"], Resource: "*" }]),
  ];
  const serviceFull = Array.from({ length: 90 }, () => policy("identity", [{ Effect: "Allow", Action: `${pick(services)}:*`, Resource: "*" }]));
  const serviceRead = Array.from({ length: 90 }, () => {
    const service = pick(services);
    return policy("identity", [{ Effect: "Allow", Action: [`${service}:Get*`, `${service}:List*`, `${service}:Describe*`], Resource: "*" }]);
  });
  const customer = Array.from({ length: 120 }, () => policy("identity", Array.from({ length: 2 + Math.floor(random() * 6) }, customerStatement)));
  const escalation = [
    policy("identity", [{ Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" }]),
    policy("identity", [{ Effect: "Allow", Action: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "*" }]),
    policy("identity", [{ Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "arn:aws:iam::*:role/app-*" }]),
  ];
  const managed = [...customer, ...serviceRead, ...serviceFull, ...escalation, ...jobFunctions];
  const groups = Array.from({ length: 50 }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pickPopular(managed)));
  const boundaries = Array.from({ length: 5 }, () => policy("identity", [
    { Effect: "Allow", Action: Array.from({ length: 20 }, () => `${pick(services)}:*`), Resource: "*" },
    { Effect: "Deny", Action: ["iam:DeleteRolePermissionsBoundary", "iam:CreateUser"], Resource: "*" },
  ]));

  const fullAccess = policy("scp", [{ Effect: "Allow", Action: "*", Resource: "*" }]);
  const denyLeave = policy("scp", [{ Effect: "Deny", Action: ["organizations:LeaveOrganization", "account:CloseAccount"], Resource: "*" }]);
  const regionLock = policy("scp", [{ Effect: "Deny", NotAction: ["iam:*", "sts:*", "organizations:*", "support:*", "cloudfront:*", "route53:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-central-1", "eu-west-1"] } } }]);
  const protectIam = policy("scp", [{ Effect: "Deny", Action: ["iam:CreateUser", "iam:CreateAccessKey", "iam:DeleteRolePermissionsBoundary"], Resource: "*", Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/OrgAdmin" } } }]);
  const sandboxAllowList = policy("scp", [{ Effect: "Allow", Action: ["s3:*", "ec2:*", "lambda:*", "dynamodb:*", "cloudwatch:*", "logs:*", "iam:*", "sts:*"], Resource: "*" }]);
  const rcpFull = policy("rcp", [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }]);
  const rcpPerimeter = policy("rcp", [{ Effect: "Deny", Principal: "*", Action: ["s3:*", "sts:*", "kms:*", "sqs:*", "secretsmanager:*"], Resource: "*", Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG_ID }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } } }]);
  const ouPaths: Policy[][][] = [
    [[fullAccess, denyLeave], [fullAccess]],
    [[fullAccess, denyLeave], [fullAccess, regionLock], [fullAccess]],
    [[fullAccess, denyLeave], [fullAccess, regionLock, protectIam], [fullAccess]],
    [[fullAccess, denyLeave], [sandboxAllowList], [fullAccess]],
    [[fullAccess, denyLeave], [fullAccess, protectIam], [fullAccess, regionLock], [fullAccess]],
  ];
  const accounts = Array.from({ length: 200 }, (_, index) => ({
    accountId: String(100000000000 + index),
    scps: index === 0 ? [] : pick(ouPaths),
    rcps: random() < 0.5 ? [[rcpFull, rcpPerimeter]] : [[rcpFull]],
    isManagementAccount: index === 0,
  }));

  // Most roles are stamped into every account (StackSets, Control Tower, landing zones) with
  // the same managed policies; Identity Center permission sets carry an inline policy that
  // is a separate copy in each account; the rest are bespoke.
  const templates = Array.from({ length: 40 }, () => ({
    identityPolicies: Array.from({ length: 1 + Math.floor(random() * 4) }, () => pickPopular(managed)),
    permissionBoundary: random() < 0.2 ? pick(boundaries) : undefined,
    roleName: random() < 0.05 ? "OrgAdmin" : `platform-${serial++}`,
  }));
  const permissionSets = Array.from({ length: 15 }, () => ({
    managed: Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(jobFunctions.concat(serviceRead))),
    inline: Array.from({ length: 1 + Math.floor(random() * 3) }, customerStatement),
    roleName: `AWSReservedSSO_ps${serial++}_0123456789abcdef`,
  }));
  const inlineCopies = new Map<string, Policy>();

  const principals: BenchPrincipal[] = [];
  for (let index = 0; index < options.principals; index++) {
    const account = pickPopular(accounts);
    const base = { scps: account.scps, rcps: account.rcps, isManagementAccount: account.isManagementAccount };
    const facts = (name: string, kind: "user" | "role") => ({
      arn: `arn:aws:iam::${account.accountId}:${kind}/${name}`, accountId: account.accountId, orgId: ORG_ID, kind,
    });
    const roll = random();
    if (roll < 0.5) {
      const template = pickPopular(templates);
      principals.push({ ...base, identityPolicies: template.identityPolicies, permissionBoundary: template.permissionBoundary, principal: facts(template.roleName, "role") });
      continue;
    }
    if (roll < 0.7) {
      const permissionSet = pickPopular(permissionSets);
      const copyKey = `${account.accountId}/${permissionSet.roleName}`;
      let inline = inlineCopies.get(copyKey);
      if (!inline) {
        inline = policy("identity", permissionSet.inline);
        inlineCopies.set(copyKey, inline);
      }
      principals.push({ ...base, identityPolicies: [...permissionSet.managed, inline], principal: facts(permissionSet.roleName, "role") });
      continue;
    }
    const identityPolicies = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pickPopular(managed));
    if (random() < 0.25) identityPolicies.push(policy("identity", Array.from({ length: 1 + Math.floor(random() * 3) }, customerStatement)));
    const isUser = random() < 0.4;
    principals.push({
      ...base,
      identityPolicies,
      groupPolicies: isUser ? Array.from({ length: Math.floor(random() * 3) }, () => pickPopular(groups)).flat() : undefined,
      permissionBoundary: random() < 0.1 ? pick(boundaries) : undefined,
      principal: facts(isUser ? `u${index}` : `app-${index}`, isUser ? "user" : "role"),
    });
  }
  return { principals, managedPolicyCount: managed.length };
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
