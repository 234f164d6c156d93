/**
 * The no-progress circuit breaker of one account: every answered call counts as progress;
 * when none arrives for `noProgressMs` (a dead or drowning endpoint, where retrying only
 * adds load), it trips once and the account is stopped with that reason.
 */
export function startProgressBreaker(options: { noProgressMs: number; onTrip: (message: string) => void }) {
  let lastProgressAt = Date.now();
  let tripped = false;
  const timer = setInterval(() => {
    const idleMs = Date.now() - lastProgressAt;
    if (tripped || idleMs < options.noProgressMs) return;
    tripped = true;
    clearInterval(timer);
    options.onTrip(`no call was answered for ${Math.round(idleMs / 1000)} s (COLLECT_NO_PROGRESS_MS ${options.noProgressMs} ms): the endpoint is not keeping up, so the account was stopped instead of retried further`);
  }, Math.max(50, Math.min(1_000, options.noProgressMs / 4)));
  timer.unref();
  return {
    progress: () => { lastProgressAt = Date.now(); },
    stop: () => clearInterval(timer),
  };
}
