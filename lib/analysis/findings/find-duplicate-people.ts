import type { TPrincipal } from "../model";
import type { TFinding } from "../results";
import type { TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

export const PERSON_MULTIPLE_IAM_USERS: TFindingRule = {
  id: "person-multiple-iam-users",
  category: "hygiene",
  title: "Same person holds IAM users in several accounts",
  description: "IAM users in different accounts carry the same email tag (email / mail, any case), or are console users with the same normalised name (case, dots, dashes, underscores and spaces ignored). Each is a separate password and key set to protect and to remove when the person leaves. Names are matched for console users only, so per-account automation users like \"terraform\" are not merged.",
  severity: "medium",
  cisControl: null,
  remediation: "Give the person one identity (Identity Center, or one user in a jump account) with roles into the accounts, then delete the per-account users.",
};

export function findDuplicatePeople(options: { context: TFindingContext }): TFinding[] {
  const { context } = options;
  const users = context.model.principals.filter((principal) => principal.kind === "iam-user" && principal.accountId);
  const parent = users.map((_, index) => index);
  const root = (index: number): number => (parent[index] === index ? index : (parent[index] = root(parent[index])));
  const firstByIdentity = new Map<string, number>();
  users.forEach((user, index) => {
    const identities = emailsOf(user).map((email) => `email:${email}`);
    const name = normaliseName(user.name);
    if (context.credentialRows.get(user.key)?.passwordEnabled && name) identities.push(`name:${name}`);
    for (const identity of identities) {
      const first = firstByIdentity.get(identity);
      if (first === undefined) firstByIdentity.set(identity, index);
      else parent[root(index)] = root(first);
    }
  });
  const groups = new Map<number, TPrincipal[]>();
  users.forEach((user, index) => {
    const members = groups.get(root(index));
    if (members) members.push(user);
    else groups.set(root(index), [user]);
  });
  const findings: TFinding[] = [];
  for (const members of groups.values()) {
    const accounts = new Set(members.map((user) => user.accountId));
    if (accounts.size < 2) continue;
    // An email identifies the person better than a name, and keeps the fingerprint stable
    // when a same-named user joins the group.
    const emails = [...new Set(members.flatMap(emailsOf))].sort();
    const identity = emails[0] ? `email:${emails[0]}` : `name:${normaliseName(members[0].name)}`;
    const sorted = [...members].sort((a, b) => `${a.accountId}/${a.name}`.localeCompare(`${b.accountId}/${b.name}`));
    findings.push(makeFinding({
      rule: PERSON_MULTIPLE_IAM_USERS,
      accountId: null,
      resourceKey: `person:${identity}`,
      resourceName: emails[0] ?? members[0].name,
      title: `${emails[0] ?? members[0].name} holds IAM users in ${accounts.size} accounts`,
      evidence: {
        matchedBy: emails.length > 0 ? "email" : "name",
        emails,
        accountCount: accounts.size,
        users: sorted.map((user) => ({
          key: user.key,
          accountId: user.accountId,
          accountName: context.accountsById.get(user.accountId ?? "")?.name ?? null,
          name: user.name,
          arn: user.arn,
          emailTag: emailsOf(user)[0] ?? null,
          consoleAccess: context.credentialRows.get(user.key)?.passwordEnabled ?? null,
        })),
      },
    }));
  }
  return findings;
}

function emailsOf(user: TPrincipal): string[] {
  return Object.entries(user.tags)
    .filter(([key, value]) => ["email", "mail"].includes(key.toLowerCase()) && value.includes("@"))
    .map(([, value]) => value.trim().toLowerCase());
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s._-]+/g, "");
}
