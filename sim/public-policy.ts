// S3's "is this bucket policy public" (GetBucketPolicyStatus), per "The meaning of public":
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
// An Allow to "*" is not public when a condition pins it with fixed values on one of these keys.
import { statements } from "./policy";

const RESTRICTING_KEYS = new Set([
  "aws:sourceip", "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner", "aws:sourceaccount",
  "aws:principalorgid", "aws:principalaccount", "aws:principalarn", "aws:userid", "aws:sourceorgid", "aws:sourceorgpaths", "aws:principalorgpaths",
]);
const FIXED_OPERATORS = /^(StringEquals|StringEqualsIgnoreCase|ArnEquals|IpAddress|ArnLike|StringLike)(IfExists)?$/;

function isStar(principal: unknown): boolean {
  if (principal === "*") return true;
  const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
  return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

function restricted(condition: unknown): boolean {
  if (!condition || typeof condition !== "object") return false;
  for (const [op, block] of Object.entries(condition as Record<string, Record<string, unknown>>)) {
    const operator = op.replace(/^ForAnyValue:|^ForAllValues:/, "");
    if (!FIXED_OPERATORS.test(operator) || operator.endsWith("IfExists")) continue;
    for (const [key, values] of Object.entries(block ?? {})) {
      if (!RESTRICTING_KEYS.has(key.toLowerCase())) continue;
      const list = [values].flat().map(String);
      const wildcard = list.some((v) => v === "*" || (operator.startsWith("StringLike") || operator.startsWith("ArnLike") ? /^\*|:\*$/.test(v) : false));
      const openRange = key.toLowerCase() === "aws:sourceip" && list.some((v) => v.endsWith("/0"));
      if (!wildcard && !openRange) return true;
    }
  }
  return false;
}

export function isPublicPolicy(policy: string): boolean {
  return statements(policy).some((st) => st.Effect === "Allow" && isStar(st.Principal) && !restricted(st.Condition));
}
