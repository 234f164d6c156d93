import type { ConditionClause, TrustedParty } from "../../policy";
import type { TFinding } from "../results";
import { isOpenSubject, isPositive } from "./judge-trust-conditions";
import { describeRole, describeStatement, type TRoleTrust } from "./list-trusted-parties";
import { makeFinding, type TFindingRule } from "./make-finding";

export const TRUST_FEDERATED_PROVIDER: TFindingRule = {
  id: "trust-federated-provider",
  category: "trust",
  title: "Role federated to an identity provider",
  description: "The role can be assumed with SAML assertions or OIDC tokens of an identity provider: whoever the provider vouches for (within the trust's conditions) gets in without an AWS identity. Roles Identity Center manages are not listed.",
  severity: "info",
  cisControl: null,
  remediation: "Confirm the provider and the conditions (SAML:aud, the OIDC subject) match who should use the role, and who administers that provider.",
};

export const TRUST_OIDC_OPEN_SUBJECT: TFindingRule = {
  id: "trust-oidc-open-subject",
  category: "trust",
  title: "OIDC trust without a subject restriction",
  description: "The role trusts an OIDC provider without a positive condition on the token's subject (e.g. no token.actions.githubusercontent.com:sub, or \"repo:*\"): every identity of the issuer, such as any GitHub Actions workflow of any repository, can assume it. For Cognito identity pools the audience (pool id) is the restriction that must be present.",
  severity: "high",
  cisControl: null,
  remediation: "Add a StringEquals/StringLike condition on <issuer>:sub naming the repositories, branches or service accounts allowed (e.g. repo:my-org/my-repo:ref:refs/heads/main), and on <issuer>:aud.",
};

export function findFederationTrusts(options: { trusts: TRoleTrust[] }): TFinding[] {
  const findings: TFinding[] = [];
  for (const { role, policy, parties } of options.trusts) {
    // Identity Center creates and maintains these roles' SAML trust itself.
    if (role.ssoPermissionSetName || role.path.startsWith("/aws-reserved/sso.amazonaws.com/")) continue;
    for (const party of parties) {
      if (party.kind !== "saml" && party.kind !== "oidc") continue;
      const open = party.kind === "oidc" && !restrictsIssuerIdentities(party);
      findings.push(makeFinding({
        rule: open ? TRUST_OIDC_OPEN_SUBJECT : TRUST_FEDERATED_PROVIDER,
        accountId: role.accountId,
        resourceKey: role.key,
        resourceName: role.name,
        detail: party.principal,
        title: `Role ${role.name} ${open ? "trusts every identity of" : "is federated to"} ${providerName(party.principal)}`,
        evidence: {
          ...describeRole(role),
          provider: party.principal,
          protocol: party.kind,
          principals: [party.principal],
          conditionKeys: party.conditions.keys,
          subjectConditions: claimClauses({ clauses: party.conditions.clauses, claim: ":sub" }),
          samlAudience: party.conditions.samlAudience,
          statements: [describeStatement({ policy, party })],
        },
      }));
    }
  }
  return findings;
}

// Cognito identity pools identify the pool in "aud"; every other issuer identifies the
// caller in "sub".
function restrictsIssuerIdentities(party: TrustedParty): boolean {
  const claim = party.principal.toLowerCase().includes("cognito-identity.amazonaws.com") ? ":aud" : ":sub";
  const clauses = claimClauses({ clauses: party.conditions.clauses, claim }).filter((clause) => isPositive(clause.operator));
  return clauses.some((clause) => clause.values.length > 0 && clause.values.every((value) => !isOpenSubject(value)));
}

function claimClauses(options: { clauses: ConditionClause[]; claim: string }): ConditionClause[] {
  return options.clauses.filter((clause) => {
    const key = clause.key.toLowerCase();
    return !key.startsWith("aws:") && !key.startsWith("saml:") && key.endsWith(options.claim);
  });
}

function providerName(principal: string): string {
  return principal.split(/:(?:saml|oidc)-provider\//)[1] ?? principal;
}
