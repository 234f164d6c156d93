import { matchActionPattern } from "./match-action";
import { buildPrincipalContext, mergeContexts, type ConditionContext } from "./condition-context";
import { evaluateConditions, supportsPolicyVariables } from "./evaluate-conditions";
import { accountOfArn, isAwsCaller, matchPrincipalSet, roleSessionOf, type Caller, type PrincipalMatch } from "./match-principal";
import type { ConditionClause, PendingCondition, Policy, Statement, StatementRef } from "./policy-types";

export type AssumeAction = "sts:AssumeRole" | "sts:AssumeRoleWithSAML" | "sts:AssumeRoleWithWebIdentity";

// What the caller would send with the request. Keys left undefined are unknown and keep
// the conditions on them pending; null means "known not to be sent".
export type TrustContext = {
  externalId?: string | null;
  sourceAccount?: string | null;
  sourceArn?: string | null;
  // Any other condition key, e.g. "token.actions.githubusercontent.com:sub".
  values?: Record<string, string | string[] | null>;
};

export type TrustDecisionKind = "allowed" | "allowed-if-conditions" | "denied";

export type TrustMatch = StatementRef & { matchedBy: PrincipalMatch | "not-principal"; pendingClauses: ConditionClause[] };

export type TrustDecision = {
  decision: TrustDecisionKind;
  actions: string[];
  perAction: Record<string, TrustDecisionKind>;
  allowedBy: TrustMatch[];
  deniedBy: TrustMatch[];
  // Allow conditions that must hold, and Deny conditions that must not, for the caller to get in.
  pendingConditions: PendingCondition[];
  // The trust only delegates (account or :root principal, or another account): the caller's
  // identity policy must also allow sts:AssumeRole on the role.
  requiresIdentityAllow: boolean;
  // Same account, and an allow names the caller's IAM user ARN or one of its role sessions:
  // the caller's permissions boundary and session policies do not limit that grant (one
  // naming the role ARN stays limited). Policy evaluation logic,
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  grantsDespiteBoundary: boolean;
};

export type EvaluateTrustOptions = {
  trustPolicy: Policy;
  caller: Caller;
  // Decides same-account vs cross-account; unknown counts as cross-account.
  roleArn?: string;
  context?: TrustContext;
  action?: AssumeAction;
  // Also require sts:TagSession (the caller passes session tags).
  withSessionTags?: boolean;
};

export function evaluateTrust(options: EvaluateTrustOptions): TrustDecision {
  const actions = [options.action ?? defaultAction(options.caller), ...(options.withSessionTags ? ["sts:TagSession"] : [])];
  const context = trustConditionContext({ caller: options.caller, context: options.context });
  const perAction: Record<string, TrustDecisionKind> = {};
  const allowedBy = new Map<string, TrustMatch>();
  const deniedBy = new Map<string, TrustMatch>();
  for (const action of actions) {
    let allow: "none" | "pending" | "yes" = "none";
    let deny: "none" | "pending" | "yes" = "none";
    for (const statement of options.trustPolicy.document.statements) {
      const match = matchStatement({ statement, action, caller: options.caller, context, policyId: options.trustPolicy.id, variables: supportsPolicyVariables(options.trustPolicy.document.version) });
      if (!match) continue;
      const level = match.pendingClauses.length ? "pending" : "yes";
      if (statement.effect === "Deny") {
        deny = deny === "yes" ? "yes" : level;
        deniedBy.set(key(match), match);
      } else {
        allow = allow === "yes" ? "yes" : level;
        allowedBy.set(key(match), match);
      }
    }
    perAction[action] = deny === "yes" || allow === "none" ? "denied" : allow === "yes" && deny === "none" ? "allowed" : "allowed-if-conditions";
  }
  const decisions = Object.values(perAction);
  const decision: TrustDecisionKind = decisions.includes("denied") ? "denied"
    : decisions.includes("allowed-if-conditions") ? "allowed-if-conditions" : "allowed";
  const pendingConditions = [...allowedBy.values(), ...deniedBy.values()]
    .filter((match) => match.pendingClauses.length)
    .map((match) => ({ statement: stripMatch(match), effect: match.effect, clauses: match.pendingClauses }));
  return {
    decision,
    actions,
    perAction,
    allowedBy: [...allowedBy.values()],
    deniedBy: [...deniedBy.values()],
    pendingConditions,
    requiresIdentityAllow: requiresIdentityAllow({ caller: options.caller, roleArn: options.roleArn, allowedBy: [...allowedBy.values()] }),
    grantsDespiteBoundary: grantsDespiteBoundary({ caller: options.caller, roleArn: options.roleArn, allowedBy: [...allowedBy.values()] }),
  };
}

