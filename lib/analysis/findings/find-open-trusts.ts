import type { TFinding } from "../results";
import { restrictsIdentity } from "./judge-trust-conditions";
import { describeRole, describeStatement, type TRoleTrust } from "./list-trusted-parties";
import { makeFinding, type TFindingRule } from "./make-finding";

export const TRUST_ANY_PRINCIPAL_UNCONDITIONED: TFindingRule = {
  id: "trust-any-principal-unconditioned",
  category: "trust",
  title: "Role can be assumed by anyone",
  description: "The trust policy allows Principal \"*\" (or uses NotPrincipal) without any condition: any AWS principal in any account can assume the role.",
  severity: "critical",
  cisControl: null,
  remediation: "Replace \"*\" with the accounts or role ARNs that need access; if \"*\" is unavoidable, add aws:PrincipalOrgID. Review CloudTrail AssumeRole events for this role from unknown accounts.",
};

export const TRUST_ANY_PRINCIPAL_WEAK_CONDITIONS: TFindingRule = {
  id: "trust-any-principal-weak-conditions",
  category: "trust",
  title: "Role open to any principal, restricted only by weak conditions",
  description: "The trust policy allows Principal \"*\" with conditions that do not tie callers to the organization, an account or an ARN (e.g. only sts:ExternalId, MFA, source IP, negated or IfExists operators, wildcard values).",
  severity: "high",
  cisControl: null,
  remediation: "Add aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn with exact values, or name the principals explicitly instead of \"*\".",
};

/** Principal "*" and NotPrincipal statements; those tied to an identity key are not reported. */
export function findOpenTrusts(options: { trusts: TRoleTrust[] }): TFinding[] {
  const findings: TFinding[] = [];
  for (const { role, policy, parties } of options.trusts) {
    for (const party of parties) {
      if (party.kind !== "any-principal") continue;
      const clauses = party.conditions.clauses;
      if (clauses.some(restrictsIdentity)) continue;
      const rule = clauses.length === 0 ? TRUST_ANY_PRINCIPAL_UNCONDITIONED : TRUST_ANY_PRINCIPAL_WEAK_CONDITIONS;
      findings.push(makeFinding({
        rule,
        accountId: role.accountId,
        resourceKey: role.key,
        resourceName: role.name,
        evidence: {
          ...describeRole(role),
          principals: [party.viaNotPrincipal ? `NotPrincipal: ${party.principal}` : party.principal],
          conditionKeys: party.conditions.keys,
          statements: [describeStatement({ policy, party })],
        },
      }));
    }
  }
  return findings;
}
