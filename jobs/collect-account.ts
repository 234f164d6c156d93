import type pg from "pg";
import type PgBoss from "pg-boss";
import { enqueue } from "./boss";
import type { TEnv } from "../lib/config/env";
import { createCredentialSource } from "../lib/aws/credential-source";
import { collectAccount } from "../lib/collect/collect-account";
import { finishRunIfComplete } from "../lib/collect/finish-run";
import { heartbeat } from "../lib/collect/run-records";
import { ZCollectAccountPayload } from "./definitions";

/** One account of a run, on whichever worker took the job; the last one closes the run. */
export async function handleCollectAccount(options: { boss: PgBoss; pool: pg.Pool; env: TEnv; data: unknown }) {
  const { runId, accountId } = ZCollectAccountPayload.parse(options.data);
  const { rows } = await options.pool.query("SELECT status FROM collection_run WHERE id = $1", [runId]);
  if (rows[0]?.status !== "running") return { skipped: `run ${runId} is ${rows[0]?.status ?? "missing"}` };
  const beat = setInterval(() => heartbeat({ pool: options.pool, runId }).catch(() => {}), 10_000);
  try {
    await heartbeat({ pool: options.pool, runId });
    const credentials = createCredentialSource({ env: options.env, runId });
    const result = await collectAccount({ pool: options.pool, env: options.env, runId, accountId, credentials });
    const summary = await finishRunIfComplete({ pool: options.pool, runId });
    if (summary && summary.status !== "failed") await enqueue(options.boss, "analyzeSnapshot", { collectionRunId: runId });
    return { status: result.status, runFinished: summary?.status ?? null };
  } finally {
    clearInterval(beat);
  }
}
