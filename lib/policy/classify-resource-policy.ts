import type { AccessLevel, ActionCatalogue } from "./action-catalogue";
import { accountOfPrincipal, isAccountPrincipal } from "./match-principal";
import type { ConditionClause, Policy, Statement, StatementRef } from "./policy-types";
import { levelsOfActions } from "./resource-action-levels";
import { reachOfRestriction, isRestrictingClause, narrower, type ResourceReach, type TReachScope } from "./judge-resource-conditions";

export type { ResourceReach } from "./judge-resource-conditions";

export type ResourcePartyKind =
  | "any-principal" | "same-account" | "org-account" | "external-account" | "service" | "canonical-user" | "federated" | "unknown-principal";

// One party an Allow statement of a resource policy lets in, and how far that reaches.
export type ResourceParty = {
  kind: ResourcePartyKind;
  principal: string;
  accountId?: string;
  // "account": the whole account (id or :root), delegated to its own identity policies.
  scope: "account" | "principal" | "any" | "service";
  reach: ResourceReach;
  vendor?: string;
  // For "*": the conditions that keep it from being public (Access Analyzer's reading).
  restrictedBy: ConditionClause[];
  conditionKeys: string[];
  levels: AccessLevel[];
  statement: StatementRef;
  viaNotPrincipal: boolean;
  // A Deny "*" unless aws:PrincipalOrgID/aws:PrincipalAccount statement that caps the reach.
  cappedBy?: StatementRef;
};

export type ClassifyResourcePolicyOptions = {
  policy: Policy;
  catalogue: ActionCatalogue;
  // IAM prefix of the resource's service: only its actions count.
  service: string;
  ownerAccountId: string;
  orgId: string | null;
  orgAccountIds: ReadonlySet<string>;
  knownVendors?: Record<string, string>;
};

// Who a resource policy lets in, classified as IAM Access Analyzer does: a "*" principal is
// public unless a condition pins the caller, its organization, account, source resource or
// network to fixed values (access-analyzer-resources, S3 "The meaning of public").
export function classifyResourcePolicy(options: ClassifyResourcePolicyOptions): ResourceParty[] {
  const scope: TReachScope = { ownerAccountId: options.ownerAccountId, orgId: options.orgId, orgAccountIds: options.orgAccountIds };
  const caps = findDenyCaps({ policy: options.policy, scope });
  const parties: ResourceParty[] = [];
  for (const statement of options.policy.document.statements) {
    if (statement.effect !== "Allow") continue;
    const levels = levelsOfActions({ catalogue: options.catalogue, service: options.service, actions: statement.actions, notActions: statement.notActions });
    if (levels.length === 0) continue;
    const base = {
      levels,
      statement: { policyId: options.policy.id, statementIndex: statement.index, sid: statement.sid, effect: statement.effect },
      conditionKeys: [...new Set(statement.conditions.map((clause) => clause.key))],
    };
    const restriction = restrictionOf({ statement, scope });
    const anyParty = (principal: string, viaNotPrincipal: boolean): ResourceParty => ({
      ...base, kind: "any-principal", principal, scope: "any", reach: restriction.reach, restrictedBy: restriction.clauses, viaNotPrincipal,
    });
    if (statement.notPrincipal) {
      parties.push(anyParty(`NotPrincipal: ${[...statement.notPrincipal.aws, ...statement.notPrincipal.service].join(", ") || "*"}`, true));
      continue;
    }
    const principal = statement.principal;
    if (!principal) continue;
    if (principal.everyone) parties.push(anyParty("*", false));
    for (const entry of principal.aws) {
      if (entry === "*") {
        parties.push(anyParty("*", false));
        continue;
      }
      parties.push({ ...base, ...classifyAwsEntry({ entry, scope, knownVendors: options.knownVendors }), restrictedBy: [], viaNotPrincipal: false });
    }
    for (const entry of principal.service) {
      parties.push({ ...base, kind: "service", principal: entry, scope: "service", reach: "account", restrictedBy: [], viaNotPrincipal: false });
    }
    for (const entry of principal.canonicalUser) {
      // A canonical user id cannot be mapped to an account from the policy alone.
      parties.push({ ...base, kind: "canonical-user", principal: entry, scope: "principal", reach: "outside-organization", restrictedBy: [], viaNotPrincipal: false });
    }
    for (const entry of principal.federated) {
      parties.push({ ...base, kind: "federated", principal: entry, scope: "principal", reach: "outside-organization", restrictedBy: [], viaNotPrincipal: false });
    }
  }
  return parties.map((party) => applyCap({ party, caps }));
}

