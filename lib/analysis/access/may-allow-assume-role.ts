import { matchActionPattern, matchResource, type Policy, type Statement } from "../../policy";
import type { TPrincipalInput } from "./create-principal-evaluator";

// What a policy says about sts:AssumeRole, read once per Policy object.
type TAssumeGrants = {
  // Resource patterns of Allow statements naming sts:AssumeRole.
  patterns: string[];
  // An Allow statement whose resources cannot be judged by pattern (NotResource, variables).
  undecidable: boolean;
  // A statement about sts:AssumeRole depends on who the caller is (principal condition keys
  // or policy variables), so two callers with this policy may get different answers.
  callerDependent: boolean;
};

const grantsByPolicy = new WeakMap<Policy, TAssumeGrants>();
const serials = new WeakMap<Policy, number>();
let nextSerial = 1;
const ASSUME_ROLE = "sts:AssumeRole";

// A cheap necessary condition for "the caller's own policies allow sts:AssumeRole on this
// role": some Allow statement naming sts:AssumeRole has a Resource pattern matching the
// role's ARN. Callers granted sts:AssumeRole on a few ARNs only are common, and testing
// them against every role that trusts their account with a full request evaluation
// dominated reachability; this rules most of those pairs out first.
export function mayAllowAssumeRole(options: { policies: Policy[]; roleArn: string }): boolean {
  for (const policy of options.policies) {
    const grants = grantsOf(policy);
    if (grants.undecidable) return true;
    for (const pattern of grants.patterns) if (matchResource({ pattern, resource: options.roleArn })) return true;
  }
  return false;
}

// Names the caller-side inputs of an sts:AssumeRole decision when none of them depends on
// who exactly the caller is: every member of a group (or every copy of a stamped role)
// then shares one decision per target role. undefined when the inputs are caller-specific.
export function callerDecisionKey(input: TPrincipalInput): string | undefined {
  const parts: string[] = [input.isManagementAccount ? "m" : "", input.isServiceLinkedRole ? "s" : ""];
  const add = (prefix: string, policies: Policy[]) => {
    const ids: number[] = [];
    for (const policy of policies) {
      if (grantsOf(policy).callerDependent) return false;
      let serial = serials.get(policy);
      if (serial === undefined) serials.set(policy, (serial = nextSerial++));
      ids.push(serial);
    }
    parts.push(`${prefix}${ids.sort((a, b) => a - b).join(",")}`);
    return true;
  };
  const layers: Array<[string, Policy[]]> = [["i", input.identityPolicies], ["g", input.groupPolicies ?? []], ["b", input.permissionBoundary ? [input.permissionBoundary] : []]];
  for (const [level, policies] of (input.scps ?? []).entries()) layers.push([`s${level}`, policies]);
  for (const [prefix, policies] of layers) if (!add(prefix, policies)) return undefined;
  return parts.join("|");
}

function grantsOf(policy: Policy): TAssumeGrants {
  let grants = grantsByPolicy.get(policy);
  if (grants) return grants;
  grants = { patterns: [], undecidable: false, callerDependent: false };
  for (const statement of policy.document.statements) {
    if (!namesAssumeRole(statement)) continue;
    if (dependsOnCaller(statement)) grants.callerDependent = true;
    if (statement.effect !== "Allow") continue;
    if (statement.notResources || !statement.resources) {
      grants.undecidable = true;
      continue;
    }
    for (const resource of statement.resources) {
      if (resource.includes("${")) grants.undecidable = true;
      else grants.patterns.push(resource);
    }
  }
  grantsByPolicy.set(policy, grants);
  return grants;
}

function namesAssumeRole(statement: Statement): boolean {
  // The engine's own reading of an entry, so a NotAction entry rules out exactly what the
  // request evaluation would.
  const listed = (statement.actions ?? statement.notActions ?? []).some((pattern) => matchActionPattern({ pattern, action: ASSUME_ROLE }));
  return statement.actions ? listed : !listed;
}

function dependsOnCaller(statement: Statement): boolean {
  if ([...(statement.resources ?? []), ...(statement.notResources ?? [])].some((resource) => resource.includes("${"))) return true;
  return statement.conditions.some((clause) => {
    const key = clause.key.toLowerCase();
    return key.startsWith("aws:principal") || key === "aws:userid" || key === "aws:username" || clause.values.some((value) => value.includes("${"));
  });
}
