import { accountOfArn } from "./match-principal";
import type { ConditionClause } from "./policy-types";

// How far a resource grant reaches, widest first.
export type ResourceReach = "public" | "outside-organization" | "organization" | "account";

const ORDER: ResourceReach[] = ["public", "outside-organization", "organization", "account"];

export function narrower(a: ResourceReach, b: ResourceReach): ResourceReach {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

export function wider(a: ResourceReach, b: ResourceReach): ResourceReach {
  return ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b;
}

export type TReachScope = { ownerAccountId: string; orgId: string | null; orgAccountIds: ReadonlySet<string> };

// The keys IAM Access Analyzer and S3's "meaning of public" accept as pinning a "*" principal
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html,
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status).
const ORG_KEYS = new Set(["aws:principalorgid", "aws:sourceorgid"]);
const ORG_PATH_KEYS = new Set(["aws:principalorgpaths", "aws:sourceorgpaths"]);
const ACCOUNT_KEYS = new Set(["aws:principalaccount", "aws:sourceaccount", "aws:sourceowner", "kms:calleraccount", "s3:dataaccesspointaccount", "aws:resourceaccount"]);
const ARN_KEYS = new Set(["aws:principalarn", "aws:sourcearn", "s3:dataaccesspointarn"]);
const VPC_KEYS = new Set(["aws:sourcevpc", "aws:sourcevpce"]);
const IP_KEYS = new Set(["aws:sourceip"]);

/**
 * True when the clause pins the caller to fixed values: a restricting key, a positive
 * operator (no Not…, no …IfExists, which a caller without the key passes), and values
 * without wildcards in their identifying part. aws:SourceIp must be narrower than /8.
 */
export function isRestrictingClause(clause: ConditionClause): boolean {
  const key = clause.key.toLowerCase();
  const operator = clause.operator.toLowerCase();
  if (operator.includes("not") || operator.endsWith("ifexists") || operator === "null" || operator.startsWith("forallvalues:")) return false;
  if (clause.values.length === 0) return false;
  if (IP_KEYS.has(key)) return clause.values.every((value) => narrowCidr(value));
  if (ARN_KEYS.has(key)) return clause.values.every((value) => fixedArn(value));
  if (ORG_PATH_KEYS.has(key)) return clause.values.every((value) => !/[*?]/.test(value.split("/")[0]));
  if (ORG_KEYS.has(key) || ACCOUNT_KEYS.has(key) || VPC_KEYS.has(key)) return clause.values.every((value) => !/[*?]/.test(value));
  return false;
}

/** How far a restricting clause lets a "*" grant reach. */
export function reachOfRestriction(options: { clause: ConditionClause; scope: TReachScope }): ResourceReach {
  const { clause, scope } = options;
  const key = clause.key.toLowerCase();
  const accounts = (ids: (string | undefined)[]): ResourceReach => {
    let reach: ResourceReach = "account";
    for (const id of ids) {
      // An ARN without an account field (an S3 bucket) names its source, not where it lives.
      const each: ResourceReach = id === undefined ? "organization" : id === scope.ownerAccountId ? "account" : scope.orgAccountIds.has(id) ? "organization" : "outside-organization";
      reach = wider(reach, each);
    }
    return reach;
  };
  if (ORG_KEYS.has(key)) return clause.values.every((value) => scope.orgId !== null && value === scope.orgId) ? "organization" : "outside-organization";
  if (ORG_PATH_KEYS.has(key)) return clause.values.every((value) => scope.orgId !== null && value.startsWith(`${scope.orgId}/`)) ? "organization" : "outside-organization";
  if (ACCOUNT_KEYS.has(key)) return accounts(clause.values);
  if (ARN_KEYS.has(key)) return accounts(clause.values.map((value) => accountOfArn(value)));
  // Endpoints and VPCs belong to the organization's networks; an IP range pins the network,
  // not the identity: any AWS customer calling from there gets in.
  if (VPC_KEYS.has(key)) return "organization";
  return "outside-organization";
}

function fixedArn(value: string): boolean {
  const parts = value.split(":");
  if (parts.length < 6) return false;
  const account = parts[4];
  if (account === "") return !parts.slice(5).join(":").startsWith("*");
  return /^\d{12}$/.test(account);
}

function narrowCidr(value: string): boolean {
  const [address, prefix] = value.split("/");
  const bits = prefix === undefined ? (address.includes(":") ? 128 : 32) : Number(prefix);
  return address.includes(":") ? bits >= 32 : bits >= 8;
}
