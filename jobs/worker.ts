// npm run worker [-- --once]
// Runs the collection jobs from the pg-boss queue; any number of these processes, on any
// number of machines, share the work. Schedules the sweep with COLLECT_SCHEDULE (cron).
// --once: enqueue one sweep now, work until its run has finished, then exit with the run's
// outcome: 0 succeeded, 3 partial, 1 failed or interrupted.
// --no-schedule: work the queues without scheduling the sweep (the analysis benchmark's
// workers, which must not start collections of their own).
import { parseArgs } from "node:util";
import { loadEnv } from "../lib/config/env";
import { ensureDatabase } from "../lib/db/ensure-database";
import { createDb } from "../lib/db/client";
import { enqueue } from "./boss";
import { JOBS } from "./definitions";
import { startWorkers } from "./start-workers";
import { z } from "zod";
import { serveMetrics } from "../lib/metrics/serve-metrics";
import { exitCodeForRunStatus, runScript } from "../lib/cli/exit-status";

async function main(): Promise<number | void> {
  const { values } = parseArgs({ options: { once: { type: "boolean", default: false }, concurrency: { type: "string" }, "no-schedule": { type: "boolean", default: false } } });
  const env = loadEnv();
  const database = await ensureDatabase();
  const db = createDb({ url: database.url, max: env.COLLECT_CONCURRENCY + 4 });
  const concurrency = Number(values.concurrency ?? env.COLLECT_CONCURRENCY);
  const { boss, stop: stopWorkers } = await startWorkers({ pool: db.pool, env, url: database.url, concurrency });
  // Prometheus scrapes the worker on an internal port (its AWS call counters live in this process).
  const metricsPort = z.coerce.number().int().min(1).max(65535).optional().parse(process.env.METRICS_PORT || undefined);
  const metrics = metricsPort ? await serveMetrics({ pool: db.pool, port: metricsPort, host: process.env.METRICS_HOST || "127.0.0.1" }) : null;
  if (metrics) process.stderr.write(`worker: metrics at ${metrics.url}\n`);
  const stop = async () => {
    await metrics?.stop();
    await stopWorkers();
    await db.close();
    await database.stop();
  };
  if (values.once) {
    const before = await db.pool.query("SELECT coalesce(max(id), 0)::int AS id FROM collection_run");
    await enqueue(boss, "collectOrganization", { trigger: "worker-once" });
    let status: string;
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      const { rows } = await db.pool.query("SELECT id, status, summary, error FROM collection_run WHERE id > $1 ORDER BY id DESC LIMIT 1", [before.rows[0].id]);
      if (rows[0] && rows[0].status !== "running") {
        process.stdout.write(`${JSON.stringify({ runId: rows[0].id, status: rows[0].status, accounts: rows[0].summary?.accounts ?? null, error: rows[0].error ?? undefined })}\n`);
        status = rows[0].status;
        break;
      }
    }
    await stop();
    return exitCodeForRunStatus(status);
  }
  if (values["no-schedule"]) {
    process.stderr.write(`worker: ${concurrency} account workers, sweep not scheduled (--no-schedule)\n`);
  } else {
    await boss.schedule(JOBS.collectOrganization.name, env.COLLECT_SCHEDULE, { trigger: "schedule" });
    process.stderr.write(`worker: ${concurrency} account workers, sweep scheduled "${env.COLLECT_SCHEDULE}"\n`);
  }
  process.on("SIGTERM", () => void stop().then(() => process.exit(0)));
  process.on("SIGINT", () => void stop().then(() => process.exit(0)));
}

runScript("worker", main);
