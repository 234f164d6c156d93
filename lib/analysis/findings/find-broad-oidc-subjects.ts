import type { ConditionClause, TrustedParty } from "../../policy";
import type { TFinding } from "../results";
import { isOpenSubject, isPositive } from "./judge-trust-conditions";
import { describeRole, describeStatement, type TRoleTrust } from "./list-trusted-parties";
import { makeFinding, type TFindingRule } from "./make-finding";

export const TRUST_OIDC_BROAD_SUBJECT: TFindingRule = {
  id: "trust-oidc-broad-subject",
  category: "trust",
  title: "OIDC trust whose subject condition admits a whole organization or any branch",
  description: "The role trusts an OIDC provider with a StringLike subject condition that uses wildcards: \"repo:my-org/*\" lets every repository of the GitHub organization assume it, \"repo:my-org/app:*\" every branch, tag, pull request and environment of the repository, so anyone who can push a branch (or open a workflow in any repository) gets the role. GitHub and AWS recommend naming the repository and the branch or environment. (A trust without any subject restriction is trust-oidc-open-subject.)",
  severity: "high",
  cisControl: null,
  fsbpControl: null,
  remediation: "Replace the wildcard with the exact subjects allowed (StringEquals on <issuer>:sub, e.g. repo:my-org/app:ref:refs/heads/main or repo:my-org/app:environment:prod), and keep <issuer>:aud to sts.amazonaws.com.",
};

type TAdmits = { subject: string; admits: string; scope: "organization" | "repository" | "pattern" };

// What a wildcard GitHub Actions subject lets in (https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims).
export function describeSubject(subject: string): TAdmits {
  const org = /^repo:([^/:*?]+)\/[*?]/.exec(subject);
  if (org) return { subject, scope: "organization", admits: `every repository of the GitHub organization ${org[1]}, on any branch, tag, pull request or environment` };
  const repo = /^repo:([^/:*?]+\/[^/:*?]+):(.*)$/.exec(subject);
  if (repo) {
    const [, name, rest] = repo;
    const kinds: Array<[RegExp, string]> = [
      [/^\*$/, "any branch, tag, pull request or environment"],
      [/^ref:refs\/heads\/\*$/, "any branch"],
      [/^ref:refs\/tags\/\*$/, "any tag"],
      [/^environment:\*$/, "any environment"],
      [/^pull_request\*?$/, "any pull request"],
    ];
    const known = kinds.find(([pattern]) => pattern.test(rest));
    return { subject, scope: "repository", admits: `${known ? known[1] : `any subject matching "${rest}"`} of the repository ${name}` };
  }
  return { subject, scope: "pattern", admits: `any token subject matching "${subject}"` };
}

const hasWildcard = (value: string) => /[*?]/.test(value);

function broadSubjects(party: TrustedParty): { clauses: ConditionClause[]; subjects: TAdmits[] } {
  const clauses = party.conditions.clauses.filter((clause) => {
    const key = clause.key.toLowerCase();
    return !key.startsWith("aws:") && key.endsWith(":sub") && isPositive(clause.operator) && /StringLike/i.test(clause.operator);
  });
  // Only StringLike reads "*" as a wildcard; an open subject ("*", "repo:*") is the open-subject rule's.
  const values = clauses.flatMap((clause) => clause.values);
  if (values.some(isOpenSubject)) return { clauses, subjects: [] };
  return { clauses, subjects: values.filter(hasWildcard).map(describeSubject) };
}

export function findBroadOidcSubjects(options: { trusts: TRoleTrust[] }): TFinding[] {
  const findings: TFinding[] = [];
  for (const { role, policy, parties } of options.trusts) {
    for (const party of parties) {
      if (party.kind !== "oidc" || party.principal.toLowerCase().includes("cognito-identity.amazonaws.com")) continue;
      const { clauses, subjects } = broadSubjects(party);
      if (subjects.length === 0) continue;
      const wholeOrganization = subjects.some((s) => s.scope === "organization");
      findings.push(makeFinding({
        rule: TRUST_OIDC_BROAD_SUBJECT,
        accountId: role.accountId,
        resourceKey: role.key,
        resourceName: role.name,
        detail: party.principal,
        severity: wholeOrganization ? "high" : "medium",
        title: `Role ${role.name} admits ${subjects.map((s) => s.admits).join("; ")}`,
        evidence: {
          ...describeRole(role),
          provider: party.principal,
          principals: [party.principal],
          admits: subjects,
          subjectConditions: clauses,
          statements: [describeStatement({ policy, party })],
        },
      }));
    }
  }
  return findings;
}
