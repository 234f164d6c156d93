import type { ConditionClause } from "../../policy";

// Keys that tie the caller to an identity we control: an organization, an account, an ARN.
// sts:ExternalId (a shared string), MFA and network keys are left out on purpose: any AWS
// customer can meet them.
const IDENTITY_KEYS = new Set([
  "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
  "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths",
]);

/**
 * True when the clause really narrows who gets in: an identity key, a positive operator
 * (no Not…), no …IfExists (a caller without the key would pass), and values whose
 * identifying part (account, organization) is not a wildcard.
 */
export function restrictsIdentity(clause: ConditionClause): boolean {
  const key = clause.key.toLowerCase();
  if (!IDENTITY_KEYS.has(key) || !isPositive(clause.operator)) return false;
  return clause.values.length > 0 && clause.values.every((value) => identifyingPart({ key, value }));
}

export function isPositive(operator: string): boolean {
  const lower = operator.toLowerCase();
  return !lower.includes("not") && !lower.endsWith("ifexists") && lower !== "null";
}

function identifyingPart(options: { key: string; value: string }): boolean {
  const { key, value } = options;
  if (key === "aws:principalarn" || key === "aws:sourcearn") {
    const account = value.split(":")[4];
    // S3 bucket ARNs have no account field; the bucket name identifies the source then.
    if (account === "") return !(value.split(":")[5] ?? "*").startsWith("*");
    return account !== undefined && /^\d{12}$/.test(account);
  }
  if (key === "aws:principalorgpaths" || key === "aws:sourceorgpaths") return !/[*?]/.test(value.split("/")[0]);
  return !/[*?]/.test(value);
}

/**
 * OIDC subject claims that still let in every identity of the issuer: "*", or GitHub's
 * "repo:*" (any repository of any owner). "repo:my-org/*" is narrowed to one owner.
 */
export function isOpenSubject(value: string): boolean {
  return value.startsWith("*") || /^repo:\*/i.test(value);
}
