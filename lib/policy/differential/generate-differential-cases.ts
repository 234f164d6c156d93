// Seeded generator of policies and requests for the differential test against an
// independent evaluator. Deterministic for a seed; every request is fully described (each
// condition key the generator uses is either given or known absent), so a decision never
// hinges on what one evaluator assumes about a missing key.

export const ACCOUNT = "111111111111";
export const CALLER_ARN = `arn:aws:iam::${ACCOUNT}:user/alice`;
export const TARGET_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/Target`;

export type TStatement = Record<string, unknown>;
export type TContextValue = string | string[] | null;

export type TDifferentialCase = {
  id: number;
  kind: "request" | "assume";
  identityStatements: TStatement[];
  boundaryStatements?: TStatement[];
  scpStatements?: TStatement[];
  // assume cases: the role's trust policy (a same-account resource-based policy).
  trustStatements?: TStatement[];
  action: string;
  resource: string;
  // Keys the generator draws, each present or null (absent from the request).
  context: Record<string, TContextValue>;
  principalTags: Record<string, string>;
};

type TRandom = { next: () => number; pick: <T>(items: readonly T[]) => T; chance: (p: number) => boolean };

// mulberry32: small, fast and good enough to spread cases over the space.
function createRandom(seed: number): TRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (items) => items[Math.floor(next() * items.length)], chance: (p) => next() < p };
}

// Requests: a real action and a resource of its type ("*" for actions without one). No KMS:
// a key is reachable only through its key policy, which is resource-based evaluation, not
// this identity-side comparison.
const REQUESTS: readonly (readonly [string, readonly string[]])[] = [
  ["s3:GetObject", ["arn:aws:s3:::bucket-a/report.csv", "arn:aws:s3:::bucket-b/k", "arn:aws:s3:::home/alice/notes.txt", "arn:aws:s3:::home/bob/notes.txt"]],
  ["s3:PutObject", ["arn:aws:s3:::bucket-a/upload.bin", "arn:aws:s3:::home/alice/x"]],
  ["s3:ListBucket", ["arn:aws:s3:::bucket-a", "arn:aws:s3:::bucket-b"]],
  ["s3:ListAllMyBuckets", ["*"]],
  ["ec2:DescribeInstances", ["*"]],
  ["ec2:StartInstances", [`arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`, `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0def`]],
  ["iam:GetUser", [`arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${ACCOUNT}:user/bob`]],
  ["iam:CreateAccessKey", [`arn:aws:iam::${ACCOUNT}:user/alice`]],
  ["sqs:SendMessage", [`arn:aws:sqs:us-east-1:${ACCOUNT}:queue-1`, `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders`]],
  ["dynamodb:GetItem", [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders`]],
  ["organizations:LeaveOrganization", ["*"]],
];

const ACTION_PATTERNS = [
  "*", "s3:*", "s3:Get*", "s3:*Object", "s3:List*", "s3:List?ucket", "s3:GetObject", "s3:PutObject", "s3:ListAllMyBuckets",
  "ec2:*", "ec2:Describe*", "ec2:StartInstances", "iam:*", "iam:Get*", "iam:*AccessKey*", "sqs:*", "sqs:Send*",
  "dynamodb:Get*", "organizations:*", "S3:getobject",
] as const;

const RESOURCE_PATTERNS = [
  "*", "arn:aws:s3:::bucket-a/*", "arn:aws:s3:::bucket-?/*", "arn:aws:s3:::bucket-a", "arn:aws:s3:::*", "arn:aws:s3:::*/*",
  "arn:aws:s3:*", "arn:*", "arn:aws:*", "arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::bucket-a/${*}",
  `arn:aws:ec2:*:${ACCOUNT}:instance/*`, "arn:aws:ec2:us-east-1:*:*", "arn:aws:ec2:*:*:*",
  `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`, `arn:aws:iam::${ACCOUNT}:user/*`, `arn:aws:iam::*:user/bob`,
  `arn:aws:sqs:*:${ACCOUNT}:queue-*`, "arn:aws:sqs:*", `arn:aws:dynamodb:*:*:table/Orders`,
] as const;

// [operator, key, values]; keys are drawn into every request's context below.
const CONDITIONS: readonly (readonly [string, string, string | string[]])[] = [
  ["IpAddress", "aws:SourceIp", ["203.0.113.0/24", "2001:db8::/32"]],
  ["NotIpAddress", "aws:SourceIp", "203.0.113.0/24"],
  ["IpAddress", "aws:SourceIp", "198.51.100.7"],
  ["Bool", "aws:MultiFactorAuthPresent", "true"],
  ["BoolIfExists", "aws:MultiFactorAuthPresent", "false"],
  ["StringEquals", "aws:RequestedRegion", ["us-east-1", "eu-west-1"]],
  ["StringNotEquals", "aws:RequestedRegion", "eu-west-1"],
  ["StringEquals", "aws:PrincipalTag/team", "eng"],
  ["StringLike", "aws:PrincipalTag/team", "e*"],
  ["StringNotEqualsIfExists", "aws:PrincipalTag/team", "ops"],
  ["Null", "aws:PrincipalTag/team", "true"],
  ["StringEquals", "aws:username", "${aws:username}"],
  ["StringLike", "aws:PrincipalArn", `arn:aws:iam::${ACCOUNT}:user/a*`],
  ["ArnLike", "aws:PrincipalArn", "arn:aws:iam::*"],
  ["ArnNotLike", "aws:PrincipalArn", `arn:aws:iam::${ACCOUNT}:role/*`],
  ["Bool", "aws:SecureTransport", "true"],
  ["DateGreaterThan", "aws:CurrentTime", "2020-01-01T00:00:00Z"],
  ["DateLessThan", "aws:CurrentTime", "2020-01-01T00:00:00Z"],
  ["NumericLessThan", "aws:MultiFactorAuthAge", "3600"],
  ["ForAnyValue:StringEquals", "aws:TagKeys", ["env", "team"]],
  ["ForAllValues:StringLike", "aws:TagKeys", ["env", "cost*"]],
];

