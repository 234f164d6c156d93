// Normalised policy model shared by every part of the engine. Parsing turns the many
// shapes AWS accepts (string-or-array, Statement object-or-array, "*" principal) into this
// one shape so evaluation never has to care where a document came from.

export type PolicyKind = "identity" | "trust" | "resource" | "scp" | "rcp";

export type Effect = "Allow" | "Deny";

export type PrincipalSet = {
  // The bare string "*": every principal of every kind, not only AWS ones.
  everyone: boolean;
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
};

export type ConditionClause = {
  // As written, e.g. "ForAnyValue:StringLikeIfExists"; parsed when evaluated.
  operator: string;
  key: string;
  values: string[];
};

export type Statement = {
  index: number;
  sid?: string;
  effect: Effect;
  actions?: string[];
  notActions?: string[];
  // Absent on trust/resource statements that omit Resource: they apply to the resource
  // the policy is attached to.
  resources?: string[];
  notResources?: string[];
  principal?: PrincipalSet;
  notPrincipal?: PrincipalSet;
  conditions: ConditionClause[];
};

export type PolicyDocument = {
  version?: string;
  id?: string;
  statements: Statement[];
};

export type Policy = {
  // Stable name used as evidence: a policy ARN, or e.g. "inline:role/Deploy/s3-access".
  id: string;
  kind: PolicyKind;
  document: PolicyDocument;
};

// Points at one statement as evidence for a decision.
export type StatementRef = {
  policyId: string;
  statementIndex: number;
  sid?: string;
  effect: Effect;
};

// Conditions that could not be settled from what is known; an Allow's must hold, a Deny's
// must not, for the access to exist.
export type PendingCondition = { statement: StatementRef; effect: Effect; clauses: ConditionClause[] };
