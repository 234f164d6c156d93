import parsePrometheusTextFormat from "parse-prometheus-text-format";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoss } from "../jobs/boss";
import { analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import { getDb } from "../lib/db/client";
import { serveMetrics } from "../lib/metrics/serve-metrics";
import { startHarness, type THarness } from "./collect-harness";

const TOKEN = "metrics-token-for-the-test";
let h: THarness;
let boss: PgBoss;
const q = async (sql: string, params: unknown[] = []) => (await h.db.pool.query(sql, params)).rows;

type TFamily = ReturnType<typeof parsePrometheusTextFormat>[number];
const families = (text: string) => new Map<string, TFamily>(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
const value = (family: TFamily | undefined, labels: Record<string, string>) =>
  Number(family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ?? Number.NaN);

async function scrape(authorization?: string) {
  const { GET } = await import("../app/api/metrics/route");
  return GET(new Request("http://atlas.test/api/metrics", { headers: authorization ? { authorization } : {} }));
}

beforeAll(async () => {
  h = await startHarness();
  const runId = (await h.collect()).summary.runId;
  await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId });
  boss = await startBoss({ url: h.db.url });
  // One job waiting and one that failed for good, for the queue gauges.
  await boss.createQueue("metrics-test-waiting");
  await boss.send("metrics-test-waiting", {});
  await boss.createQueue("metrics-test-failing", { name: "metrics-test-failing", retryLimit: 0 });
  await boss.send("metrics-test-failing", {});
  await boss.work("metrics-test-failing", { pollingIntervalSeconds: 0.5 }, async () => { throw new Error("boom"); });
  for (let i = 0; i < 100 && (await q("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'metrics-test-failing' AND state = 'failed'"))[0].n === 0; i++) await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true }).catch(() => {});
  await getDb().close();
  await h?.stop();
});

describe("Prometheus metrics", () => {
  it("are off without METRICS_TOKEN and refused without the right bearer token", async () => {
    delete process.env.METRICS_TOKEN;
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
    process.env.METRICS_TOKEN = TOKEN;
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer nope")).status).toBe(401);
  });

  // HTTP requests are counted by the server, not the handlers: lib/metrics/observe-http-server.test.ts
  // and, on the running console, e2e/observability.spec.ts.
  it("report collections, accounts, AWS calls by service, analysis durations and queues, as the database holds them", async () => {
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = families(await response.text());

    const [run] = await q("SELECT id, status::text FROM collection_run ORDER BY id DESC LIMIT 1");
    expect(value(metrics.get("atlas_collection_runs"), { status: run.status })).toBe(1);
    for (const row of await q("SELECT status::text, count(*)::int AS n FROM account_run WHERE run_id = $1 GROUP BY 1", [run.id])) {
      expect(value(metrics.get("atlas_accounts"), { status: row.status }), row.status).toBe(row.n);
    }
    const [calls] = await q("SELECT sum(api_calls)::int AS calls, sum(throttles)::int AS throttles FROM account_run WHERE run_id = $1", [run.id]);
    expect(value(metrics.get("atlas_latest_run_api_calls"), { kind: "calls" })).toBe(calls.calls);
    // This process ran the collection: its per-service counters saw every call (the org discovery's too).
    const byService = metrics.get("atlas_aws_api_calls_total")!.metrics;
    expect(byService.map((m) => m.labels!.service)).toEqual(expect.arrayContaining(["iam", "sts", "organizations"]));
    expect(byService.reduce((sum, m) => sum + Number(m.value), 0)).toBeGreaterThanOrEqual(calls.calls);

    const [analysis] = await q("SELECT stats FROM analysis_run WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1");
    expect(value(metrics.get("atlas_analysis_phase_seconds"), { phase: "store" })).toBeCloseTo(analysis.stats.timingsMs.store / 1000, 6);
    expect(value(metrics.get("atlas_analysis_duration_seconds"), {})).toBeGreaterThan(0);
    expect(value(metrics.get("atlas_queue_jobs"), { queue: "metrics-test-waiting", state: "created" })).toBe(1);
    expect(value(metrics.get("atlas_queue_jobs"), { queue: "metrics-test-failing", state: "failed" })).toBe(1);
    expect(metrics.get("atlas_http_request_duration_seconds")?.type).toBe("HISTOGRAM");
  });

  it("are served by the worker on an internal port without a token", async () => {
    const internal = await serveMetrics({ pool: h.db.pool, port: 0 });
    try {
      const response = await fetch(internal.url);
      expect(response.status).toBe(200);
      expect(families(await response.text()).has("atlas_collection_runs")).toBe(true);
      expect((await fetch(internal.url.replace("/metrics", "/other"))).status).toBe(404);
    } finally {
      await internal.stop();
    }
  });
});
