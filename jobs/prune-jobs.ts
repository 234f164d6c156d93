// Snapshot retention: one daily cron job prunes the history older than
// HISTORY_RETENTION_DAYS (runs pinned by a review campaign stay). Registered by startWorkers.
import type PgBoss from "pg-boss";
import type pg from "pg";
import type { TEnv } from "../lib/config/env";
import { pruneHistory } from "../lib/snapshot/prune-history";

export const PRUNE_JOBS = {
  pruneHistory: { name: "prune-history" },
} as const;

export async function handlePruneHistory(options: { pool: pg.Pool; env: TEnv }) {
  if (options.env.HISTORY_RETENTION_DAYS === 0) return null;
  const result = await pruneHistory({ pool: options.pool, retentionDays: options.env.HISTORY_RETENTION_DAYS });
  process.stderr.write(`[retention] pruned runs ${result.prunedRuns.join(",") || "none"}: ${result.snapshotRecordsDeleted} snapshot rows, ${result.analysesPruned} analyses\n`);
  return result;
}

/** Creates the queue, its worker and the daily schedule (HISTORY_PRUNE_SCHEDULE). */
export async function registerPruneJobs(options: { boss: PgBoss; pool: pg.Pool; env: TEnv }): Promise<void> {
  const job = PRUNE_JOBS.pruneHistory;
  await options.boss.createQueue(job.name, { name: job.name, retryLimit: 2, retryDelay: 300, expireInSeconds: 3 * 3600 });
  await options.boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => handlePruneHistory({ pool: options.pool, env: options.env }));
  await options.boss.schedule(job.name, options.env.HISTORY_PRUNE_SCHEDULE, {});
}
