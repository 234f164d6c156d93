import { classifyTrust, type Policy, type TrustedParty } from "../../policy";
import type { TOrgModel, TPrincipal } from "../model";
import { DEFAULT_ANALYSIS_CONFIG, type TAnalysisConfig, type TExternalTrust } from "../results";
import { createPolicyResolver, type TPolicyResolver } from "./create-policy-resolver";
import type { TPrincipalEvaluator } from "./create-principal-evaluator";
import { trustPolicyOf } from "./index-role-trusts";

export type TFindExternalTrustsOptions = {
  model: TOrgModel;
  config?: TAnalysisConfig;
  // Reuses the trust policies reachability already parsed.
  evaluator?: TPrincipalEvaluator;
};

const PARTY_KINDS: Partial<Record<TrustedParty["kind"], TExternalTrust["partyKind"]>> = {
  "external-account": "external-account",
  "any-principal": "any-principal",
  saml: "saml",
  oidc: "oidc",
  service: "service",
};

// Every party outside the organization that a role's trust lets in: accounts not in the
// organization's account list, "*" (or NotPrincipal), SAML and OIDC providers, and AWS
// services. Severity is the findings layer's call; this lists the parties and the condition
// keys that guard them, and names known vendors from the configuration.
export function findExternalTrusts(options: TFindExternalTrustsOptions): TExternalTrust[] {
  const { model } = options;
  const config = options.config ?? DEFAULT_ANALYSIS_CONFIG;
  const resolver: TPolicyResolver = options.evaluator?.resolver ?? createPolicyResolver();
  const orgAccountIds = new Set(model.accounts.map((account) => account.id));
  const found: TExternalTrust[] = [];
  // Most trusts name only AWS services or providers and are shared by many roles; who they
  // let in does not depend on the role's account, so they are classified once.
  const accountFree = new WeakMap<Policy, TrustedParty[]>();
  const classify = (trustPolicy: Policy, roleAccountId: string) => {
    const known = accountFree.get(trustPolicy);
    if (known) return known;
    const parties = classifyTrust({ trustPolicy, roleAccountId, orgAccountIds, knownVendors: config.knownVendors });
    if (trustPolicy.document.statements.every((statement) => !statement.notPrincipal && !statement.principal?.everyone && (statement.principal?.aws.length ?? 0) === 0)) {
      accountFree.set(trustPolicy, parties);
    }
    return parties;
  };
  for (const role of model.principals) {
    // AWS owns service-linked roles and their trusts; nobody in the organization can change them.
    if (role.kind !== "iam-role" || !role.accountId || role.serviceLinked) continue;
    const trustPolicy = trustPolicyOf({ resolver, role });
    if (!trustPolicy) continue;
    const seen = new Set<string>();
    for (const party of classify(trustPolicy, role.accountId)) {
      const partyKind = PARTY_KINDS[party.kind];
      if (!partyKind || isIdentityCenterSignIn({ role, party })) continue;
      const entry: TExternalTrust = {
        roleKey: role.key,
        accountId: role.accountId,
        partyKind,
        party: party.principal,
        conditionKeys: party.conditions.keys,
        knownVendor: party.vendor ?? null,
      };
      const key = `${partyKind}|${entry.party}|${entry.conditionKeys.join(",")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(entry);
    }
  }
  return found;
}

// Identity Center signs users into its AWSReservedSSO roles through its own SAML provider
// (AWSSSO_…_DO_NOT_DELETE). Who gets in there is the assignments' business, which
// reachability follows; listing them as federation would bury the real ones.
function isIdentityCenterSignIn(options: { role: TPrincipal; party: TrustedParty }): boolean {
  return options.role.ssoPermissionSetName !== null && options.party.kind === "saml" && /:saml-provider\/AWSSSO_/.test(options.party.principal);
}
