import { setMaxListeners } from "node:events";
import { IAMClient } from "@aws-sdk/client-iam";
import pLimit from "p-limit";
import type pg from "pg";
import type { TEnv } from "../config/env";
import { clientConfig, countCalls } from "../aws/client-config";
import { describeAwsError } from "../aws/aws-error";
import { sharedRateGovernor, type RateGovernor } from "../aws/rate-governor";
import { newCallStats, type TCallStats } from "../aws/call-stats";
import type { TCredentialSource } from "../aws/credential-source";
import { readRecords } from "../snapshot/read-records";
import { storePolicyDocuments, storeRecords } from "../snapshot/store-records";
import type { TRecordBatch } from "../snapshot/types";
import { accountCollectors } from "./registry";
import type { TAccountCollector, TAccountContext, TUnavailable } from "./types";

export type TAccountResult = {
  accountId: string;
  status: "succeeded" | "partial" | "failed";
  errorCode?: string;
  error?: string;
  stats: TCallStats;
  unavailable: TUnavailable[];
  durationMs: number;
};

async function runCollector(options: { ctx: TAccountContext; collector: TAccountCollector; timings: Record<string, number>; unavailable: TUnavailable[] }) {
  const started = Date.now();
  try {
    return await options.collector.collect(options.ctx);
  } catch (error) {
    if (options.ctx.signal.aborted) throw error;
    const info = describeAwsError(error);
    for (const kind of options.collector.kinds) {
      options.unavailable.push({ kind, collector: options.collector.name, code: info.code, message: info.message });
    }
    return [] as TRecordBatch[];
  } finally {
    options.timings[options.collector.name] = Date.now() - started;
  }
}

/** Fails fast on credentials (AssumeRole refused, account unreachable) before any collector runs. */
async function checkCredentials(options: { credentials: ReturnType<TCredentialSource["forAccount"]>; signal: AbortSignal }) {
  const abort = new Promise<never>((_, reject) => options.signal.addEventListener("abort", () => reject(new Error("account timeout while getting credentials")), { once: true }));
  await Promise.race([options.credentials(), abort]);
}

/**
 * Collects one account and stores it as a new version in one transaction. Nothing of the
 * account is written unless it got that far, so a failure leaves earlier snapshots as
 * they were; a collector refused by an SCP only marks its kinds unavailable.
 */
export async function collectAccount(options: {
  pool: pg.Pool;
  env: TEnv;
  runId: number;
  accountId: string;
  credentials: TCredentialSource;
  collectors?: TAccountCollector[];
  governor?: RateGovernor;
  /** Counters to update live (progress display); a fresh set when omitted. */
  stats?: TCallStats;
}): Promise<TAccountResult> {
  const { pool, env, runId, accountId } = options;
  const started = Date.now();
  const stats = options.stats ?? newCallStats();
  const unavailable: TUnavailable[] = [];
  const timings: Record<string, number> = {};
  await pool.query("UPDATE account_run SET status = 'running', started_at = now() WHERE run_id = $1 AND account_id = $2", [runId, accountId]);
  const controller = new AbortController();
  // Every in-flight call of the account listens on this one signal.
  setMaxListeners(0, controller.signal);
  const timer = setTimeout(() => controller.abort(), env.COLLECT_ACCOUNT_TIMEOUT_MS);
  const credentials = options.credentials.forAccount(accountId, stats);
  const iam = countCalls(
    new IAMClient(clientConfig({ region: env.AWS_REGION, credentials, stats, timeoutMs: env.COLLECT_CALL_TIMEOUT_MS, maxAttempts: env.COLLECT_MAX_ATTEMPTS })),
    stats,
    { governor: options.governor ?? sharedRateGovernor(), scope: accountId },
  );
  let result: TAccountResult;
  const counts: Record<string, number> = {};
  const extraClients: Array<{ destroy: () => void }> = [];
  let sharedHandler: ReturnType<typeof clientConfig>["requestHandler"] | undefined;
  try {
    await checkCredentials({ credentials, signal: controller.signal });
    const ctx: TAccountContext = {
      accountId, iam, env, signal: controller.signal, limit: pLimit(4), documents: new Map(), principals: [],
      readCurrent: (kind) => readRecords({ pool, scope: accountId, kinds: [kind] }),
      makeClient: ({ region, create }) => {
        const config = clientConfig({ region, credentials, stats, timeoutMs: env.COLLECT_CALL_TIMEOUT_MS, maxAttempts: env.COLLECT_MAX_ATTEMPTS });
        // One connection pool for every extra client of the account (dozens: services × regions).
        sharedHandler ??= config.requestHandler;
        config.requestHandler = sharedHandler;
        const client = countCalls(create(config), stats, { governor: options.governor ?? sharedRateGovernor(), scope: accountId });
        extraClients.push(client);
        return client;
      },
      noteUnavailable: (entry) => unavailable.push(entry),
    };
    const [first, ...rest] = options.collectors ?? accountCollectors({ resources: env.COLLECT_RESOURCES });
    const batches = await runCollector({ ctx, collector: first, timings, unavailable });
    const principalsKnown = !unavailable.some((u) => u.collector === first.name);
    const runnable = rest.filter((c) => !c.needsPrincipals || principalsKnown);
    for (const skipped of rest.filter((c) => !runnable.includes(c))) {
      for (const kind of skipped.kinds) unavailable.push({ kind, collector: skipped.name, code: "PrincipalsUnavailable", message: `needs the principal list, which ${first.name} could not read` });
    }
    const more = await Promise.all(runnable.map((collector) => runCollector({ ctx, collector, timings, unavailable })));
    batches.push(...more.flat());
    for (const batch of batches) counts[batch.kind] = batch.records.length;
    if (controller.signal.aborted) throw new Error(`account collection exceeded COLLECT_ACCOUNT_TIMEOUT_MS (${env.COLLECT_ACCOUNT_TIMEOUT_MS} ms)`);
    const collectorCount = 1 + rest.length;
    const failedCollectors = new Set(unavailable.map((u) => u.collector)).size;
    if (failedCollectors === collectorCount) {
      result = { accountId, status: "failed", errorCode: unavailable[0]?.code, error: `no data kind could be read: ${unavailable[0]?.message}`, stats, unavailable, durationMs: Date.now() - started };
    } else {
      await storePolicyDocuments({ pool, documents: ctx.documents });
      await storeRecords({ pool, runId, scope: accountId, batches });
      result = { accountId, status: failedCollectors ? "partial" : "succeeded", stats, unavailable, durationMs: Date.now() - started };
    }
  } catch (error) {
    const info = controller.signal.aborted
      ? { code: "Timeout", message: `account collection exceeded COLLECT_ACCOUNT_TIMEOUT_MS (${env.COLLECT_ACCOUNT_TIMEOUT_MS} ms)` }
      : describeAwsError(error);
    result = { accountId, status: "failed", errorCode: info.code, error: info.message, stats, unavailable, durationMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
    iam.destroy();
    for (const client of extraClients) client.destroy();
  }
  await pool.query(
    `UPDATE account_run SET status = $3, error_code = $4, error = $5, finished_at = now(), duration_ms = $6,
       api_calls = $7, throttles = $8, retries = $9, unavailable = $10, timings = $11, counts = $12
     WHERE run_id = $1 AND account_id = $2`,
    [runId, accountId, result.status, result.errorCode ?? null, result.error ?? null, result.durationMs,
      stats.apiCalls, stats.throttles, stats.retries, JSON.stringify(unavailable), JSON.stringify(timings), JSON.stringify(counts)],
  );
  return result;
}
