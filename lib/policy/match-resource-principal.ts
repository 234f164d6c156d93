import { isAccountPrincipal, accountOfPrincipal, type Caller } from "./match-principal";
import type { PrincipalSet } from "./policy-types";

// Who is calling a resource: an IAM user or role, optionally acting through one role session
// (sessionArn "arn:aws:sts::<account>:assumed-role/<role name>/<session name>").
export type ResourceCaller = Caller & { sessionArn?: string };

// How a resource policy's Principal names the caller. AWS treats these differently within
// one account: a grant to the account only delegates to IAM (the identity policy must allow);
// a grant to a role ARN still passes through the role's permissions boundary and session
// policies; a grant to an IAM user ARN or to one role session is not limited by an implicit
// deny in either (reference_policies_evaluation-logic_policy-eval-denyallow).
export type ResourcePrincipalMatch = "wildcard" | "account" | "role-arn" | "user-arn" | "role-session" | "service";

const SESSION_ARN = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;

export function matchResourcePrincipal(options: { set: PrincipalSet; caller: ResourceCaller }): ResourcePrincipalMatch | undefined {
  const { set, caller } = options;
  if (set.everyone) return "wildcard";
  if (caller.kind === "service") {
    return set.service.some((entry) => entry.toLowerCase() === caller.arn.toLowerCase()) ? "service" : undefined;
  }
  if (caller.kind !== "user" && caller.kind !== "role" && caller.kind !== "account") return undefined;
  let found: ResourcePrincipalMatch | undefined;
  for (const entry of set.aws) {
    const match = matchAwsEntry({ entry, caller });
    // The most direct naming decides: a session or user grant beats a role or account one.
    if (match && rank(match) > rank(found)) found = match;
  }
  return found;
}

function matchAwsEntry(options: { entry: string; caller: ResourceCaller }): ResourcePrincipalMatch | undefined {
  const { entry, caller } = options;
  if (entry === "*") return "wildcard";
  if (caller.accountId && isAccountPrincipal(entry) && accountOfPrincipal(entry) === caller.accountId) return "account";
  if (entry === caller.arn || (caller.uniqueId !== undefined && entry === caller.uniqueId)) {
    return caller.kind === "user" ? "user-arn" : caller.kind === "role" ? "role-arn" : "account";
  }
  if (caller.kind === "role" && caller.sessionArn && entry === caller.sessionArn && isSessionOf({ sessionArn: entry, roleArn: caller.arn })) return "role-session";
  return undefined;
}

function isSessionOf(options: { sessionArn: string; roleArn: string }): boolean {
  const session = SESSION_ARN.exec(options.sessionArn);
  if (!session) return false;
  const roleName = options.roleArn.split("/").pop();
  return options.roleArn.includes(`::${session[1]}:role/`) && roleName === session[2];
}

const RANK: Record<ResourcePrincipalMatch, number> = { account: 1, wildcard: 2, "role-arn": 3, service: 3, "user-arn": 4, "role-session": 4 };

function rank(match: ResourcePrincipalMatch | undefined): number {
  return match ? RANK[match] : 0;
}