function classifyAwsEntry(options: { entry: string; scope: TReachScope; knownVendors?: Record<string, string> }): Pick<ResourceParty, "kind" | "principal" | "accountId" | "scope" | "reach" | "vendor"> {
  const { entry, scope } = options;
  const accountId = accountOfPrincipal(entry);
  if (!accountId) return { kind: "unknown-principal", principal: entry, scope: "principal", reach: "outside-organization" };
  const kind: ResourcePartyKind = accountId === scope.ownerAccountId ? "same-account" : scope.orgAccountIds.has(accountId) ? "org-account" : "external-account";
  const reach: ResourceReach = kind === "same-account" ? "account" : kind === "org-account" ? "organization" : "outside-organization";
  return { kind, principal: entry, accountId, scope: isAccountPrincipal(entry) ? "account" : "principal", reach, vendor: options.knownVendors?.[accountId] };
}

// Every restricting clause of a statement narrows it (conditions are ANDed): the narrowest wins.
function restrictionOf(options: { statement: Statement; scope: TReachScope }): { reach: ResourceReach; clauses: ConditionClause[] } {
  let reach: ResourceReach = "public";
  const clauses: ConditionClause[] = [];
  for (const clause of options.statement.conditions) {
    if (!isRestrictingClause(clause)) continue;
    clauses.push(clause);
    reach = narrower(reach, reachOfRestriction({ clause, scope: options.scope }));
  }
  return { reach, clauses };
}

type TDenyCap = { reach: ResourceReach; statement: StatementRef; actions?: string[] };

// Deny { Principal "*", Condition StringNotEquals aws:PrincipalOrgID <our org> }: whatever the
// Allow statements say, callers outside the organization are refused.
function findDenyCaps(options: { policy: Policy; scope: TReachScope }): TDenyCap[] {
  const caps: TDenyCap[] = [];
  for (const statement of options.policy.document.statements) {
    if (statement.effect !== "Deny" || !statement.principal || statement.notActions || statement.notResources) continue;
    if (!statement.principal.everyone && !statement.principal.aws.includes("*")) continue;
    if (statement.conditions.length !== 1) continue;
    const [clause] = statement.conditions;
    const operator = clause.operator.toLowerCase();
    if (operator !== "stringnotequals" && operator !== "stringnotequalsignorecase") continue;
    const positive = { ...clause, operator: "StringEquals" };
    if (!isRestrictingClause(positive)) continue;
    caps.push({
      reach: reachOfRestriction({ clause: positive, scope: options.scope }),
      statement: { policyId: options.policy.id, statementIndex: statement.index, sid: statement.sid, effect: statement.effect },
      actions: statement.actions,
    });
  }
  return caps;
}

function applyCap(options: { party: ResourceParty; caps: TDenyCap[] }): ResourceParty {
  const { party } = options;
  for (const cap of options.caps) {
    const coversAll = cap.actions?.some((pattern) => pattern === "*" || pattern.endsWith(":*")) ?? false;
    if (!coversAll) continue;
    if (narrower(party.reach, cap.reach) !== party.reach) return { ...party, reach: cap.reach, cappedBy: cap.statement };
  }
  return party;
}
