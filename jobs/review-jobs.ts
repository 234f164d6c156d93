// Recurring review campaigns: one cron job creates the campaigns of every due schedule.
// The lead's worker calls registerReviewJobs({ boss, pool }) next to the collection jobs.
import type PgBoss from "pg-boss";
import type pg from "pg";
import { z } from "zod";
import { runDueReviewSchedules } from "../lib/reviews/run-due-review-schedules";

export const ZRunReviewSchedulesPayload = z.object({ now: z.coerce.date().optional() }).default({});

export const REVIEW_JOBS = {
  runReviewSchedules: {
    name: "run-review-schedules",
    schema: ZRunReviewSchedulesPayload,
    /** Hourly: a schedule's campaign starts within the hour of its next_run_at. */
    cron: "7 * * * *",
  },
} as const;

export async function handleRunReviewSchedules(options: { pool: pg.Pool; data: unknown }) {
  const payload = ZRunReviewSchedulesPayload.parse(options.data ?? {});
  const results = await runDueReviewSchedules({ pool: options.pool, now: payload.now });
  for (const r of results) {
    process.stderr.write(r.error ? `[reviews] schedule ${r.scheduleId}: no campaign: ${r.error}\n` : `[reviews] schedule ${r.scheduleId}: campaign ${r.campaignId} (${r.items} items)\n`);
  }
  return results;
}

/** Creates the queue, its worker and the cron schedule. */
export async function registerReviewJobs(options: { boss: PgBoss; pool: pg.Pool }): Promise<void> {
  const job = REVIEW_JOBS.runReviewSchedules;
  await options.boss.createQueue(job.name, { name: job.name, retryLimit: 2, retryDelay: 60, expireInSeconds: 3600 });
  await options.boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 5 }, async ([entry]: PgBoss.Job<unknown>[]) =>
    handleRunReviewSchedules({ pool: options.pool, data: entry.data }));
  await options.boss.schedule(job.name, job.cron, {});
}
