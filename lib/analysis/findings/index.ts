// Public surface of the findings layer: runFindings over one snapshot's model and access
// results, the rule catalogue, and the counts the console and reports show.
export { runFindings, type TRunFindingsOptions } from "./run-findings";
export { summarizeFindings, ORGANIZATION_WIDE, type TFindingSummary } from "./summarize-findings";
export { FINDING_RULES, findingRule } from "./finding-rules";
export { findingFingerprint, SEVERITY_ORDER, type TFindingCategory, type TFindingRule } from "./make-finding";
export { CONFUSED_DEPUTY_SERVICES } from "./find-service-trusts";
export { CIS_UNUSED_CREDENTIAL_DAYS } from "./find-unused-credentials";
export { ROOT_RECENT_USE_DAYS } from "./find-root-issues";
