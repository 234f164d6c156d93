import { LITERAL_QUESTION, LITERAL_STAR } from "./compile-wildcard";
import { lookupContextKey, type ConditionContext } from "./condition-context";

// IAM policy elements: variables and tags,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
// - ${*}, ${?} and ${$} stand for the literal characters, never for wildcards
//   (#policy-vars-specialchars); a substituted value is literal too.
// - A variable whose key is absent from the request "is effectively null. There is no equal
//   or like value" (#policy-vars-no-value): the entry holding it matches nothing.
// - In the Resource element variables work only in the resource part of the ARN
//   (#policy-vars-wheretouse); elsewhere "${...}" is plain text.
//
// Returns the text with variables substituted, undefined when a variable's value is not
// known (the caller keeps the entry pending instead of guessing), or null when a variable's
// key is known to be absent (the entry matches nothing). With `wildcards`, literal "*"/"?"
// come back as the LITERAL_* placeholders so wildcard matching keeps them literal.
export function resolvePolicyVariables(options: { text: string; context: ConditionContext; wildcards?: boolean }): string | null | undefined {
  const { text, context } = options;
  if (!text.includes("${")) return text;
  const star = options.wildcards ? LITERAL_STAR : "*";
  const question = options.wildcards ? LITERAL_QUESTION : "?";
  let unknown = false;
  let absent = false;
  const resolved = text.replace(/\$\{([^}]*)\}/g, (_match, body: string) => {
    if (body === "*") return star;
    if (body === "?") return question;
    if (body === "$") return "$";
    const [key, fallback] = splitDefault(body);
    const value = lookupContextKey({ context, key });
    if (value && value.length === 1) return options.wildcards ? value[0].replaceAll("*", star).replaceAll("?", question) : value[0];
    if ((value === null || value?.length === 0) && fallback !== undefined) return fallback;
    if (value === null || value?.length === 0) absent = true;
    else unknown = true;
    return "";
  });
  // One absent variable leaves nothing to match, whatever the unknown ones would be.
  if (absent) return null;
  return unknown ? undefined : resolved;
}

// Variables only count in the resource part of an ARN (after the fifth colon); a "${" in
// the partition, service, region or account is literal text.
export function resolveResourcePattern(options: { pattern: string; context: ConditionContext }): string | null | undefined {
  const { pattern, context } = options;
  if (!pattern.includes("${")) return pattern;
  if (!pattern.startsWith("arn:")) return resolvePolicyVariables({ text: pattern, context, wildcards: true });
  let colon = -1;
  for (let i = 0; i < 5; i++) {
    colon = pattern.indexOf(":", colon + 1);
    if (colon < 0) return pattern;
  }
  const resourcePart = resolvePolicyVariables({ text: pattern.slice(colon + 1), context, wildcards: true });
  return typeof resourcePart === "string" ? pattern.slice(0, colon + 1) + resourcePart : resourcePart;
}

// ${aws:PrincipalTag/team, 'none'}: the value after the comma is used when the key is absent.
function splitDefault(body: string): [string, string | undefined] {
  const comma = body.indexOf(",");
  if (comma < 0) return [body.trim(), undefined];
  const fallback = body.slice(comma + 1).trim().replace(/^'(.*)'$/, "$1");
  return [body.slice(0, comma).trim(), fallback];
}
