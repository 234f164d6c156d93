import pLimit from "p-limit";
import type pg from "pg";
import type { TEnv } from "../config/env";
import { addCallStats, newCallStats, type TCallStats } from "../aws/call-stats";
import { collectAccount, type TAccountResult } from "./collect-account";
import { finishRunIfComplete, type TRunSummary } from "./finish-run";
import { heartbeat } from "./run-records";
import { startRun } from "./start-run";

export type TProgress = {
  runId: number;
  accountsTotal: number;
  accountsDone: number;
  accountsFailed: number;
  running: string[];
  stats: TCallStats;
};

/**
 * One whole collection in this process: discovery, then every pending account with at
 * most COLLECT_CONCURRENCY at once (one set of clients per account), then the run's
 * status and summary. The pg-boss jobs run the same steps spread over workers.
 */
export async function runCollection(options: {
  pool: pg.Pool;
  env: TEnv;
  trigger: string;
  accounts?: string[];
  onProgress?: (progress: TProgress) => void;
}): Promise<{ summary: TRunSummary; results: TAccountResult[] }> {
  const { pool, env } = options;
  const run = await startRun({ pool, env, trigger: options.trigger, accounts: options.accounts });
  const progress: TProgress = { runId: run.runId, accountsTotal: run.pending.length, accountsDone: 0, accountsFailed: 0, running: [], stats: newCallStats() };
  const live = new Map<string, TCallStats>();
  const report = () => {
    if (!options.onProgress) return;
    const stats = newCallStats();
    addCallStats(stats, progress.stats);
    for (const s of live.values()) addCallStats(stats, s);
    options.onProgress({ ...progress, running: [...live.keys()], stats });
  };
  const beat = setInterval(() => {
    heartbeat({ pool, runId: run.runId }).catch(() => {});
    report();
  }, 1_000);
  const limit = pLimit(env.COLLECT_CONCURRENCY);
  try {
    const results = await Promise.all(run.pending.map((accountId) => limit(async () => {
      const stats = newCallStats();
      live.set(accountId, stats);
      const result = await collectAccount({ pool, env, runId: run.runId, accountId, credentials: run.credentials, stats });
      live.delete(accountId);
      addCallStats(progress.stats, result.stats);
      progress.accountsDone++;
      if (result.status === "failed") progress.accountsFailed++;
      report();
      return result;
    })));
    await run.background;
    const summary = await finishRunIfComplete({ pool, runId: run.runId });
    if (!summary) throw new Error(`run ${run.runId} did not finish: accounts still pending`);
    return { summary, results };
  } finally {
    clearInterval(beat);
  }
}
