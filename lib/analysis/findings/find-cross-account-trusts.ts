import type { TFinding } from "../results";
import { describeRole, describeStatement, type TRoleTrust } from "./list-trusted-parties";
import { makeFinding, type TFindingRule } from "./make-finding";

export const TRUST_EXTERNAL_ACCOUNT: TFindingRule = {
  id: "trust-external-account",
  category: "trust",
  title: "Role trusts an account outside the organization",
  description: "The role's trust policy lets principals of an AWS account that is not a member of the organization assume it. Known vendors (configured in knownVendors) are reported at low severity so the inventory stays complete.",
  severity: "medium",
  cisControl: null,
  remediation: "Confirm the external party still needs this access and who owns the relationship; remove the trust if not. Name the vendor's account in knownVendors once reviewed.",
};

export const TRUST_ACCOUNT_ROOT_UNCONDITIONED: TFindingRule = {
  id: "trust-account-root-unconditioned",
  category: "trust",
  title: "Role trusts another account as a whole, without conditions",
  description: "The trust policy names another account (its 12-digit id or :root) with no condition, so every principal in that account whose own policy allows sts:AssumeRole can assume the role. High for accounts outside the organization, low inside it.",
  severity: "high",
  cisControl: null,
  remediation: "Name the specific role ARN that needs access, or add aws:PrincipalArn / aws:PrincipalOrgID conditions (and sts:ExternalId for third parties).",
};

export const TRUST_EXTERNAL_NO_EXTERNAL_ID: TFindingRule = {
  id: "trust-external-no-external-id",
  category: "trust",
  title: "Third-party trust without sts:ExternalId",
  description: "An account outside the organization may assume the role without presenting an ExternalId, so the third party's service can be tricked into acting on this account for another of its customers (confused deputy).",
  severity: "high",
  cisControl: null,
  remediation: "Add a Condition StringEquals sts:ExternalId with the value the third party issued for this account.",
};

/** Parties in other accounts: external (outside the organization) and whole-account trusts. */
export function findCrossAccountTrusts(options: { trusts: TRoleTrust[] }): TFinding[] {
  const findings: TFinding[] = [];
  for (const { role, policy, parties } of options.trusts) {
    for (const party of parties) {
      if ((party.kind !== "external-account" && party.kind !== "org-account") || !party.accountId) continue;
      const external = party.kind === "external-account";
      const base = {
        accountId: role.accountId,
        resourceKey: role.key,
        resourceName: role.name,
        detail: party.accountId,
      };
      const evidence = {
        ...describeRole(role),
        trustedAccountId: party.accountId,
        partyKind: party.kind,
        vendor: party.vendor ?? null,
        principals: [party.principal],
        conditionKeys: party.conditions.keys,
        externalId: party.conditions.externalId,
        statements: [describeStatement({ policy, party })],
      };
      if (external) {
        findings.push(makeFinding({
          ...base,
          rule: TRUST_EXTERNAL_ACCOUNT,
          severity: party.vendor ? "low" : "medium",
          title: `Role ${role.name} trusts external account ${party.accountId}${party.vendor ? ` (${party.vendor})` : ""}`,
          evidence,
        }));
      }
      const wholeAccount = party.scope === "account" && party.conditions.clauses.length === 0;
      if (wholeAccount) {
        findings.push(makeFinding({
          ...base,
          rule: TRUST_ACCOUNT_ROOT_UNCONDITIONED,
          severity: external ? "high" : "low",
          title: `Role ${role.name} trusts all of account ${party.accountId} without conditions`,
          evidence,
        }));
      } else if (external && !party.conditions.externalId) {
        // An unconditioned whole-account trust is reported above; its fix covers ExternalId too.
        findings.push(makeFinding({
          ...base,
          rule: TRUST_EXTERNAL_NO_EXTERNAL_ID,
          title: `Role ${role.name} trusts external account ${party.accountId} without sts:ExternalId`,
          evidence,
        }));
      }
    }
  }
  return findings;
}
