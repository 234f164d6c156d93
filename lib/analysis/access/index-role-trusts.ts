import type { Policy, Statement } from "../../policy";
import type { TPrincipal } from "../model";
import type { TPolicyResolver } from "./create-policy-resolver";
import { principalArn, type TPrincipalEvaluator } from "./create-principal-evaluator";

export type TTrustedRole = {
  role: TPrincipal;
  arn: string;
  accountId: string;
  trust: Policy;
  // Two callers of the same account and kind may get different answers: conditions on the
  // caller's own ARN, tags or ids, or a Deny / NotPrincipal that singles principals out.
  callerDependent: boolean;
};

// Roles by whom their trust policies name, so each caller is tested only against roles
// that could admit it instead of every (caller, role) pair of the organisation.
export type TTrustIndex = {
  roles: TTrustedRole[];
  // A user or role ARN, or the unique id a trust shows once the named principal is deleted.
  byPrincipal: Map<string, TTrustedRole[]>;
  // "123456789012" or "arn:aws:iam::123456789012:root": every principal of that account.
  byAccount: Map<string, TTrustedRole[]>;
  // "*" or NotPrincipal: any caller anywhere, subject to conditions.
  anyPrincipal: TTrustedRole[];
};

const CALLER_SPECIFIC_KEYS = ["aws:principalarn", "aws:principaltag/", "aws:userid", "aws:username", "aws:sourceidentity"];
const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const ROLE_SESSION = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;

// The byPrincipal key under which trusts naming sessions of a role are indexed.
export function sessionKey(options: { accountId: string; roleName: string }): string {
  return `session:${options.accountId}:${options.roleName}`;
}

export function indexRoleTrusts(options: { evaluator: TPrincipalEvaluator }): TTrustIndex {
  const { evaluator } = options;
  const index: TTrustIndex = { roles: [], byPrincipal: new Map(), byAccount: new Map(), anyPrincipal: [] };
  const add = (map: Map<string, TTrustedRole[]>, key: string, role: TTrustedRole) => {
    const list = map.get(key);
    if (!list) map.set(key, [role]);
    else if (list[list.length - 1] !== role) list.push(role);
  };
  for (const principal of evaluator.model.principals) {
    if (principal.kind !== "iam-role" || !principal.accountId) continue;
    const trust = trustPolicyOf({ resolver: evaluator.resolver, role: principal });
    if (!trust) continue;
    const statements = trust.document.statements;
    const role: TTrustedRole = { role: principal, arn: principalArn(principal), accountId: principal.accountId, trust, callerDependent: statements.some(isCallerDependent) };
    index.roles.push(role);
    let anyone = false;
    for (const statement of statements) {
      if (statement.effect !== "Allow") continue;
      if (statement.notPrincipal || statement.principal?.everyone) anyone = true;
      for (const entry of statement.principal?.aws ?? []) {
        if (entry === "*") {
          anyone = true;
          continue;
        }
        const account = /^\d{12}$/.test(entry) ? entry : accountOfRoot(entry);
        const session = ROLE_SESSION.exec(entry);
        if (account) add(index.byAccount, account, role);
        // A role session ARN carries the role's name, not its path: found by sessionKey.
        else if (session) add(index.byPrincipal, sessionKey({ accountId: session[1], roleName: session[2] }), role);
        else add(index.byPrincipal, entry, role);
      }
    }
    if (anyone) index.anyPrincipal.push(role);
  }
  return index;
}

export function trustPolicyOf(options: { resolver: TPolicyResolver; role: TPrincipal }): Policy | null {
  const { role } = options;
  if (role.trustPolicy === null || role.trustPolicy === undefined) return null;
  return options.resolver.resolve({ ref: { id: `trust:${role.key}`, name: "trust", kind: "inline", document: role.trustPolicy }, kind: "trust" });
}

function accountOfRoot(entry: string): string | undefined {
  return ACCOUNT_ROOT.exec(entry)?.[1];
}

function isCallerDependent(statement: Statement): boolean {
  if (statement.notPrincipal) return true;
  if (statement.effect === "Deny" && statement.principal?.aws.some((entry) => entry !== "*" && !/^\d{12}$/.test(entry) && !ACCOUNT_ROOT.test(entry))) return true;
  return statement.conditions.some((clause) => {
    const key = clause.key.toLowerCase();
    return CALLER_SPECIFIC_KEYS.some((prefix) => key.startsWith(prefix)) || clause.values.some((value) => value.includes("${"));
  });
}
