import type { Policy } from "../../policy";
import type { TAccount, TOrgModel, TOrgPolicy } from "../model";
import type { TPolicyResolver } from "./create-policy-resolver";

// The SCP and RCP ceilings of one account: one list per level of its OU path (root first,
// the account's own attachments last), in the layout computeEffectiveActions expects.
export type TAccountStack = {
  accountId: string;
  scps: Policy[][];
  rcps: Policy[][];
  isManagement: boolean;
  // aws:PrincipalOrgPaths of the account's principals ("o-…/r-…/ou-…/").
  orgPath: string | null;
};

// Accounts under the same OU path with the same attachments get the very same arrays, so the
// engine's per-stack memo is hit for all of them.
export function buildOrganizationStacks(options: { model: TOrgModel; resolver: TPolicyResolver }): Map<string, TAccountStack> {
  const { model, resolver } = options;
  const scpsByTarget = groupByTarget({ policies: model.scps, resolve: (policy) => resolver.resolve({ ref: policy, kind: "scp" }) });
  const rcpsByTarget = groupByTarget({ policies: model.rcps, resolve: (policy) => resolver.resolve({ ref: policy, kind: "rcp" }) });
  const shared = { stacks: new Map<string, Policy[][]>(), serials: new Map<Policy, number>() };
  const stacks = new Map<string, TAccountStack>();
  for (const account of model.accounts) {
    const isManagement = account.isManagement || account.id === model.managementAccountId;
    stacks.set(account.id, {
      accountId: account.id,
      scps: levelsOf({ account, byTarget: scpsByTarget, inUse: model.scps.length > 0, shared, layer: "scp" }),
      rcps: levelsOf({ account, byTarget: rcpsByTarget, inUse: model.rcps.length > 0, shared, layer: "rcp" }),
      isManagement,
      orgPath: model.organizationId && account.ouPath.length > 0 ? `${model.organizationId}/${account.ouPath.join("/")}/` : null,
    });
  }
  return stacks;
}

function groupByTarget(options: { policies: TOrgPolicy[]; resolve: (policy: TOrgPolicy) => Policy | null }): Map<string, Policy[]> {
  const byTarget = new Map<string, Policy[]>();
  for (const orgPolicy of options.policies) {
    const policy = options.resolve(orgPolicy);
    if (!policy) continue;
    for (const target of orgPolicy.targets) {
      const list = byTarget.get(target);
      if (list) list.push(policy);
      else byTarget.set(target, [policy]);
    }
  }
  return byTarget;
}

// AWS never leaves a level without a policy (FullAWSAccess / RCPFullAWSAccess cannot all be
// detached), so an empty level in the model means the attachment was not collected. Reading
// it as "nothing passes" would erase the access of every principal below it; skipping it
// errs towards showing more access, the safe side for a review.
function levelsOf(options: {
  account: TAccount;
  byTarget: Map<string, Policy[]>;
  inUse: boolean;
  shared: { stacks: Map<string, Policy[][]>; serials: Map<Policy, number> };
  layer: "scp" | "rcp";
}): Policy[][] {
  if (!options.inUse) return [];
  const levels = [...options.account.ouPath, options.account.id]
    .map((target) => options.byTarget.get(target) ?? [])
    .filter((level) => level.length > 0);
  const { serials } = options.shared;
  const serialOf = (policy: Policy) => serials.get(policy) ?? serials.set(policy, serials.size).size - 1;
  const key = `${options.layer}:${levels.map((level) => level.map(serialOf).join(",")).join("|")}`;
  const existing = options.shared.stacks.get(key);
  if (existing) return existing;
  options.shared.stacks.set(key, levels);
  return levels;
}
