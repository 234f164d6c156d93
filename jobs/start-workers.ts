import type pg from "pg";
import type PgBoss from "pg-boss";
import type { TEnv } from "../lib/config/env";
import { startBoss } from "./boss";
import { JOBS } from "./definitions";
import { handleAnalyzeSnapshot } from "./analyze-snapshot";
import { handleCollectAccount } from "./collect-account";
import { handleCollectOrganization } from "./collect-organization";
import { registerReviewJobs } from "./review-jobs";
import { registerPruneJobs } from "./prune-jobs";
import { registerNotifyJobs, requestNotificationPlanning } from "./notify-jobs";
import { recordConfigurationIfChanged } from "../lib/audit/record-configuration";

export type TWorkers = { boss: PgBoss; stop: () => Promise<void> };

/**
 * Starts pg-boss on `url` and works every queue in this process: the sweep, `concurrency`
 * account jobs in parallel, and the analysis. Used by `npm run worker` and by anything that
 * wants collections started from the console to run in-process (the demo). Also the hourly
 * check that starts recurring review campaigns whose schedule is due, and the daily
 * snapshot retention (HISTORY_RETENTION_DAYS).
 * `stop()` finishes the jobs in hand, then stops pg-boss; it leaves `pool` open (the caller owns it).
 */
export async function startWorkers(options: { pool: pg.Pool; env: TEnv; url: string; concurrency?: number }): Promise<TWorkers> {
  const { pool, env } = options;
  await recordConfigurationIfChanged({ pool, component: "collector" });
  const boss = await startBoss({ url: options.url });
  const concurrency = options.concurrency ?? env.COLLECT_CONCURRENCY;
  await boss.work(JOBS.collectOrganization.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]: PgBoss.Job<unknown>[]) =>
    handleCollectOrganization({ boss, pool, env, data: job.data }));
  // pg-boss 10 runs one fetch loop per work() call: several calls give parallel accounts.
  for (let i = 0; i < concurrency; i++) {
    await boss.work(JOBS.collectAccount.name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]: PgBoss.Job<unknown>[]) =>
      handleCollectAccount({ boss, pool, env, data: job.data }));
  }
  await boss.work(JOBS.analyzeSnapshot.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]: PgBoss.Job<unknown>[]) => {
    const result = await handleAnalyzeSnapshot({ pool, data: job.data });
    await requestNotificationPlanning({ boss });
    return result;
  });
  await registerReviewJobs({ boss, pool });
  await registerPruneJobs({ boss, pool, env });
  await registerNotifyJobs({ boss, pool });
  return { boss, stop: () => boss.stop({ graceful: true, wait: true }) };
}
