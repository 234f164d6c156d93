// Public surface of the IAM policy engine: pure functions over plain data. Load the
// catalogue once (loadActionCatalogue), parse each distinct document once (parsePolicy),
// then evaluate as many principals as needed.
export { parsePolicy, type ParsePolicyOptions } from "./parse-policy";
export { PolicyParseError, type PolicyParseErrorCode } from "./policy-parse-error";
export type { ConditionClause, Effect, PendingCondition, Policy, PolicyDocument, PolicyKind, PrincipalSet, Statement, StatementRef } from "./policy-types";
export { loadActionCatalogue } from "./load-action-catalogue";
export {
  ACCESS_LEVELS, accessLevelOfAction, actionSetOf, buildActionCatalogue, findActionIndex, serviceActions,
  type AccessLevel, type ActionCatalogue, type CatalogueService, type CatalogueSource,
} from "./action-catalogue";
export type { ActionSet } from "./action-set";
export { actionIndices, countActions, hasAction } from "./action-set";
export { expandActionPattern, expandActionPatterns } from "./expand-action-pattern";
export { matchResource, matchAnyResource } from "./match-resource";
export { matchActionPattern } from "./match-action";
export { computeEffectiveActions, type ComputeEffectiveActionsOptions } from "./compute-effective-actions";
export type { ActionStatus, EffectiveAccess, EvaluatedPolicy, LayerName, PrincipalPolicies } from "./effective-access-types";
export { createEffectiveAccessCache, type EffectiveAccessCache } from "./effective-access-cache";
export { actionStatus, explainAction, type ActionExplanation, type CeilingEvidence, type GrantLevel, type StatementEvidence } from "./explain-action";
export { summarizeAccess, type AccessSummary, type LevelCounts, type ServiceAccessSummary } from "./summarize-access";
export { detectAdminEquivalence, type AdminEquivalence, type AdminGrant, type AdminPath } from "./detect-admin-equivalence";
export { ESCALATION_PATHS, type EscalationPath } from "./escalation-paths";
export { buildPrincipalContext, type ConditionContext, type PrincipalFacts } from "./condition-context";
export { evaluateConditions, type ConditionOutcome, type ConditionsResult } from "./evaluate-conditions";
export { evaluateTrust, type AssumeAction, type EvaluateTrustOptions, type TrustContext, type TrustDecision, type TrustDecisionKind, type TrustMatch } from "./evaluate-trust";
export { classifyTrust, type ClassifyTrustOptions, type TrustConditionSummary, type TrustedParty, type TrustedPartyKind } from "./classify-trust";
export { evaluateRequest, type EvaluateRequestOptions, type RequestDecision, type RequestEvidence } from "./evaluate-request";
export { canAssumeRole, type AssumableRole, type AssumeRoleResult, type CanAssumeRoleOptions } from "./can-assume-role";
export type { Caller, CallerKind, PrincipalMatch } from "./match-principal";
export { evaluateResourceAccess, type EvaluateResourceAccessOptions, type ResourceAccessDecision, type ResourceAccessPath, type ResourceUnderTest } from "./evaluate-resource-access";
export { evaluateResourcePolicy, type ResourcePolicyDecision, type ResourcePolicyMatch } from "./evaluate-resource-policy";
export { assessResourceExposure, type AssessResourceExposureOptions, type ExposureParty, type KmsGrantFacts, type ResourceExposure, type ResourceFacts } from "./assess-resource-exposure";
export { classifyResourcePolicy, type ResourceParty, type ResourcePartyKind } from "./classify-resource-policy";
export { narrower, wider, type ResourceReach } from "./judge-resource-conditions";
export { matchResourcePrincipal, type ResourceCaller, type ResourcePrincipalMatch } from "./match-resource-principal";
export { RESOURCE_SERVICE, levelsOfActions } from "./resource-action-levels";
export { effectiveBlockPublicAccess, type BlockPublicAccessSettings, type S3AclGrant, type S3BucketSettings } from "./s3-block-public-access";
