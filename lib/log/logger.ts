import pino from "pino";

/**
 * One JSON line per event on stdout (pino), for whatever ships the logs. LOG_LEVEL sets
 * the threshold; `silent` in tests keeps their output readable.
 */
const globalForLogger = globalThis as unknown as { atlasLogger?: pino.Logger };

export function getLogger(): pino.Logger {
  globalForLogger.atlasLogger ??= pino({
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
    base: { service: "access-atlas" },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Never log a bearer token or cookie, whatever a caller passes in.
    redact: { paths: ["authorization", "*.authorization", "headers.cookie", "*.headers.cookie"], censor: "[redacted]" },
  });
  return globalForLogger.atlasLogger;
}
