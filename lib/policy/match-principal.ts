import type { PrincipalSet } from "./policy-types";

export type CallerKind = "user" | "role" | "account" | "service" | "saml" | "oidc";

// Who is trying to get in.
export type Caller = {
  kind: CallerKind;
  // IAM user or role ARN; "arn:aws:iam::ACCT:root" for an account; the service principal
  // ("ec2.amazonaws.com"); the SAML/OIDC provider ARN or issuer ("accounts.google.com").
  arn: string;
  accountId?: string;
  // undefined: not known; null: the caller's account is in no organization.
  orgId?: string | null;
  // AIDA…/AROA…: trust policies show this instead of an ARN once the named principal was deleted.
  uniqueId?: string;
  tags?: Record<string, string>;
};

// How a Principal element matched: an "account" match (12-digit id or :root) only delegates
// to the account, so the caller's own identity policy must still allow the call.
// "role-session": an assumed-role session ARN of the calling role; which session is asking
// is not known, so evaluateTrust keeps the session name as a pending condition.
export type PrincipalMatch = "wildcard" | "account" | "principal-arn" | "role-session" | "service" | "federated";

const ROLE_SESSION = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;

const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;

export function isAwsCaller(caller: Caller): boolean {
  return caller.kind === "user" || caller.kind === "role" || caller.kind === "account";
}

export function matchPrincipalSet(options: { set: PrincipalSet; caller: Caller }): PrincipalMatch | undefined {
  const { set, caller } = options;
  if (set.everyone) return "wildcard";
  if (isAwsCaller(caller)) {
    for (const entry of set.aws) {
      if (entry === "*") return "wildcard";
      if (entry === caller.arn || (caller.uniqueId && entry === caller.uniqueId)) {
        return caller.kind === "account" ? "account" : "principal-arn";
      }
      if (caller.accountId && accountOfPrincipal(entry) === caller.accountId && isAccountPrincipal(entry)) return "account";
      if (roleSessionOf({ entry, caller })) return "role-session";
    }
    return undefined;
  }
  if (caller.kind === "service") {
    return set.service.some((entry) => entry.toLowerCase() === caller.arn.toLowerCase()) ? "service" : undefined;
  }
  return set.federated.some((entry) => entry.toLowerCase() === caller.arn.toLowerCase()) ? "federated" : undefined;
}

export function isAccountPrincipal(entry: string): boolean {
  return /^\d{12}$/.test(entry) || ACCOUNT_ROOT.test(entry);
}

// The account an AWS principal entry belongs to: "123456789012", any IAM/STS ARN.
export function accountOfPrincipal(entry: string): string | undefined {
  if (/^\d{12}$/.test(entry)) return entry;
  const match = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(entry);
  return match?.[1];
}

export function accountOfArn(arn: string): string | undefined {
  return /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

// The session name of an "arn:aws:sts::ACCT:assumed-role/ROLE/SESSION" entry when it names a
// session of the calling role (the session ARN carries the role's name, not its path).
export function roleSessionOf(options: { entry: string; caller: Caller }): string | undefined {
  const { entry, caller } = options;
  if (caller.kind !== "role" || !caller.accountId) return undefined;
  const match = ROLE_SESSION.exec(entry);
  if (!match || match[1] !== caller.accountId) return undefined;
  const roleName = caller.arn.slice(caller.arn.lastIndexOf("/") + 1);
  return match[2] === roleName ? match[3] : undefined;
}