const SOURCE_IPS = ["203.0.113.9", "198.51.100.7", "2001:db8::5", "2600:1f18::1", null] as const;

export function generateDifferentialCases(options: { seed: number; count: number }): TDifferentialCase[] {
  const random = createRandom(options.seed);
  const cases: TDifferentialCase[] = [];
  for (let id = 0; id < options.count; id++) {
    cases.push(random.chance(0.12) ? assumeCase({ random, id }) : requestCase({ random, id }));
  }
  return cases;
}

function requestCase(options: { random: TRandom; id: number }): TDifferentialCase {
  const { random, id } = options;
  const [action, resources] = random.pick(REQUESTS);
  const statementCount = 1 + Math.floor(random.next() * 3);
  const identityStatements = Array.from({ length: statementCount }, () => statement({ random, denyChance: 0.25 }));
  return {
    id,
    kind: "request",
    identityStatements,
    boundaryStatements: random.chance(0.15) ? [statement({ random, denyChance: 0 })] : undefined,
    scpStatements: random.chance(0.2) ? [statement({ random, denyChance: 1 })] : undefined,
    action,
    resource: random.pick(resources),
    ...requestContext(random),
  };
}

// Role assumption within the account: the trust policy names the user, the account, or
// another principal; the user may have a boundary without sts:AssumeRole.
function assumeCase(options: { random: TRandom; id: number }): TDifferentialCase {
  const { random, id } = options;
  const principal = random.pick([CALLER_ARN, `arn:aws:iam::${ACCOUNT}:root`, ACCOUNT, `arn:aws:iam::${ACCOUNT}:user/bob`]);
  const trust: TStatement = { Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" };
  if (random.chance(0.2)) trust.Condition = condition(random);
  const identityStatements = random.chance(0.5)
    ? [{ Effect: "Allow", Action: random.pick(["sts:AssumeRole", "sts:*", "*"]), Resource: random.pick([TARGET_ROLE_ARN, "*", `arn:aws:iam::${ACCOUNT}:role/Other`]) }]
    : [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }];
  if (random.chance(0.15)) identityStatements.push({ Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" });
  return {
    id,
    kind: "assume",
    identityStatements,
    boundaryStatements: random.chance(0.6) ? [{ Effect: "Allow", Action: random.pick(["s3:*", "sts:AssumeRole", "*"]), Resource: "*" }] : undefined,
    trustStatements: [trust],
    action: "sts:AssumeRole",
    resource: TARGET_ROLE_ARN,
    ...requestContext(random),
  };
}

function statement(options: { random: TRandom; denyChance: number }): TStatement {
  const { random } = options;
  const result: TStatement = { Effect: random.chance(options.denyChance) ? "Deny" : "Allow" };
  const actions = random.chance(0.3) ? [random.pick(ACTION_PATTERNS), random.pick(ACTION_PATTERNS)] : random.pick(ACTION_PATTERNS);
  if (random.chance(0.1)) result.NotAction = actions;
  else result.Action = actions;
  const resources = random.chance(0.25) ? [random.pick(RESOURCE_PATTERNS), random.pick(RESOURCE_PATTERNS)] : random.pick(RESOURCE_PATTERNS);
  if (random.chance(0.1) && resources !== "*") result.NotResource = resources;
  else result.Resource = resources;
  if (random.chance(0.35)) result.Condition = condition(random);
  return result;
}

function condition(random: TRandom): Record<string, Record<string, string | string[]>> {
  const [operator, key, values] = random.pick(CONDITIONS);
  return { [operator]: { [key]: values } };
}

function requestContext(random: TRandom): Pick<TDifferentialCase, "context" | "principalTags"> {
  const team = random.pick(["eng", "ops", null]);
  const mfa = random.pick(["true", "false", null]);
  return {
    principalTags: team ? { team } : {},
    context: {
      "aws:SourceIp": random.pick(SOURCE_IPS),
      "aws:MultiFactorAuthPresent": mfa,
      "aws:MultiFactorAuthAge": mfa === "true" ? random.pick(["60", "7200"]) : null,
      "aws:RequestedRegion": random.pick(["us-east-1", "eu-west-1", "ap-south-1"]),
      "aws:SecureTransport": random.pick(["true", "false"]),
      "aws:CurrentTime": "2026-12-02T12:00:00Z",
      "aws:TagKeys": random.pick([["env"], ["env", "team"], ["owner"], null]),
    },
  };
}
