// Service control policies as the regional data services see them: an explicit Deny whose
// conditions hold (typically a region guardrail on aws:RequestedRegion) refuses the call.
// Allow lists are not modelled: FullAWSAccess is attached everywhere in simulated orgs.
import type { SimState } from "./state";
import { actionMatches, conditionsHold, statements, type Statement } from "./policy";

const cache = new WeakMap<SimState, Map<string, Statement[]>>();

function denyStatements(state: SimState, accountId: string): Statement[] {
  let perAccount = cache.get(state);
  if (!perAccount) { perAccount = new Map(); cache.set(state, perAccount); }
  const known = perAccount.get(accountId);
  if (known) return known;
  const account = state.accounts.get(accountId);
  const targets = new Set<string>([accountId, state.org.root.id]);
  for (let parent = account?.parentId; parent && state.ousById.has(parent); parent = state.ousById.get(parent)!.parentId) targets.add(parent);
  const found = state.org.policies
    .filter((p) => p.type === "SERVICE_CONTROL_POLICY" && p.targets.some((t) => targets.has(t)))
    .flatMap((p) => statements(p.content))
    .filter((st) => st.Effect === "Deny");
  perAccount.set(accountId, found);
  return found;
}

/** True when an SCP of the account explicitly denies `action` (service:Operation) in `region`. */
export function scpDenies(options: { state: SimState; accountId: string; principalArn: string; action: string; region: string }): boolean {
  const { state, accountId } = options;
  // The management account is not affected by SCPs.
  if (accountId === state.org.managementAccountId) return false;
  const context = { "aws:requestedregion": options.region, "aws:principalarn": options.principalArn, "aws:principalaccount": accountId };
  return denyStatements(state, accountId).some((st) => actionMatches(st, options.action) && conditionsHold(st.Condition, context));
}
