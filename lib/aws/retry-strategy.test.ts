import { describe, expect, it } from "vitest";
import type { RetryErrorInfo } from "@smithy/types";
import { newCallStats } from "./call-stats";
import { CollectorRetryStrategy } from "./retry-strategy";

const timeout = { errorType: "TRANSIENT", error: Object.assign(new Error("request timed out"), { name: "TimeoutError" }) } as unknown as RetryErrorInfo;
const throttle = { errorType: "THROTTLING", error: Object.assign(new Error("Rate exceeded"), { name: "Throttling" }) } as unknown as RetryErrorInfo;

describe("CollectorRetryStrategy", () => {
  it("retries a timed-out call at most maxTimeoutRetries times, seconds apart, and tells the pacing each time", async () => {
    const stats = newCallStats();
    let slowed = 0;
    const strategy = new CollectorRetryStrategy({ maxAttempts: 10, maxTimeoutRetries: 1, stats, onTimeout: () => slowed++, timeoutBaseDelayMs: 200, timeoutMaxDelayMs: 200 });
    const started = Date.now();
    const first = await strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), timeout);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    await expect(strategy.refreshRetryTokenForRetry(first, timeout)).rejects.toThrow(/timed out too often/);
    expect(stats).toMatchObject({ timeouts: 2, retries: 1 });
    expect(slowed).toBe(2);
  });

  it("keeps retrying throttles up to maxAttempts, quickly", async () => {
    const stats = newCallStats();
    const strategy = new CollectorRetryStrategy({ maxAttempts: 4, maxTimeoutRetries: 0, stats, baseDelayMs: 1, maxDelayMs: 2 });
    let token = await strategy.acquireInitialRetryToken();
    for (let i = 0; i < 3; i++) token = await strategy.refreshRetryTokenForRetry(token, throttle);
    expect(token.getRetryCount()).toBe(3);
    await expect(strategy.refreshRetryTokenForRetry(token, throttle)).rejects.toThrow(/attempts exhausted/);
    expect(stats).toMatchObject({ throttles: 4, retries: 3, timeouts: 0 });
  });

  it("retries nothing once the owner's signal aborted", async () => {
    const controller = new AbortController();
    const strategy = new CollectorRetryStrategy({ maxAttempts: 10, maxTimeoutRetries: 2, stats: newCallStats(), signal: controller.signal });
    const token = await strategy.acquireInitialRetryToken();
    controller.abort();
    await expect(strategy.refreshRetryTokenForRetry(token, throttle)).rejects.toThrow(/account stopped/);
    await expect(strategy.acquireInitialRetryToken()).rejects.toThrow(/already stopped/);
  });
});
