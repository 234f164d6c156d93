/**
 * Exit codes of every command-line entry point (collect, analyze, worker --once, db:seed,
 * demo, benchmarks), so cron jobs and CI can tell the outcomes apart:
 *   0 ok, 1 failed (or the script itself failed), 3 partial (some accounts or data kinds
 *   could not be read; what was read is stored).
 * 2 is left to Node and shells (usage errors).
 */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_PARTIAL = 3;

export function exitCodeForRunStatus(status: string): number {
  if (status === "succeeded") return EXIT_OK;
  if (status === "partial") return EXIT_PARTIAL;
  return EXIT_FAILED;
}

/** The message, then each `cause`; a thrown non-Error (a bare `reject()`) is named as such. */
export function describeFailure(error: unknown): string {
  if (error === undefined || error === null) return `a promise was rejected with ${String(error)} (no error object, so no cause was given)`;
  if (!(error instanceof Error)) return `a non-error value was thrown: ${typeof error === "string" ? error : JSON.stringify(error)}`;
  const parts = [error.message || error.name];
  let cause = (error as { cause?: unknown }).cause;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    parts.push(cause instanceof Error ? cause.message : String(cause));
    cause = cause instanceof Error ? (cause as { cause?: unknown }).cause : undefined;
  }
  return parts.join(": caused by: ");
}

/**
 * Runs a script's main. A number it returns becomes the exit code; a failure prints
 * `<name>: <cause>` (and the stack with DEBUG set) and exits 1 at once, so no handle left
 * open can keep a failed script alive or let it end 0.
 */
export function runScript(name: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      if (typeof code === "number") process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${name}: failed: ${describeFailure(error)}\n`);
      if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      process.exit(EXIT_FAILED);
    },
  );
}
