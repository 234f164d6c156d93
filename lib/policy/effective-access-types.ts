import type { ActionCatalogue } from "./action-catalogue";
import type { ActionSet } from "./action-set";
import type { CompiledPolicy, CompiledStatement } from "./compile-policy";
import type { ConditionOutcome } from "./evaluate-conditions";
import type { Policy } from "./policy-types";

// Everything that shapes what one principal may do in its own account.
export type PrincipalPolicies = {
  // Managed and inline policies attached to the user or role itself.
  identityPolicies: Policy[];
  // Policies of the groups the user belongs to.
  groupPolicies?: Policy[];
  permissionBoundary?: Policy;
  sessionPolicies?: Policy[];
  // One list per level of the account's OU path, root first, the account's own SCPs last.
  // [] means SCPs are not in use; an empty level means nothing is allowed through it.
  scps?: Policy[][];
  // RCPs of the account whose resources are accessed, same layout as `scps`.
  rcps?: Policy[][];
  isManagementAccount?: boolean;
  // Service-linked roles are not restricted by SCPs or RCPs.
  isServiceLinkedRole?: boolean;
};

export type LayerName = "identity" | "group" | "boundary" | "session" | "scp" | "rcp";

export type EvaluatedPolicy = { layer: LayerName; level?: number; compiled: CompiledPolicy };

// Every catalogue action is in at most one of the four sets; an action in none of them is
// implicitly denied ("not-allowed").
export type EffectiveAccess = {
  catalogue: ActionCatalogue;
  // Allowed on every resource with no condition.
  allowed: ActionSet;
  // Allowed without condition, but only on some resources.
  partial: ActionSet;
  // Allowed only when conditions hold (in an allow, or because a conditional deny may apply).
  conditional: ActionSet;
  // Explicitly denied on every resource without condition.
  denied: ActionSet;
  policies: EvaluatedPolicy[];
  // Outcomes of statements settled from principal facts; absent means unknown.
  statementOutcomes: Map<CompiledStatement, ConditionOutcome>;
  scpExempt: boolean;
  rcpExempt: boolean;
  // Whether the principal's own policies (identity, group, boundary, session; before the
  // SCP/RCP ceiling) grant every catalogue action, and how weakly: "allowed" = outright.
  // undefined: some action is not granted, or is denied outright, by them.
  ownGrantOfEverything?: "allowed" | "partial" | "conditional";
  // The policies evaluated. A cached result is shared by every principal with the same
  // combination, so this is the first such principal's (identical) set of Policy objects.
  input: PrincipalPolicies;
};

export type ActionStatus = "allowed" | "partial" | "conditional" | "denied" | "not-allowed";
