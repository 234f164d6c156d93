// The two layers of an item's decision history: the reviewer's decision and an admin's
// override of it. Both are kept; the item's effective decision is the latest row.

export type TDecisionEntry = { decision: string; comment: string | null; decidedBy: string; decidedAt: Date; override: boolean };
export type TDecisionLayers = { reviewerDecision: TDecisionEntry | null; override: TDecisionEntry | null };

/** SQL (alias i): an item's decision rows oldest first, as JSON for toDecisionEntries. */
export const DECISION_HISTORY_SQL = `coalesce((SELECT json_agg(json_build_object('decision', d.decision, 'comment', d.comment, 'decidedBy', d.decided_by,
  'decidedAt', d.decided_at, 'override', d.override) ORDER BY d.id) FROM review_decision d WHERE d.item_id = i.id), '[]')`;

export function toDecisionEntries(rows: unknown): TDecisionEntry[] {
  return ((rows as Array<Omit<TDecisionEntry, "decidedAt"> & { decidedAt: string }>) ?? []).map((h) => ({ ...h, override: !!h.override, decidedAt: new Date(h.decidedAt) }));
}

/** The reviewer's decision (the last ordinary row) and the override in force (the last override row after it). */
export function decisionLayers(history: TDecisionEntry[]): TDecisionLayers {
  const lastOrdinary = history.findLastIndex((h) => !h.override);
  const lastOverride = history.findLastIndex((h) => h.override);
  return {
    reviewerDecision: lastOrdinary >= 0 ? history[lastOrdinary] : null,
    override: lastOverride > lastOrdinary ? history[lastOverride] : null,
  };
}
