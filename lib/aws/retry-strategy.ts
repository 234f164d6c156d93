import { setTimeout as sleep } from "node:timers/promises";
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import type { TCallStats } from "./call-stats";

type TToken = RetryToken & { getRetryCost(): number | undefined; timeoutRetries: number };

function token(retryCount: number, timeoutRetries: number): TToken {
  return { getRetryCount: () => retryCount, getRetryDelay: () => 0, getRetryCost: () => undefined, timeoutRetries };
}

const TIMEOUT_NAMES = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException"]);
const TIMEOUT_CODES = new Set(["ETIMEDOUT", "ECONNRESET"]);

/** A request that got no answer in time: the server may still be working on it. */
export function isTimeout(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | undefined;
  return TIMEOUT_NAMES.has(e?.name ?? "") || TIMEOUT_CODES.has(e?.code ?? "");
}

export type TRetryOptions = {
  maxAttempts: number;
  /** At most this many retries of timed-out attempts per call. */
  maxTimeoutRetries: number;
  stats: TCallStats;
  /** The account's signal: once it aborts, nothing is retried. */
  signal?: AbortSignal;
  /** Told about each timeout, so the account's pacing slows down. */
  onTimeout?: () => void;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutBaseDelayMs?: number;
  timeoutMaxDelayMs?: number;
};

/**
 * Retries throttling, transient and 5xx errors with capped exponential backoff and full
 * jitter, without the SDK standard mode's retry quota (IAM and STS throttle a large
 * organization for minutes; giving up then would lose whole accounts; the rate governor
 * paces instead). A timeout is different from a throttle: the server did not refuse the
 * request, it is still busy with it, and every retry adds one more request to its queue.
 * So timeouts get few retries (maxTimeoutRetries), seconds apart, and slow the account's
 * pacing; the account's no-progress breaker ends the account if nothing gets through.
 */
export class CollectorRetryStrategy implements RetryStrategyV2 {
  readonly mode = "collector";
  constructor(private readonly options: TRetryOptions) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    if (this.options.signal?.aborted) throw new Error("account collection already stopped");
    return token(0, 0);
  }

  async refreshRetryTokenForRetry(previous: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const { stats, signal } = this.options;
    const attempt = previous.getRetryCount() + 1;
    const timedOut = isTimeout(errorInfo.error);
    const timeoutRetries = (previous as TToken).timeoutRetries + (timedOut ? 1 : 0);
    if (errorInfo.errorType === "THROTTLING") stats.throttles++;
    if (timedOut) {
      stats.timeouts++;
      this.options.onTimeout?.();
    }
    const retryable = errorInfo.errorType !== "CLIENT_ERROR";
    if (!retryable || attempt >= this.options.maxAttempts || signal?.aborted) throw new Error("no retry: attempts exhausted, error not retryable or account stopped");
    if (timedOut && timeoutRetries > this.options.maxTimeoutRetries) throw new Error("no retry: the endpoint timed out too often on this call");
    stats.retries++;
    const base = timedOut ? (this.options.timeoutBaseDelayMs ?? 2_000) : (this.options.baseDelayMs ?? 100);
    const cap = timedOut ? (this.options.timeoutMaxDelayMs ?? 30_000) : (this.options.maxDelayMs ?? 5_000);
    const ceiling = Math.min(cap, base * 2 ** Math.min(timedOut ? timeoutRetries - 1 : attempt, 16));
    let delay = ceiling / 2 + Math.random() * (ceiling / 2);
    if (errorInfo.retryAfterHint) delay = Math.max(delay, errorInfo.retryAfterHint.getTime() - Date.now());
    await sleep(delay, undefined, { signal });
    return token(attempt, timeoutRetries);
  }

  recordSuccess(): void {}
}
