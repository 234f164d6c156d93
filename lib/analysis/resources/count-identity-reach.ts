import type { TAccessLevel, TPrincipalAccess } from "../results";

export const LEVELS: TAccessLevel[] = ["List", "Read", "Write", "Permissions management", "Tagging"];

export type TLevelCounts = Record<TAccessLevel, number>;

export function emptyLevelCounts(): TLevelCounts {
  return { List: 0, Read: 0, Write: 0, "Permissions management": 0, Tagging: 0 };
}

export type TIdentityReachIndex = {
  /** Principals of `accountId` whose identity policies grant each level on `service`. */
  countsFor: (options: { accountId: string; service: string }) => TLevelCounts;
};

// Per account and service, how many principals hold each level through their own policies.
// Computed once from the effective access (whose per-level service lists are interned and
// shared), so 200,000 resources cost a map lookup each instead of a pass over 100,000
// principals per resource.
export function countIdentityReach(options: { access: TPrincipalAccess[] }): TIdentityReachIndex {
  // account -> interned list -> how many principals of the account share it, per level.
  const listCounts = new Map<string, Map<TAccessLevel, Map<string[], number>>>();
  for (const principal of options.access) {
    let byLevel = listCounts.get(principal.accountId);
    if (!byLevel) {
      byLevel = new Map(LEVELS.map((level) => [level, new Map<string[], number>()]));
      listCounts.set(principal.accountId, byLevel);
    }
    for (const level of LEVELS) {
      const list = principal.servicesByLevel[level];
      if (list.length === 0) continue;
      const counts = byLevel.get(level)!;
      counts.set(list, (counts.get(list) ?? 0) + 1);
    }
  }
  const expanded = new Map<string, Map<string, TLevelCounts>>();
  const expand = (accountId: string): Map<string, TLevelCounts> => {
    let services = expanded.get(accountId);
    if (services) return services;
    services = new Map();
    for (const [level, lists] of listCounts.get(accountId) ?? []) {
      for (const [list, count] of lists) {
        for (const service of list) {
          let counts = services.get(service);
          if (!counts) {
            counts = emptyLevelCounts();
            services.set(service, counts);
          }
          counts[level] += count;
        }
      }
    }
    expanded.set(accountId, services);
    return services;
  };
  return { countsFor: ({ accountId, service }) => expand(accountId).get(service) ?? emptyLevelCounts() };
}
