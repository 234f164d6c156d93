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
import { awsManagedPolicyCatalog, type AwsManagedPolicyCatalog } from "./aws-managed-policies";
import { startProgressBreaker } from "./progress-breaker";
import { keepStoredVersionsOfErrored, setAsideUnkeyedRecords, type TRecordError } from "./record-errors";
import { accountCollectors } from "./registry";
import type { TAccountCollector, TAccountContext, TUnavailable } from "./types";

export type TAccountResult = {
  accountId: string;
  status: "succeeded" | "partial" | "failed";
  errorCode?: string;
  error?: string;
  stats: TCallStats;
  unavailable: TUnavailable[];
  recordErrors: TRecordError[];
  durationMs: number;
};

/** Why an account was stopped before its collectors finished. */
type TStopReason = { code: "Timeout" | "NoProgress"; message: string };

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
  const abort = new Promise<never>((_, reject) => options.signal.addEventListener("abort", () => reject(new Error("account stopped while getting credentials")), { once: true }));
  await Promise.race([options.credentials(), abort]);
}

/**
 * Waits for every collector, even after one failed: the account returns only once all
 * its work has stopped, so nothing it started runs (or calls AWS) after it ended.
 */
async function settleAll<T>(work: Array<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/** Unreadable records are kept in the account's `unavailable` list, with what was wrong. */
function asUnavailable(errors: TRecordError[]): TUnavailable[] {
  return errors.map((e) => ({ kind: e.kind, collector: "record", code: "RecordError", message: e.message, record: e.record, missing: e.missing }));
}

/**
 * Collects one account and stores it as a new version in one transaction. Nothing of the
 * account is written unless it got that far, so a failure leaves earlier snapshots as
 * they were; a collector refused by an SCP only marks its kinds unavailable, and a record
 * that cannot be keyed or parsed is set aside as a record error.
 *
 * Everything the account starts is bound to one AbortController: the account timeout,
 * the no-progress breaker, and the account's end all abort it, which cancels requests in
 * flight, stops retries and pending polls, and refuses new calls.
 */
export async function collectAccount(options: {
  pool: pg.Pool;
  env: TEnv;
  runId: number;
  accountId: string;
  credentials: TCredentialSource;
  collectors?: TAccountCollector[];
  governor?: RateGovernor;
  awsManagedPolicies?: AwsManagedPolicyCatalog;
  /** Counters to update live (progress display); a fresh set when omitted. */
  stats?: TCallStats;
}): Promise<TAccountResult> {
  const { pool, env, runId, accountId } = options;
  const started = Date.now();
  const stats = options.stats ?? newCallStats();
  const unavailable: TUnavailable[] = [];
  const recordErrors: TRecordError[] = [];
  const timings: Record<string, number> = {};
  await pool.query("UPDATE account_run SET status = 'running', started_at = now() WHERE run_id = $1 AND account_id = $2", [runId, accountId]);
  const controller = new AbortController();
  // Every in-flight call of the account listens on this one signal.
  setMaxListeners(0, controller.signal);
  let stopReason: TStopReason | undefined;
  const stop = (reason: TStopReason) => {
    stopReason ??= reason;
    controller.abort(new Error(reason.message));
  };
  const timer = setTimeout(() => stop({ code: "Timeout", message: `account collection exceeded COLLECT_ACCOUNT_TIMEOUT_MS (${env.COLLECT_ACCOUNT_TIMEOUT_MS} ms)` }), env.COLLECT_ACCOUNT_TIMEOUT_MS);
  const breaker = startProgressBreaker({ noProgressMs: env.COLLECT_NO_PROGRESS_MS, onTrip: (message) => stop({ code: "NoProgress", message }) });
  const governor = options.governor ?? sharedRateGovernor();
  const credentials = options.credentials.forAccount(accountId, stats);
  const iam = countCalls(
    new IAMClient(clientConfig({
      region: env.AWS_REGION, credentials, stats, timeoutMs: env.COLLECT_CALL_TIMEOUT_MS, maxAttempts: env.COLLECT_MAX_ATTEMPTS,
      maxTimeoutRetries: env.COLLECT_TIMEOUT_RETRIES, signal: controller.signal, onTimeout: () => governor.onTimeout(accountId),
    })),
    stats,
    { governor, scope: accountId, signal: controller.signal, onProgress: breaker.progress },
  );
  let result: TAccountResult;
  const counts: Record<string, number> = {};
  const finish = (fields: Pick<TAccountResult, "status" | "errorCode" | "error">): TAccountResult =>
    ({ accountId, ...fields, stats, unavailable: [...unavailable, ...asUnavailable(recordErrors)], recordErrors, durationMs: Date.now() - started });
  const extraClients: Array<{ destroy: () => void }> = [];
  let sharedHandler: ReturnType<typeof clientConfig>["requestHandler"] | undefined;
  try {
    await checkCredentials({ credentials, signal: controller.signal });
    breaker.progress();
    const ctx: TAccountContext = {
      accountId, iam, env, signal: controller.signal, limit: pLimit(4), documents: new Map(), principals: [],
      readCurrent: (kind) => readRecords({ pool, scope: accountId, kinds: [kind] }),
      recordError: (error) => recordErrors.push(error),
      awsManagedPolicies: options.awsManagedPolicies ?? awsManagedPolicyCatalog(runId, pool),
      makeClient: ({ region, create }) => {
        const config = clientConfig({
          region, credentials, stats, timeoutMs: env.COLLECT_CALL_TIMEOUT_MS, maxAttempts: env.COLLECT_MAX_ATTEMPTS,
          maxTimeoutRetries: env.COLLECT_TIMEOUT_RETRIES, signal: controller.signal, onTimeout: () => governor.onTimeout(accountId),
        });
        // One connection pool for every extra client of the account (dozens: services × regions).
        sharedHandler ??= config.requestHandler;
        config.requestHandler = sharedHandler;
        const client = countCalls(create(config), stats, { governor, scope: accountId, signal: controller.signal, onProgress: breaker.progress });
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
    const more = await settleAll(runnable.map((collector) => runCollector({ ctx, collector, timings, unavailable })));
    batches.push(...more.flat());
    if (controller.signal.aborted) throw controller.signal.reason;
    const storable = await keepStoredVersionsOfErrored({ batches: setAsideUnkeyedRecords({ batches, errors: recordErrors }), errors: recordErrors, readCurrent: ctx.readCurrent });
    for (const batch of storable) counts[batch.kind] = batch.records.length;
    const collectorCount = 1 + rest.length;
    const failedCollectors = new Set(unavailable.map((u) => u.collector)).size;
    if (failedCollectors === collectorCount) {
      result = finish({ status: "failed", errorCode: unavailable[0]?.code, error: `no data kind could be read: ${unavailable[0]?.message}` });
    } else {
      await storePolicyDocuments({ pool, documents: ctx.documents });
      await storeRecords({ pool, runId, scope: accountId, batches: storable });
      result = finish({ status: failedCollectors || recordErrors.length ? "partial" : "succeeded" });
    }
  } catch (error) {
    const info = stopReason ?? describeAwsError(error);
    result = finish({ status: "failed", errorCode: info.code, error: info.message });
  } finally {
    clearTimeout(timer);
    breaker.stop();
    // Whatever is still pending (a poll's sleep, a queued call) ends with the account.
    controller.abort(new Error("account collection ended"));
    iam.destroy();
    for (const client of extraClients) client.destroy();
  }
  await pool.query(
    `UPDATE account_run SET status = $3, error_code = $4, error = $5, finished_at = now(), duration_ms = $6,
       api_calls = $7, throttles = $8, retries = $9, unavailable = $10, timings = $11, counts = $12
     WHERE run_id = $1 AND account_id = $2`,
    [runId, accountId, result.status, result.errorCode ?? null, result.error ?? null, result.durationMs,
      stats.apiCalls, stats.throttles, stats.retries, JSON.stringify(result.unavailable), JSON.stringify(timings), JSON.stringify(counts)],
  );
  return result;
}
