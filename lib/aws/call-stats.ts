/** Counters one collection keeps per account (and the run adds up). */
export type TCallStats = { apiCalls: number; throttles: number; retries: number; errors: number; timeouts: number };

export function newCallStats(): TCallStats {
  return { apiCalls: 0, throttles: 0, retries: 0, errors: 0, timeouts: 0 };
}

export function addCallStats(target: TCallStats, source: TCallStats): void {
  target.apiCalls += source.apiCalls;
  target.throttles += source.throttles;
  target.retries += source.retries;
  target.errors += source.errors;
  target.timeouts += source.timeouts;
}
