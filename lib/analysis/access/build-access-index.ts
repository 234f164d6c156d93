import { ACCESS_LEVELS } from "../../policy";
import type { TAccessLevel, TPrincipalAccess } from "../results";

export type TGrant = "allowed" | "partial" | "conditional";

// "At least level L" ranks Write and Tagging alike: tagging changes a resource just as a
// write does (and tag-based access control makes it a way to gain access), while
// Permissions management ranks highest because it can change who may do everything else.
export const LEVEL_RANK: Record<TAccessLevel, number> = { List: 0, Read: 1, Write: 2, Tagging: 2, "Permissions management": 3 };

export type TAccessIndexEntry = { principalKey: string; grant: TGrant };

// Principals per (account, service, access level) that hold at least one action of that
// service at that level in any form: the shape of the table the console queries.
export type TAccessIndex = Map<string, TAccessIndexEntry[]>;

export function accessIndexKey(options: { accountId: string; service: string; level: TAccessLevel }): string {
  return `${options.accountId}|${options.service.toLowerCase()}|${options.level}`;
}

// Over a whole organisation this holds one entry per principal, service and level (tens of
// millions for admin-heavy ones): materialise it in the database, or restrict it here to the
// accounts a question is about.
export function buildAccessIndex(options: { access: TPrincipalAccess[]; accountIds?: ReadonlySet<string> }): TAccessIndex {
  const index: TAccessIndex = new Map();
  for (const principal of options.access) {
    if (options.accountIds && !options.accountIds.has(principal.accountId)) continue;
    for (const service of principal.summary.services) {
      for (const level of ACCESS_LEVELS) {
        const counts = service.levels[level];
        const grant: TGrant | null = counts.allowed > 0 ? "allowed" : counts.partial > 0 ? "partial" : counts.conditional > 0 ? "conditional" : null;
        if (!grant) continue;
        const key = accessIndexKey({ accountId: principal.accountId, service: service.service, level });
        const entries = index.get(key);
        const entry = { principalKey: principal.principalKey, grant };
        if (entries) entries.push(entry);
        else index.set(key, [entry]);
      }
    }
  }
  return index;
}

export function levelsAtLeast(level: TAccessLevel): TAccessLevel[] {
  return ACCESS_LEVELS.filter((candidate) => LEVEL_RANK[candidate] >= LEVEL_RANK[level]);
}

const GRANT_STRENGTH: Record<TGrant, number> = { conditional: 0, partial: 1, allowed: 2 };

export function strongerGrant(a: TGrant | undefined, b: TGrant): TGrant {
  return a !== undefined && GRANT_STRENGTH[a] >= GRANT_STRENGTH[b] ? a : b;
}

/** For one action: the identity holds some, not all, actions of its level, so this one is not confirmed. */
export type TActionGrant = TGrant | "unconfirmed";

type TLevelCounts = { total: number; allowed: number; partial: number; conditional: number };

/**
 * How an identity holds one particular action, from its level's counts alone: when every
 * action of the level is granted, the action is too (at worst in the weakest form present);
 * otherwise the counts cannot say whether it is among those granted.
 */
export function grantForAction(counts: TLevelCounts | undefined): TActionGrant | null {
  if (!counts || counts.allowed + counts.partial + counts.conditional === 0) return null;
  if (counts.allowed === counts.total) return "allowed";
  if (counts.allowed + counts.partial === counts.total) return "partial";
  if (counts.allowed + counts.partial + counts.conditional === counts.total) return "conditional";
  return "unconfirmed";
}
