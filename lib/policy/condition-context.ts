// What is known about a request when conditions are evaluated. Keys are lower-case (IAM
// condition keys are case-insensitive). A key that is missing from `values` is unknown and
// leaves its condition unresolved; a key set to null is known to be absent from the request.
export type ConditionContext = {
  values: Record<string, string[] | null>;
  // Lower-case prefixes whose keys are all known: any key under one that is not in `values`
  // is absent (e.g. "aws:principaltag/" once the principal's full tag set is known).
  completePrefixes?: string[];
};

export function lookupContextKey(options: { context: ConditionContext; key: string }): string[] | null | undefined {
  const key = options.key.toLowerCase();
  const value = options.context.values[key];
  if (value !== undefined) return value;
  if (options.context.completePrefixes?.some((prefix) => key.startsWith(prefix))) return null;
  return undefined;
}

export type PrincipalFacts = {
  arn: string;
  accountId: string;
  // undefined: not known; null: the account is in no organization.
  orgId?: string | null;
  orgPaths?: string[];
  // When given, it is the complete tag set: tags not listed are known to be absent.
  tags?: Record<string, string>;
  kind?: "user" | "role" | "account" | "service" | "saml" | "oidc";
  userName?: string;
  uniqueId?: string;
};

const PRINCIPAL_TYPES: Record<NonNullable<PrincipalFacts["kind"]>, string> = {
  user: "User",
  role: "AssumedRole",
  account: "Account",
  service: "Service",
  saml: "FederatedUser",
  oidc: "FederatedUser",
};

// The global condition keys that describe the caller, which a collector knows for every
// principal. SCP exemptions like "deny unless aws:PrincipalArn is the break-glass role"
// resolve from these.
export function buildPrincipalContext(facts: PrincipalFacts): ConditionContext {
  const values: Record<string, string[] | null> = {
    "aws:principalarn": [facts.arn],
    "aws:principalaccount": [facts.accountId],
    "aws:principalisawsservice": [facts.kind === "service" ? "true" : "false"],
  };
  if (facts.orgId !== undefined) values["aws:principalorgid"] = facts.orgId === null ? null : [facts.orgId];
  if (facts.orgPaths) values["aws:principalorgpaths"] = facts.orgPaths;
  if (facts.kind) values["aws:principaltype"] = [PRINCIPAL_TYPES[facts.kind]];
  if (facts.userName) values["aws:username"] = [facts.userName];
  // aws:username is in the request only for IAM users: a role session never carries it.
  else if (facts.kind === "role") values["aws:username"] = null;
  if (facts.uniqueId) values["aws:userid"] = [facts.uniqueId];
  for (const [key, value] of Object.entries(facts.tags ?? {})) values[`aws:principaltag/${key.toLowerCase()}`] = [value];
  return { values, completePrefixes: facts.tags ? ["aws:principaltag/"] : undefined };
}

export function mergeContexts(...contexts: (ConditionContext | undefined)[]): ConditionContext {
  const merged: ConditionContext = { values: {}, completePrefixes: [] };
  for (const context of contexts) {
    if (!context) continue;
    Object.assign(merged.values, context.values);
    merged.completePrefixes!.push(...(context.completePrefixes ?? []));
  }
  return merged;
}
