import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import type { TCallStats } from "./call-stats";

type TToken = RetryToken & { getRetryCost(): number | undefined };

function token(retryCount: number): TToken {
  return { getRetryCount: () => retryCount, getRetryDelay: () => 0, getRetryCost: () => undefined };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries throttling, transient and 5xx errors with capped exponential backoff and full
 * jitter. Unlike the SDK's standard strategy it has no retry quota: IAM and STS throttle
 * a large organization for minutes at a time, and giving up then would lose whole
 * accounts. Every attempt is bounded by the HTTP handler's timeouts.
 */
export class CollectorRetryStrategy implements RetryStrategyV2 {
  readonly mode = "collector";
  constructor(
    private readonly options: { maxAttempts: number; stats: TCallStats; baseDelayMs?: number; maxDelayMs?: number },
  ) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return token(0);
  }

  async refreshRetryTokenForRetry(previous: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const attempt = previous.getRetryCount() + 1;
    const retryable = errorInfo.errorType !== "CLIENT_ERROR";
    if (errorInfo.errorType === "THROTTLING") this.options.stats.throttles++;
    if (!retryable || attempt >= this.options.maxAttempts) throw new Error("no retry: attempts exhausted or error not retryable");
    this.options.stats.retries++;
    const base = this.options.baseDelayMs ?? 100;
    const cap = this.options.maxDelayMs ?? 5_000;
    const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 16));
    let delay = ceiling / 2 + Math.random() * (ceiling / 2);
    if (errorInfo.retryAfterHint) delay = Math.max(delay, errorInfo.retryAfterHint.getTime() - Date.now());
    await sleep(delay);
    return token(attempt);
  }

  recordSuccess(): void {}
}
