import type pg from "pg";
import type { TSessionUser } from "../auth/permissions";
import { isConsoleError } from "../console/console-error";
import { createCampaign } from "./create-campaign";
import type { TCampaignScope, TReviewerConfig } from "./review-schemas";

/** Scheduled campaigns are created by the system, with the admin permission a person would need. */
const SYSTEM_USER: TSessionUser = { id: "system", email: null, name: "review scheduler", roles: ["admin"] };

export type TScheduleRun = { scheduleId: number; campaignId: number | null; items: number; error: string | null };

/** The first occurrence after `now` of `from` + k × `months`. */
export function nextOccurrence(options: { from: Date; months: number; now: Date }): Date {
  const next = new Date(options.from);
  while (next.getTime() <= options.now.getTime()) next.setUTCMonth(next.getUTCMonth() + options.months);
  return next;
}

/**
 * Creates one campaign for each active schedule that is due and moves its next run on.
 * The schedule is claimed first (compare-and-set on next_run_at) so two workers never
 * create the same campaign; a scope that no longer matches anything is reported, not retried.
 */
export async function runDueReviewSchedules(options: { pool: pg.Pool; now?: Date }): Promise<TScheduleRun[]> {
  const now = options.now ?? new Date();
  const { rows: due } = await options.pool.query("SELECT * FROM review_schedule WHERE active AND next_run_at <= $1 ORDER BY id", [now]);
  const results: TScheduleRun[] = [];
  for (const schedule of due) {
    const next = nextOccurrence({ from: schedule.next_run_at, months: schedule.every_months, now });
    const claim = await options.pool.query("UPDATE review_schedule SET next_run_at = $3 WHERE id = $1 AND next_run_at = $2 AND active", [schedule.id, schedule.next_run_at, next]);
    if (claim.rowCount === 0) continue;
    try {
      const created = await createCampaign({
        pool: options.pool, user: SYSTEM_USER, now, scheduleId: schedule.id,
        input: {
          name: `${schedule.name} (${now.toISOString().slice(0, 10)})`,
          description: `Created by the review schedule "${schedule.name}" (every ${schedule.every_months} month(s)).`,
          scope: schedule.scope as TCampaignScope, reviewers: schedule.reviewer_config as TReviewerConfig,
          dueAt: new Date(now.getTime() + schedule.due_days * 86_400_000),
        },
      });
      results.push({ scheduleId: schedule.id, campaignId: created.campaignId, items: created.items, error: null });
    } catch (error) {
      if (!isConsoleError(error)) throw error;
      results.push({ scheduleId: schedule.id, campaignId: null, items: 0, error: error.message });
    }
  }
  return results;
}