function defaultAction(caller: Caller): AssumeAction {
  if (caller.kind === "saml") return "sts:AssumeRoleWithSAML";
  if (caller.kind === "oidc") return "sts:AssumeRoleWithWebIdentity";
  return "sts:AssumeRole";
}

function matchStatement(options: {
  statement: Statement;
  action: string;
  caller: Caller;
  context: ConditionContext;
  policyId: string;
  variables: boolean;
}): TrustMatch | undefined {
  const { statement, action, caller } = options;
  const patterns = statement.actions ?? statement.notActions ?? [];
  const listed = patterns.some((pattern) => matchActionPattern({ pattern, action }));
  if (statement.actions ? !listed : listed) return undefined;
  let matchedBy: TrustMatch["matchedBy"] | undefined;
  if (statement.principal) matchedBy = matchPrincipalSet({ set: statement.principal, caller });
  else if (statement.notPrincipal && !matchPrincipalSet({ set: statement.notPrincipal, caller })) matchedBy = "not-principal";
  if (!matchedBy) return undefined;
  const conditions = evaluateConditions({ clauses: statement.conditions, context: options.context, variables: options.variables });
  if (conditions.outcome === "false") return undefined;
  const pendingClauses = matchedBy === "role-session" ? [...sessionClauses({ statement, caller }), ...conditions.unresolved] : conditions.unresolved;
  return {
    policyId: options.policyId,
    statementIndex: statement.index,
    sid: statement.sid,
    effect: statement.effect,
    matchedBy,
    pendingClauses,
  };
}

// Which session of the role asks is not known: the named session names are what must hold.
function sessionClauses(options: { statement: Statement; caller: Caller }): ConditionClause[] {
  const sessions = (options.statement.principal?.aws ?? [])
    .map((entry) => roleSessionOf({ entry, caller: options.caller }))
    .filter((session): session is string => session !== undefined);
  return [{ operator: "RoleSessionName", key: "sts:RoleSessionName", values: sessions }];
}

function grantsDespiteBoundary(options: { caller: Caller; roleArn?: string; allowedBy: TrustMatch[] }): boolean {
  const { caller } = options;
  if (!isAwsCaller(caller) || !options.roleArn || accountOfArn(options.roleArn) !== caller.accountId) return false;
  return options.allowedBy.some((match) => match.effect === "Allow"
    && ((match.matchedBy === "principal-arn" && caller.kind === "user") || match.matchedBy === "role-session"));
}

// A trust that names the caller itself (or "*") grants on its own within the account; one
// that names only the account, or any trust crossing accounts, needs the caller's identity
// policy to allow sts:AssumeRole as well.
function requiresIdentityAllow(options: { caller: Caller; roleArn?: string; allowedBy: TrustMatch[] }): boolean {
  if (!isAwsCaller(options.caller)) return false;
  const roleAccount = options.roleArn ? accountOfArn(options.roleArn) : undefined;
  if (!roleAccount || roleAccount !== options.caller.accountId) return true;
  return options.allowedBy.every((match) => match.matchedBy === "account");
}

function trustConditionContext(options: { caller: Caller; context?: TrustContext }): ConditionContext {
  const { caller, context } = options;
  const values: Record<string, string[] | null> = {};
  const set = (key: string, value: string | string[] | null | undefined) => {
    if (value !== undefined) values[key.toLowerCase()] = value === null ? null : Array.isArray(value) ? value : [value];
  };
  set("sts:ExternalId", context?.externalId);
  set("aws:SourceAccount", context?.sourceAccount);
  set("aws:SourceArn", context?.sourceArn);
  for (const [key, value] of Object.entries(context?.values ?? {})) set(key, value);
  let principalContext: ConditionContext | undefined;
  if (isAwsCaller(caller) && caller.accountId) {
    principalContext = buildPrincipalContext({ arn: caller.arn, accountId: caller.accountId, orgId: caller.orgId, tags: caller.tags, kind: caller.kind, uniqueId: caller.uniqueId });
  } else if (caller.kind === "service") {
    principalContext = { values: { "aws:principalisawsservice": ["true"], "aws:principalservicename": [caller.arn] } };
  }
  return mergeContexts(principalContext, { values });
}

function key(match: StatementRef): string {
  return `${match.policyId}#${match.statementIndex}`;
}

function stripMatch(match: TrustMatch): StatementRef {
  return { policyId: match.policyId, statementIndex: match.statementIndex, sid: match.sid, effect: match.effect };
}
