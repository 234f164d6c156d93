import { setTimeout as sleep } from "node:timers/promises";

type TLimiter = { rate: number; tokens: number; refilledAt: number; decreasedAt: number };

export type TGovernorOptions = {
  initialAccountRate: number;
  initialGlobalRate: number;
  maxRate: number;
  minRate: number;
};

/**
 * Client-side pacing shared by every SDK client of a run (AIMD, as TCP and the SDK's
 * adaptive mode do). IAM and STS throttle per target account AND per calling account, and
 * AWS publishes neither rate, so each limiter finds its rate: it grows additively while
 * calls succeed and shrinks multiplicatively on throttling. A throttle in one account slows
 * that account; throttles from several accounts at once mean the shared (caller) bucket is
 * the limit, and slow the whole run. Requests sent into a full bucket are wasted work on
 * both sides, so pacing beats retrying blindly.
 */
export class RateGovernor {
  private readonly accounts = new Map<string, TLimiter>();
  private readonly global: TLimiter;
  private recentThrottles: Array<{ at: number; scope: string }> = [];

  constructor(private readonly options: TGovernorOptions) {
    this.global = this.newLimiter(options.initialGlobalRate);
  }

  private newLimiter(rate: number): TLimiter {
    const now = Date.now();
    return { rate, tokens: 1, refilledAt: now, decreasedAt: 0 };
  }

  private limiter(scope: string): TLimiter {
    let limiter = this.accounts.get(scope);
    if (!limiter) {
      limiter = this.newLimiter(this.options.initialAccountRate);
      this.accounts.set(scope, limiter);
    }
    return limiter;
  }

  private refill(limiter: TLimiter, now: number) {
    const capacity = Math.max(1, limiter.rate / 10);
    limiter.tokens = Math.min(capacity, limiter.tokens + ((now - limiter.refilledAt) / 1000) * limiter.rate);
    limiter.refilledAt = now;
  }

  /** Waits until both the scope's limiter and the run-wide one allow one more request (or the signal aborts). */
  async acquire(scope: string, signal?: AbortSignal): Promise<void> {
    const own = this.limiter(scope);
    for (;;) {
      signal?.throwIfAborted();
      const now = Date.now();
      this.refill(own, now);
      this.refill(this.global, now);
      if (own.tokens >= 1 && this.global.tokens >= 1) {
        own.tokens -= 1;
        this.global.tokens -= 1;
        return;
      }
      const wait = Math.max((1 - own.tokens) / own.rate, (1 - this.global.tokens) / this.global.rate) * 1000;
      await sleep(Math.min(1_000, Math.max(1, wait * (1 + Math.random() * 0.2))), undefined, { signal });
    }
  }

  onSuccess(scope: string): void {
    const own = this.limiter(scope);
    own.rate = Math.min(this.options.maxRate, own.rate + 1 / Math.max(1, own.rate) * 2);
    this.global.rate = Math.min(this.options.maxRate * 50, this.global.rate + 2 / Math.max(1, this.global.rate) * 4);
  }

  onThrottle(scope: string): void {
    const now = Date.now();
    const own = this.limiter(scope);
    if (now - own.decreasedAt > 250) {
      own.rate = Math.max(this.options.minRate, own.rate * 0.7);
      own.decreasedAt = now;
    }
    this.recentThrottles = this.recentThrottles.filter((t) => now - t.at < 500);
    this.recentThrottles.push({ at: now, scope });
    const scopes = new Set(this.recentThrottles.map((t) => t.scope));
    if (scopes.size >= 3 && now - this.global.decreasedAt > 500) {
      this.global.rate = Math.max(this.options.minRate, this.global.rate * 0.85);
      this.global.decreasedAt = now;
    }
  }

  /**
   * A timed-out request is worse news than a throttle: the server accepted it and is still
   * busy, so the scope's rate halves (not x0.7) and its burst is spent.
   */
  onTimeout(scope: string): void {
    const own = this.limiter(scope);
    own.rate = Math.max(this.options.minRate, own.rate * 0.5);
    own.tokens = Math.min(own.tokens, 0);
    own.decreasedAt = Date.now();
  }

  rates(): { global: number; accounts: number } {
    return { global: this.global.rate, accounts: this.accounts.size };
  }
}

let processGovernor: RateGovernor | undefined;

/** One governor per process: every run and account job of a worker shares the caller's budget. */
export function sharedRateGovernor(): RateGovernor {
  processGovernor ??= new RateGovernor({ initialAccountRate: 20, initialGlobalRate: 200, maxRate: 200, minRate: 1 });
  return processGovernor;
}
