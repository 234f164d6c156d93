// Fault injection and call statistics: token buckets per target account and per calling
// account, seeded 5xx errors, access-denied and blackhole rules.
import type { Faults, TokenBucketSpec } from "./model";
import { Prng } from "./ids";

export interface SimStats {
  totalCalls: number;
  callsByOperation: Record<string, number>;
  throttled: number;
  throttledByOperation: Record<string, number>;
  errors5xx: number;
  /** requests that passed the throttle, per bucket ("account:<id>" / "caller:<id>") */
  acceptedByBucket: Record<string, number>;
  /** lower bound on wall time implied by the throttle settings for the calls accepted so far */
  boundSeconds: number;
  /** requests held open by blackhole rules */
  blackholed: number;
  /** requests a slow endpoint finished after their client had already gone */
  abandonedServed: number;
}

class TokenBucket {
  tokens: number;
  last: number;
  accepted = 0;
  constructor(readonly spec: TokenBucketSpec, now: number) {
    this.tokens = spec.burst;
    this.last = now;
  }
  refill(now: number) {
    if (now > this.last) {
      this.tokens = Math.min(this.spec.burst, this.tokens + ((now - this.last) / 1000) * this.spec.rate);
      this.last = now;
    }
  }
}

export class FaultEngine {
  private buckets = new Map<string, TokenBucket>();
  private rng: Prng;
  private blackhole: Set<string>;
  private deniedAccounts: Set<string>;
  private deniedApis: Array<{ account?: string; action: string }>;
  stats: SimStats = FaultEngine.emptyStats();

  constructor(readonly faults: Faults = {}) {
    this.rng = new Prng(faults.seed ?? 1);
    this.blackhole = new Set(faults.blackholeAccounts ?? []);
    this.deniedAccounts = new Set(faults.accessDenied?.accounts ?? []);
    this.deniedApis = (faults.accessDenied?.apis ?? []).map((a) => ({ account: a.account, action: a.action.replace(/^[\w-]+:/, "") }));
  }

  static emptyStats(): SimStats {
    return { totalCalls: 0, callsByOperation: {}, throttled: 0, throttledByOperation: {}, errors5xx: 0, acceptedByBucket: {}, boundSeconds: 0, blackholed: 0, abandonedServed: 0 };
  }

  resetStats() {
    this.stats = FaultEngine.emptyStats();
    for (const b of this.buckets.values()) b.accepted = 0;
  }

  countCall(op: string) {
    this.stats.totalCalls++;
    this.stats.callsByOperation[op] = (this.stats.callsByOperation[op] ?? 0) + 1;
  }

  private bucket(key: string, spec: TokenBucketSpec, now: number): TokenBucket {
    let b = this.buckets.get(key);
    if (!b) { b = new TokenBucket(spec, now); this.buckets.set(key, b); }
    b.refill(now);
    return b;
  }

  /** true when the request may proceed; a refused request consumes no token from any bucket */
  admit(op: string, actingAccount: string, callingAccount: string, now = Date.now()): boolean {
    const t = this.faults.throttle;
    const hit: TokenBucket[] = [];
    const keys: string[] = [];
    if (t?.perAccount) { hit.push(this.bucket(`account:${actingAccount}`, t.perAccount, now)); keys.push(`account:${actingAccount}`); }
    if (t?.perCaller) { hit.push(this.bucket(`caller:${callingAccount}`, t.perCaller, now)); keys.push(`caller:${callingAccount}`); }
    if (hit.some((b) => b.tokens < 1)) {
      this.stats.throttled++;
      this.stats.throttledByOperation[op] = (this.stats.throttledByOperation[op] ?? 0) + 1;
      return false;
    }
    hit.forEach((b, i) => {
      b.tokens -= 1;
      b.accepted++;
      this.stats.acceptedByBucket[keys[i]] = b.accepted;
      const bound = Math.max(0, b.accepted - b.spec.burst) / b.spec.rate;
      if (bound > this.stats.boundSeconds) this.stats.boundSeconds = bound;
    });
    return true;
  }

  /** 0 = no injected failure, else 500 or 503 */
  inject5xx(): 0 | 500 | 503 {
    const p = this.faults.errorRate5xx ?? 0;
    if (p <= 0) return 0;
    if (this.rng.next() >= p) return 0;
    this.stats.errors5xx++;
    return this.rng.next() < 0.5 ? 500 : 503;
  }

  isBlackholed(account: string | undefined): boolean {
    return !!account && this.blackhole.has(account);
  }
  assumeRoleDenied(account: string): boolean {
    return this.deniedAccounts.has(account);
  }
  apiDenied(account: string, action: string): boolean {
    return this.deniedApis.some((d) => d.action === action && (d.account === undefined || d.account === account));
  }
  isUnimplemented(service: string, action: string): boolean {
    return (this.faults.unimplemented ?? []).includes(`${service}:${action}`);
  }
  answersHtml(service: string, action: string): boolean {
    return (this.faults.htmlAnswers ?? []).includes(`${service}:${action}`);
  }
  omitsRoleId(arn: string): boolean {
    return (this.faults.rolesWithoutId ?? []).includes(arn);
  }
  omitsPolicyId(arn: string): boolean {
    return (this.faults.policiesWithoutId ?? []).includes(arn);
  }
  /** The slow-endpoint rule that applies to requests into `account`, if any. */
  slowFor(account: string | undefined, op: string | undefined): { serviceMs: number; workers: number } | undefined {
    const slow = this.faults.slowEndpoint;
    if (!slow || (slow.accounts && (!account || !slow.accounts.includes(account)))) return undefined;
    if (slow.operations && (!op || !slow.operations.includes(op))) return undefined;
    return slow;
  }
  get latencyMs(): number {
    return this.faults.latencyMs ?? 0;
  }
}
