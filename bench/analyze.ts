// npm run bench:analyze [-- --principals 100000 --accounts 500 --resources N --seed 1 --workers 1 --incremental PCT --in-memory]
// The analysis as the product runs it. Generates a synthetic organization
// (lib/analysis/generate-org-model.ts; resources default to two per principal) and writes it
// as a collection run's snapshot, as the collector stores it (lib/analysis/write-org-snapshot.ts),
// into a fresh database (DATABASE_URL's server, or an embedded Postgres under
// .data/bench-analyze); both excluded from the timing and printed apart. Then starts
// --workers real worker processes (jobs/worker.ts --no-schedule, as `npm run worker` runs
// it), enqueues the analysis through the queue and waits until analysis_run says succeeded:
// `seconds` is enqueue → succeeded (storing included, so the console can query it),
// `storeSeconds` the analysis's own store timing (stats.timingsMs.store), and
// `peakRssMiBPerProcess` the largest peak RSS (VmHWM, Linux) of the worker processes, each
// listed in `workerPeakRssMiB`.
// --incremental PCT: full analysis of run 1 (fullSeconds); PCT % of the accounts changed
// (lib/analysis/mutate-org-model.ts: policies edited, principals added and removed) and
// written as run 2; the analysis of run 2 as the product does it (incrementalSeconds); then
// a forced full analysis of run 2 ({ full: true }); the two analyses of run 2 are compared
// row for row (principal_access, principal_reach, external_trust valid at each analysis,
// the resource result tables, the open findings after each): identical is true only when
// all are equal, and the first differences are printed.
// --in-memory: the engine alone, in this process, no database (bench/analyze-in-memory.ts).
// The bench process itself holds the whole generated model while it writes it (about
// 0.6 GiB at 100,000 principals with 200,000 resources, so ~6 GiB at 1M): the npm script
// gives it a larger heap; it is not part of the analysis, whose workers keep Node's defaults.
// Last line: one JSON object.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import PgBoss from "pg-boss";
import { enqueue } from "../jobs/boss";
import { JOBS } from "../jobs/definitions";
import { GENERATED_VENDORS, generateOrgModel } from "../lib/analysis/generate-org-model";
import { compareAnalyses, openFindings } from "../lib/analysis/compare-analyses";
import { mutateOrgModel } from "../lib/analysis/mutate-org-model";
import { writeOrgSnapshot } from "../lib/analysis/write-org-snapshot";
import { runScript } from "../lib/cli/exit-status";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { createDatabaseIfMissing, migrateDatabase, withDatabaseName } from "../lib/db/ensure-database";
import { runInMemory } from "./analyze-in-memory";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATABASE = "atlas_bench_analyze";
const POLL_MS = 250;

