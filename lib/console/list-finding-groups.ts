import "server-only";
import { FINDING_RULES } from "../analysis/findings/finding-rules";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assignedEvidenceScope } from "../reviews/assigned-evidence";
import type { TFindingListQuery } from "./finding-list-query";
import { findingFilter } from "./list-finding-filter";

export type TFindingGroup = {
  rule: string; title: string; description: string;
  /** The most severe instance's severity (a rule's findings may be raised or lowered by their evidence). */
  severity: string; cisControl: string | null;
  count: number; accounts: number; bySeverity: Record<string, number>; lastSeenAt: Date;
};

const RULES = new Map(FINDING_RULES.map((rule) => [rule.id, rule]));

/** The findings list grouped by rule: counts, worst severity, accounts affected; same filters as the list. Most severe first, then the largest. */
export async function listFindingGroups(options: { user: TSessionUser; query: TFindingListQuery; unusedOnly?: boolean }): Promise<TFindingGroup[]> {
  // Reviewers: only the findings about principals of their own review items, as in the list.
  const assignedTo = assignedEvidenceScope(options.user, "findings.read");
  const { pool } = getDb();
  const filter = findingFilter({ query: options.query, unusedOnly: options.unusedOnly, assignedTo });
  const { rows } = await pool.query(
    `WITH hits AS (SELECT f.rule, f.severity, f.account_id, f.cis_control, f.last_seen_at FROM finding f WHERE ${filter.where}),
       per AS (SELECT rule, severity, count(*)::int AS n FROM hits GROUP BY 1, 2)
     SELECT h.rule, min(array_position(ARRAY['critical','high','medium','low','info'], h.severity)) AS rank, count(*)::int AS count,
       count(DISTINCT h.account_id)::int AS accounts, max(h.cis_control) AS "cisControl", max(h.last_seen_at) AS "lastSeenAt",
       (SELECT jsonb_object_agg(p.severity, p.n) FROM per p WHERE p.rule = h.rule) AS "bySeverity"
     FROM hits h GROUP BY h.rule ORDER BY rank, count DESC, h.rule`,
    filter.params,
  );
  return rows.map((row) => {
    const rule = RULES.get(row.rule);
    return {
      rule: row.rule, title: rule?.title ?? row.rule, description: rule?.description ?? "",
      severity: ["critical", "high", "medium", "low", "info"][row.rank - 1] ?? "info", cisControl: row.cisControl ?? rule?.cisControl ?? null,
      count: row.count, accounts: row.accounts, bySeverity: row.bySeverity ?? {}, lastSeenAt: row.lastSeenAt,
    };
  });
}
