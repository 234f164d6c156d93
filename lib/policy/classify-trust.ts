import { accountOfPrincipal, isAccountPrincipal } from "./match-principal";
import type { ConditionClause, Policy, PrincipalSet, Statement, StatementRef } from "./policy-types";

export type TrustedPartyKind =
  | "same-account"
  | "org-account"
  | "external-account"
  | "any-principal"
  | "service"
  | "saml"
  | "oidc"
  // A unique ID (AROA…/AIDA…) where an ARN was: the named principal was deleted.
  | "deleted-principal";

export type TrustConditionSummary = {
  externalId: boolean;
  principalOrgId: boolean;
  principalOrgPaths: boolean;
  principalAccount: boolean;
  principalArn: boolean;
  sourceAccount: boolean;
  sourceArn: boolean;
  sourceOrgId: boolean;
  mfa: boolean;
  // OIDC: a "<issuer>:sub" condition; without one, every identity of the issuer (e.g. any
  // GitHub repository) can assume the role.
  oidcSubject: boolean;
  oidcAudience: boolean;
  samlAudience: boolean;
  keys: string[];
  clauses: ConditionClause[];
};

export type TrustedParty = {
  kind: TrustedPartyKind;
  // As written in the policy; for NotPrincipal, the principals excluded.
  principal: string;
  accountId?: string;
  // "account": the whole account (id or :root), delegated to its identity policies.
  scope: "account" | "principal" | "any" | "service" | "provider";
  vendor?: string;
  viaNotPrincipal: boolean;
  actions: string[];
  notActions?: string[];
  statement: StatementRef;
  conditions: TrustConditionSummary;
};

export type ClassifyTrustOptions = {
  trustPolicy: Policy;
  roleAccountId: string;
  orgAccountIds: ReadonlySet<string> | readonly string[];
  // Account id -> vendor name, for known third parties (monitoring, backup, CI vendors).
  knownVendors?: Record<string, string>;
};

// Lists who a role's trust policy lets in, for the findings layer: it decides severity
// from the kind of party and from which safeguards (ExternalId, aws:PrincipalOrgID, ...)
// are present.
export function classifyTrust(options: ClassifyTrustOptions): TrustedParty[] {
  const orgAccounts = new Set(options.orgAccountIds);
  const parties: TrustedParty[] = [];
  for (const statement of options.trustPolicy.document.statements) {
    if (statement.effect !== "Allow") continue;
    const base = {
      actions: statement.actions ?? [],
      notActions: statement.notActions,
      statement: { policyId: options.trustPolicy.id, statementIndex: statement.index, sid: statement.sid, effect: statement.effect },
      conditions: summarizeConditions(statement),
    };
    if (statement.notPrincipal) {
      parties.push({ ...base, kind: "any-principal", principal: describeSet(statement.notPrincipal), scope: "any", viaNotPrincipal: true });
      continue;
    }
    const principal = statement.principal;
    if (!principal) continue;
    if (principal.everyone) parties.push({ ...base, kind: "any-principal", principal: "*", scope: "any", viaNotPrincipal: false });
    for (const entry of principal.aws) {
      parties.push({ ...base, ...classifyAwsEntry({ entry, roleAccountId: options.roleAccountId, orgAccounts, knownVendors: options.knownVendors }), viaNotPrincipal: false });
    }
    for (const entry of principal.service) {
      parties.push({ ...base, kind: "service", principal: entry, scope: "service", viaNotPrincipal: false });
    }
    for (const entry of principal.federated) {
      parties.push({ ...base, kind: entry.includes(":saml-provider/") ? "saml" : "oidc", principal: entry, scope: "provider", viaNotPrincipal: false });
    }
  }
  return parties;
}

function classifyAwsEntry(options: {
  entry: string;
  roleAccountId: string;
  orgAccounts: Set<string>;
  knownVendors?: Record<string, string>;
}): Pick<TrustedParty, "kind" | "principal" | "accountId" | "scope" | "vendor"> {
  const { entry } = options;
  if (entry === "*") return { kind: "any-principal", principal: entry, scope: "any" };
  const accountId = accountOfPrincipal(entry);
  if (!accountId) return { kind: "deleted-principal", principal: entry, scope: "principal" };
  const kind: TrustedPartyKind = accountId === options.roleAccountId ? "same-account"
    : options.orgAccounts.has(accountId) ? "org-account" : "external-account";
  return {
    kind,
    principal: entry,
    accountId,
    scope: isAccountPrincipal(entry) ? "account" : "principal",
    vendor: options.knownVendors?.[accountId],
  };
}

function summarizeConditions(statement: Statement): TrustConditionSummary {
  const keys = [...new Set(statement.conditions.map((clause) => clause.key))];
  const has = (...names: string[]) => keys.some((key) => names.includes(key.toLowerCase()));
  // Issuer-scoped keys ("token.actions.githubusercontent.com:sub"), not AWS or SAML ones.
  const hasOidcKey = (suffix: string) => keys.some((key) => {
    const lower = key.toLowerCase();
    return !lower.startsWith("aws:") && !lower.startsWith("saml:") && lower.endsWith(suffix);
  });
  return {
    externalId: has("sts:externalid"),
    principalOrgId: has("aws:principalorgid"),
    principalOrgPaths: has("aws:principalorgpaths"),
    principalAccount: has("aws:principalaccount"),
    principalArn: has("aws:principalarn"),
    sourceAccount: has("aws:sourceaccount"),
    sourceArn: has("aws:sourcearn"),
    sourceOrgId: has("aws:sourceorgid"),
    mfa: has("aws:multifactorauthpresent", "aws:multifactorauthage"),
    oidcSubject: hasOidcKey(":sub"),
    oidcAudience: hasOidcKey(":aud"),
    samlAudience: has("saml:aud"),
    keys,
    clauses: statement.conditions,
  };
}

function describeSet(set: PrincipalSet): string {
  if (set.everyone) return "*";
  return [...set.aws, ...set.service, ...set.federated, ...set.canonicalUser].join(", ");
}