type TAnalysis = { analysisId: number; seconds: number; storeSeconds: number | null; stats: Record<string, unknown> };

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    principals: { type: "string", default: "100000" }, accounts: { type: "string", default: "500" }, seed: { type: "string", default: "1" },
    resources: { type: "string" }, workers: { type: "string", default: "1" }, incremental: { type: "string" },
    "in-memory": { type: "boolean", default: false }, port: { type: "string", default: "54471" },
  } });
  if (values["in-memory"]) return runInMemory(values);
  const principals = positiveInteger("--principals", values.principals);
  const accountCount = positiveInteger("--accounts", values.accounts);
  const workerCount = positiveInteger("--workers", values.workers);
  const seed = positiveInteger("--seed", values.seed);
  const resourceCount = values.resources === undefined ? principals * 2 : nonNegativeInteger("--resources", values.resources);
  const incremental = values.incremental === undefined ? null : Number(values.incremental);
  if (incremental !== null && !(incremental > 0 && incremental <= 100)) throw new Error(`--incremental must be a percentage of accounts in (0, 100], got "${values.incremental}"`);
  if (process.platform !== "linux") throw new Error("bench:analyze reads each worker's peak RSS from /proc/<pid>/status: Linux only (use --in-memory elsewhere)");

  const phase = async <T>(label: string, run: () => T | Promise<T>): Promise<{ result: T; seconds: number }> => {
    const started = performance.now();
    const result = await run();
    const seconds = (performance.now() - started) / 1000;
    console.log(`${label.padEnd(22)} ${seconds.toFixed(2).padStart(8)} s   bench rss ${Math.round(process.memoryUsage().rss / 1_048_576)} MiB`);
    return { result, seconds };
  };
  const server = process.env.DATABASE_URL
    ? { serverUrl: withDatabaseName({ url: process.env.DATABASE_URL, name: "postgres" }), stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", "bench-analyze"), port: Number(values.port) });
  const workers: TWorker[] = [];
  let pool: pg.Pool | undefined;
  let boss: PgBoss | undefined;
  try {
    const url = await freshDatabase({ serverUrl: server.serverUrl });
    pool = new pg.Pool({ connectionString: url, max: 4 });
    const { result: model, seconds: generateSeconds } = await phase("generate (untimed)", () => generateOrgModel({ principals, accounts: accountCount, seed, resources: resourceCount }));
    const { result: first, seconds: writeSeconds } = await phase("write snapshot (untimed)", () => writeOrgSnapshot({ pool: pool!, model, trigger: "bench", onProgress: progress("write snapshot") }));
    console.log(`  run ${first.runId}: ${first.stored.inserted} records, ${first.documents} policy documents`);
    // The organization as analysed first (the mutation of --incremental changes the model).
    const size = { principals: model.principals.length, accounts: model.accounts.length, resources: model.resources.length };

    for (let i = 0; i < workerCount; i++) workers.push(await startWorker({ url, index: i + 1 }));
    boss = await startSender(url);
    const analyse = (collectionRunId: number, label: string, full?: boolean) => phase(label, () => analyseThroughQueue({ pool: pool!, boss: boss!, collectionRunId, full, workers }));

    const { result: analysis } = await analyse(first.runId, incremental === null ? "analysis" : "full analysis, run 1");
    printStats(analysis);
    let extra: Record<string, unknown> = {};
    if (incremental !== null) {
      const mutation = mutateOrgModel({ model, fraction: incremental / 100, seed });
      console.log(`  changed ${mutation.accounts.length} accounts: ${mutation.policiesEdited} policies edited, ${mutation.principalsAdded} principals added, ${mutation.principalsRemoved} removed`);
      const { result: second } = await phase("write run 2 (untimed)", () => writeOrgSnapshot({ pool: pool!, model, trigger: "bench", onProgress: progress("write run 2") }));
      console.log(`  run ${second.runId}: ${second.stored.inserted} new record versions, ${second.stored.closed} closed, ${second.stored.unchanged} unchanged`);
      const { result: partial } = await analyse(second.runId, "analysis, run 2");
      printStats(partial);
      const openAfterPartial = await openFindings(pool);
      const { result: full } = await analyse(second.runId, "forced full, run 2", true);
      printStats(full);
      const openAfterFull = await openFindings(pool);
      const comparison = await compareAnalyses({ pool, a: partial.analysisId, b: full.analysisId, openFindings: [openAfterPartial, openAfterFull] });
      for (const line of comparison.report) console.log(line);
      extra = {
        incrementalPercent: incremental, changedAccounts: mutation.accounts.length,
        fullSeconds: round(analysis.seconds), incrementalSeconds: round(partial.seconds), ratio: Number((partial.seconds / analysis.seconds).toFixed(3)),
        forcedFullSeconds: round(full.seconds), incrementalStats: partial.stats.incremental ?? null, identical: comparison.identical,
      };
    }
    const peaks: number[] = [];
    for (const worker of workers) peaks.push(await stopWorker(worker));
    workers.length = 0;
    console.log(`worker peak RSS (VmHWM): ${peaks.map((p) => `${p} MiB`).join(", ")}; bench process peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB (generator and writer, not the analysis)`);
    console.log(JSON.stringify({
      ...size, workers: workerCount,
      seconds: round(analysis.seconds), storeSeconds: analysis.storeSeconds === null ? null : round(analysis.storeSeconds),
      peakRssMiBPerProcess: Math.max(...peaks), workerPeakRssMiB: peaks,
      generateSeconds: round(generateSeconds), writeSeconds: round(writeSeconds), benchPeakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      timingsMs: analysis.stats.timingsMs ?? null,
      ...extra,
    }));
  } finally {
    for (const worker of workers) worker.child.kill("SIGKILL");
    await boss?.stop({ graceful: false, wait: false }).catch(() => {});
    await pool?.end();
    await server.stop();
  }
}

// ---------------------------------------------------------------- the queue and its workers

type TWorker = { child: ChildProcess; index: number; exited: Promise<number | null>; log: string[] };

/** One `npm run worker` process (node with tsx, react-server conditions) on the bench database, without the sweep schedule. */
async function startWorker(options: { url: string; index: number }): Promise<TWorker> {
  // node --import tsx directly (not the tsx CLI, which runs the script in a child): the pid is the worker's own, for its VmHWM.
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(ROOT, "jobs", "worker.ts"), "--no-schedule"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: options.url, KNOWN_VENDORS: Object.entries(GENERATED_VENDORS).map(([id, name]) => `${id}=${name}`).join(","), METRICS_PORT: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      log.push(line);
      if (log.length > 40) log.shift();
    }
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes("sweep not scheduled")) {
        child.stderr!.off("data", onData);
        resolve();
      }
    };
    child.stderr!.on("data", onData);
    void exited.then((code) => reject(new Error(`worker ${options.index} exited (code ${code}) before it was ready:\n${log.join("\n")}`)));
  });
  await ready;
  console.log(`worker ${options.index} ready (pid ${child.pid})`);
  return { child, index: options.index, exited, log };
}

