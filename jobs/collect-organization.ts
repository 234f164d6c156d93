import type PgBoss from "pg-boss";
import type pg from "pg";
import type { TEnv } from "../lib/config/env";
import { startRun } from "../lib/collect/start-run";
import { finishRunIfComplete } from "../lib/collect/finish-run";
import { JOBS, ZCollectOrganizationPayload } from "./definitions";
import { enqueue } from "./boss";

/** Sweep: opens a run, then fans out one collect-account job per pending account. */
export async function handleCollectOrganization(options: { boss: PgBoss; pool: pg.Pool; env: TEnv; data: unknown }) {
  const payload = ZCollectOrganizationPayload.parse(options.data);
  const run = await startRun({ pool: options.pool, env: options.env, trigger: payload.trigger, accounts: payload.accounts });
  if (run.pending.length > 0) await options.boss.insert(run.pending.map((accountId) => ({
    name: JOBS.collectAccount.name,
    data: JOBS.collectAccount.schema.parse({ runId: run.runId, accountId }),
    singletonKey: `${run.runId}:${accountId}`,
    retryLimit: 2,
    expireInSeconds: Math.ceil(options.env.COLLECT_ACCOUNT_TIMEOUT_MS / 1000) + 300,
  })));
  // Tags and Identity Center are collected here while workers take the accounts; whoever
  // finishes last (this job or an account job) closes the run.
  await run.background;
  const summary = await finishRunIfComplete({ pool: options.pool, runId: run.runId });
  if (summary && summary.status !== "failed") await enqueue(options.boss, "analyzeSnapshot", { collectionRunId: run.runId });
  return { runId: run.runId, accounts: run.pending.length };
}
