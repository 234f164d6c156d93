import type { TAccessLevel } from "../analysis/results";

// The ranking of lib/analysis/access/build-access-index.ts (List < Read < Write = Tagging <
// Permissions management), restated here because that module imports lib/policy's index,
// which pulls the whole IAM data package into the console's server bundle.
const LEVEL_RANK: Record<TAccessLevel, number> = { List: 0, Read: 1, Write: 2, Tagging: 2, "Permissions management": 3 };
const LEVELS: TAccessLevel[] = ["List", "Read", "Write", "Permissions management", "Tagging"];

export type TGrant = "allowed" | "partial" | "conditional";
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

export function levelsAtLeast(level: TAccessLevel): TAccessLevel[] {
  return LEVELS.filter((candidate) => LEVEL_RANK[candidate] >= LEVEL_RANK[level]);
}

const GRANT_STRENGTH: Record<TGrant, number> = { conditional: 0, partial: 1, allowed: 2 };

export function strongerGrant(a: TGrant | undefined, b: TGrant): TGrant {
  return a !== undefined && GRANT_STRENGTH[a] >= GRANT_STRENGTH[b] ? a : b;
}