/** Peak RSS of the worker (VmHWM, read while it still runs), then a graceful stop. */
async function stopWorker(worker: TWorker): Promise<number> {
  const status = fs.readFileSync(`/proc/${worker.child.pid}/status`, "utf8");
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
  if (!hwm) throw new Error(`no VmHWM in /proc/${worker.child.pid}/status`);
  worker.child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 60_000).unref());
  if ((await Promise.race([worker.exited, timeout])) === "timeout") worker.child.kill("SIGKILL");
  return Math.round(Number(hwm[1]) / 1024);
}

/** A sender only (no maintenance, no cron): the workers own those. */
async function startSender(url: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, max: 2, supervise: false, schedule: false, application_name: "access-atlas-bench" });
  boss.on("error", (error) => process.stderr.write(`[pg-boss sender] ${error.message}\n`));
  await boss.start();
  await boss.createQueue(JOBS.analyzeSnapshot.name, { name: JOBS.analyzeSnapshot.name, retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 3 * 3600 });
  return boss;
}

/**
 * Enqueues the analysis of one run and waits for its analysis_run to succeed; fails with
 * the analysis's error when it fails, or with the job's when the job fails before it.
 */
async function analyseThroughQueue(options: { pool: pg.Pool; boss: PgBoss; collectionRunId: number; full?: boolean; workers: TWorker[] }): Promise<TAnalysis> {
  const { pool, boss, collectionRunId } = options;
  const { rows: [{ last }] } = await pool.query<{ last: number }>("SELECT coalesce(max(id), 0)::int AS last FROM analysis_run");
  const started = performance.now();
  const jobId = await enqueue(boss, "analyzeSnapshot", options.full ? { collectionRunId, full: true } : { collectionRunId });
  if (!jobId) throw new Error(`the queue refused the analysis job for run ${collectionRunId}`);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const { rows } = await pool.query<{ id: number; status: string; error: string | null; stats: Record<string, any> }>(
      "SELECT id, status, error, stats FROM analysis_run WHERE collection_run_id = $1 AND id > $2 ORDER BY id DESC LIMIT 1",
      [collectionRunId, last],
    );
    const run = rows[0];
    if (run?.status === "succeeded") {
      const seconds = (performance.now() - started) / 1000;
      const store = run.stats?.timingsMs?.store;
      return { analysisId: run.id, seconds, storeSeconds: typeof store === "number" ? store / 1000 : null, stats: run.stats ?? {} };
    }
    if (run?.status === "failed") throw new Error(`analysis ${run.id} of run ${collectionRunId} failed: ${run.error}`);
    const job = await boss.getJobById(JOBS.analyzeSnapshot.name, jobId);
    if (job && job.state === "failed") throw new Error(`the analysis job for run ${collectionRunId} failed before its analysis did: ${JSON.stringify(job.output)}`);
    for (const worker of options.workers) {
      if (worker.child.exitCode !== null) throw new Error(`worker ${worker.index} exited (code ${worker.child.exitCode}) during the analysis:\n${worker.log.join("\n")}`);
    }
  }
}

// ---------------------------------------------------------------- helpers

async function freshDatabase(options: { serverUrl: string }): Promise<string> {
  const admin = new pg.Client({ connectionString: options.serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  await admin.end();
  await createDatabaseIfMissing({ serverUrl: options.serverUrl, name: DATABASE });
  const url = withDatabaseName({ url: options.serverUrl, name: DATABASE });
  await migrateDatabase({ url, quiet: true });
  return url;
}

function printStats(analysis: TAnalysis) {
  const stats = analysis.stats as { principals?: number; reach?: number; externalTrusts?: number; resources?: number; findings?: number; timingsMs?: Record<string, number>; incremental?: unknown };
  console.log(`  analysis ${analysis.analysisId}: ${stats.principals} principals, ${stats.reach} reach, ${stats.externalTrusts} external trusts, ${stats.resources} resources, ${stats.findings} findings; store ${analysis.storeSeconds?.toFixed(1) ?? "?"} s`);
  if (stats.timingsMs) console.log(`  phases (ms): ${Object.entries(stats.timingsMs).map(([name, ms]) => `${name} ${ms}`).join(", ")}`);
  if (stats.incremental !== undefined) console.log(`  incremental: ${JSON.stringify(stats.incremental)}`);
}

function progress(label: string) {
  let shown = 0;
  return (done: number, total: number) => {
    const tenth = Math.floor((done / total) * 10);
    if (tenth > shown) {
      shown = tenth;
      process.stdout.write(`  ${label}: ${done}/${total} accounts\n`);
    }
  };
}

function positiveInteger(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} must be a positive integer, got "${raw}"`);
  return value;
}

function nonNegativeInteger(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} must be a whole number ≥ 0, got "${raw}"`);
  return value;
}

const round = (seconds: number) => Number(seconds.toFixed(2));

runScript("bench:analyze", main);
