import type { TDifferentialCase, TStatement } from "./generate-differential-cases";

export type TDecision = "allowed" | "denied" | "not-allowed";

// Where the engine and @cloud-copilot/iam-simulate decide a generated case differently and
// AWS's documentation says the engine is right. `applies` recognises the cause in a case,
// so an entry explains only differences that come from it, and only with the listed
// outcomes (the engine's first, iam-simulate's second).
export type TKnownDivergence = {
  id: string;
  outcomes: [ours: TDecision, theirs: TDecision][];
  reason: string;
  doc: string;
  applies: (testCase: TDifferentialCase) => boolean;
};

const RESOURCE_DOC = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html";

export const KNOWN_EVALUATOR_DIVERGENCES: TKnownDivergence[] = [
  {
    id: "short-arn-in-not-resource",
    outcomes: [["allowed", "not-allowed"], ["denied", "not-allowed"], ["denied", "allowed"], ["not-allowed", "allowed"]],
    reason: "A NotResource entry with fewer than six ARN segments whose last segment ends in * (\"arn:aws:sqs:*\", \"arn:*\") names every ARN the trailing * spans, so a request outside it (another service's ARN, or the \"*\" of an action without a resource type) is matched by the NotResource statement. iam-simulate expands such entries for Resource but never inverts them for NotResource, so the statement never applies there.",
    doc: `${RESOURCE_DOC} (a * that is the last character of a segment expands beyond the colon boundaries); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html`,
    applies: (testCase) => statementsOf(testCase).some((statement) => listOf(statement.NotResource).some(isShortArnPattern)),
  },
  {
    id: "short-arn-in-arn-like",
    outcomes: [["allowed", "not-allowed"], ["denied", "not-allowed"], ["denied", "allowed"], ["not-allowed", "allowed"]],
    reason: "ArnLike/ArnNotLike compare ARNs with the Resource element's wildcard rules, so \"arn:aws:iam::*\" matches every IAM ARN (its trailing * spans the remaining colons). iam-simulate matches no ARN with a condition value of fewer than six segments.",
    doc: `https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN; ${RESOURCE_DOC}`,
    applies: (testCase) => statementsOf(testCase).some((statement) =>
      Object.entries((statement.Condition ?? {}) as Record<string, Record<string, unknown>>).some(([operator, clauses]) =>
        /arn(not)?(like|equals)/i.test(operator) && Object.values(clauses).some((values) => listOf(values).some(isShortArnPattern)))),
  },
];

function statementsOf(testCase: TDifferentialCase): TStatement[] {
  return [...testCase.identityStatements, ...(testCase.boundaryStatements ?? []), ...(testCase.scpStatements ?? []), ...(testCase.trustStatements ?? [])];
}

function listOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
}

function isShortArnPattern(value: string): boolean {
  return value.startsWith("arn:") && value.split(":").length < 6 && value.endsWith("*");
}
