import { matchWildcard } from "./compile-wildcard";
import { lookupContextKey, type ConditionContext } from "./condition-context";
import { matchIpAddress } from "./match-ip-address";
import { matchResource } from "./match-resource";
import type { ConditionClause } from "./policy-types";
import { resolvePolicyVariables } from "./resolve-policy-variables";

// Three-valued: a condition is only "true" or "false" when the context knows the key.
// Anything else stays "unknown" and the grant it guards is reported as conditional; an
// unknown condition is never treated as satisfied.
export type ConditionOutcome = "true" | "false" | "unknown";

export type ConditionsResult = { outcome: ConditionOutcome; unresolved: ConditionClause[] };

// `variables`: whether ${...} in condition values is substituted. AWS does so only in
// policies with "Version": "2012-10-17"; without it (or with 2008-10-17) the text is literal
// (IAM JSON policy elements: Version, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).
export function evaluateConditions(options: { clauses: ConditionClause[]; context: ConditionContext; variables?: boolean }): ConditionsResult {
  const unresolved: ConditionClause[] = [];
  for (const clause of options.clauses) {
    const outcome = evaluateClause({ clause, context: options.context, variables: options.variables });
    if (outcome === "false") return { outcome: "false", unresolved: [] };
    if (outcome === "unknown") unresolved.push(clause);
  }
  return { outcome: unresolved.length ? "unknown" : "true", unresolved };
}

type ParsedOperator = { setOperator?: "ForAnyValue" | "ForAllValues"; base: string; ifExists: boolean };

function parseOperator(operator: string): ParsedOperator {
  let rest = operator;
  let setOperator: ParsedOperator["setOperator"];
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    setOperator = prefix === "forallvalues" ? "ForAllValues" : prefix === "foranyvalue" ? "ForAnyValue" : undefined;
    rest = rest.slice(colon + 1);
  }
  const ifExists = rest.endsWith("IfExists");
  return { setOperator, base: ifExists ? rest.slice(0, -"IfExists".length) : rest, ifExists };
}

export function evaluateClause(options: { clause: ConditionClause; context: ConditionContext; variables?: boolean }): ConditionOutcome {
  const { clause, context } = options;
  const operator = parseOperator(clause.operator);
  const requestValues = lookupContextKey({ context, key: clause.key });
  if (requestValues === undefined) return "unknown";
  if (operator.base === "Null") {
    const wantsAbsent = clause.values.some((value) => value.toLowerCase() === "true");
    return toOutcome((requestValues === null) === wantsAbsent);
  }
  const matcher = MATCHERS[operator.base];
  if (!matcher) return "unknown";
  if (requestValues === null || requestValues.length === 0) {
    if (operator.ifExists || operator.setOperator === "ForAllValues") return "true";
    if (operator.setOperator === "ForAnyValue") return "false";
    return toOutcome(matcher.negated);
  }
  const policyValues: string[] = [];
  for (const value of clause.values) {
    const resolved = options.variables === false ? value : resolvePolicyVariables({ text: value, context, wildcards: matcher.wildcards });
    if (resolved === undefined) return "unknown";
    // A variable whose key is absent has no equal or like value: the entry matches nothing.
    if (resolved !== null) policyValues.push(resolved);
  }
  const matchesSome = (requestValue: string) => policyValues.some((policyValue) => matcher.match(requestValue, policyValue));
  // Negated operators ("StringNotEquals") hold for a request value that matches none of the
  // policy values; set operators then quantify over the request's values.
  const holds = (requestValue: string) => (matcher.negated ? !matchesSome(requestValue) : matchesSome(requestValue));
  if (operator.setOperator === "ForAllValues") return toOutcome(requestValues.every(holds));
  if (operator.setOperator === "ForAnyValue") return toOutcome(requestValues.some(holds));
  return toOutcome(matcher.negated ? requestValues.every(holds) : requestValues.some(holds));
}

function toOutcome(value: boolean): ConditionOutcome {
  return value ? "true" : "false";
}

// `wildcards`: the operator reads "*" and "?" in policy values as wildcards, so a literal
// one (from ${*}, ${?} or a substituted value) must be kept apart.
type Matcher = { negated: boolean; wildcards: boolean; match: (requestValue: string, policyValue: string) => boolean };

const stringEquals = (a: string, b: string) => a === b;
const stringEqualsIgnoreCase = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const stringLike = (a: string, b: string) => matchWildcard({ pattern: b, value: a, ignoreCase: false });
const arnLike = (a: string, b: string) => matchResource({ pattern: b, resource: a });
const compareNumbers = (test: (a: number, b: number) => boolean) => (a: string, b: string) =>
  !Number.isNaN(Number(a)) && !Number.isNaN(Number(b)) && test(Number(a), Number(b));
const compareDates = (test: (a: number, b: number) => boolean) => (a: string, b: string) =>
  !Number.isNaN(toEpoch(a)) && !Number.isNaN(toEpoch(b)) && test(toEpoch(a), toEpoch(b));
// BinaryEquals compares the base64 text of the key's bytes with the policy's base64 value
// ("Binary condition operators" on the condition operators page).
const binaryEquals = (a: string, b: string) => a.trim() === b.trim();

function toEpoch(value: string): number {
  return /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
}

const plain = (negated: boolean, match: Matcher["match"]): Matcher => ({ negated, wildcards: false, match });
const withWildcards = (negated: boolean, match: Matcher["match"]): Matcher => ({ negated, wildcards: true, match });

const MATCHERS: Record<string, Matcher> = {
  StringEquals: plain(false, stringEquals),
  StringNotEquals: plain(true, stringEquals),
  StringEqualsIgnoreCase: plain(false, stringEqualsIgnoreCase),
  StringNotEqualsIgnoreCase: plain(true, stringEqualsIgnoreCase),
  StringLike: withWildcards(false, stringLike),
  StringNotLike: withWildcards(true, stringLike),
  ArnEquals: withWildcards(false, arnLike),
  ArnLike: withWildcards(false, arnLike),
  ArnNotEquals: withWildcards(true, arnLike),
  ArnNotLike: withWildcards(true, arnLike),
  Bool: plain(false, stringEqualsIgnoreCase),
  BinaryEquals: plain(false, binaryEquals),
  IpAddress: plain(false, matchIpAddress),
  NotIpAddress: plain(true, matchIpAddress),
  NumericEquals: plain(false, compareNumbers((a, b) => a === b)),
  NumericNotEquals: plain(true, compareNumbers((a, b) => a === b)),
  NumericLessThan: plain(false, compareNumbers((a, b) => a < b)),
  NumericLessThanEquals: plain(false, compareNumbers((a, b) => a <= b)),
  NumericGreaterThan: plain(false, compareNumbers((a, b) => a > b)),
  NumericGreaterThanEquals: plain(false, compareNumbers((a, b) => a >= b)),
  DateEquals: plain(false, compareDates((a, b) => a === b)),
  DateNotEquals: plain(true, compareDates((a, b) => a === b)),
  DateLessThan: plain(false, compareDates((a, b) => a < b)),
  DateLessThanEquals: plain(false, compareDates((a, b) => a <= b)),
  DateGreaterThan: plain(false, compareDates((a, b) => a > b)),
  DateGreaterThanEquals: plain(false, compareDates((a, b) => a >= b)),
};

// Policy variables are a feature of the 2012-10-17 policy language only.
export function supportsPolicyVariables(version: string | undefined): boolean {
  return version === "2012-10-17";
}
