import type pg from "pg";
import client from "prom-client";

/**
 * Gauges read from the database at scrape time, so every process (console, worker) reports
 * the same state of collections, analyses and queues, whichever process did the work.
 */
export function registerDatabaseMetrics(options: { registry: client.Registry; pool: pg.Pool }): void {
  const { registry, pool } = options;
  const query = async (sql: string) => (await pool.query(sql)).rows;
  new client.Gauge({
    name: "atlas_collection_runs", help: "Collection runs by status", labelNames: ["status"], registers: [registry],
    async collect() {
      this.reset();
      for (const row of await query("SELECT status::text AS status, count(*)::int AS n FROM collection_run GROUP BY 1")) this.set({ status: row.status }, row.n);
    },
  });
  new client.Gauge({
    name: "atlas_accounts", help: "Accounts of the latest collection run by status", labelNames: ["status"], registers: [registry],
    async collect() {
      this.reset();
      for (const row of await query("SELECT status::text AS status, count(*)::int AS n FROM account_run WHERE run_id = (SELECT max(id) FROM collection_run) GROUP BY 1")) this.set({ status: row.status }, row.n);
    },
  });
  new client.Gauge({
    name: "atlas_latest_run_api_calls", help: "AWS API calls and throttles of the latest collection run (all services)", labelNames: ["kind"], registers: [registry],
    async collect() {
      const [row] = await query("SELECT coalesce(sum(api_calls), 0)::int AS calls, coalesce(sum(throttles), 0)::int AS throttles FROM account_run WHERE run_id = (SELECT max(id) FROM collection_run)");
      this.set({ kind: "calls" }, row.calls);
      this.set({ kind: "throttles" }, row.throttles);
    },
  });
  new client.Gauge({
    name: "atlas_analysis_phase_seconds", help: "Phase durations of the latest successful analysis (load, access, reach, findings, store, …)", labelNames: ["phase"], registers: [registry],
    async collect() {
      this.reset();
      const [row] = await query("SELECT stats->'timingsMs' AS timings FROM analysis_run WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1");
      for (const [phase, ms] of Object.entries((row?.timings ?? {}) as Record<string, number>)) this.set({ phase }, ms / 1000);
    },
  });
  new client.Gauge({
    name: "atlas_analysis_duration_seconds", help: "Duration of the latest successful analysis", registers: [registry],
    async collect() {
      const [row] = await query("SELECT extract(epoch FROM finished_at - started_at)::float AS s FROM analysis_run WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1");
      this.set(row?.s ?? 0);
    },
  });
  new client.Gauge({
    name: "atlas_queue_jobs", help: "pg-boss jobs by queue and state (created/retry = waiting, active, failed)", labelNames: ["queue", "state"], registers: [registry],
    async collect() {
      this.reset();
      const exists = await query("SELECT to_regclass('pgboss.job') IS NOT NULL AS ok");
      if (!exists[0].ok) return;
      for (const row of await query("SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job WHERE state IN ('created', 'retry', 'active', 'failed') GROUP BY 1, 2")) {
        this.set({ queue: row.name, state: row.state }, row.n);
      }
    },
  });
}
