// npm run bench:collect [-- --accounts 200 --principals 150 --resources 40 --regions 4 --rate 20 --burst 20 --caller-rate 400 --concurrency 48]
// Generates an organization in the simulator (a separate process, so its memory and CPU are
// not counted as the collector's), throttles it with token buckets per account and per
// calling account, collects it (IAM, Identity Center, and ~40 data resources per account over
// 4 enabled regions) twice into a fresh database and prints wall time, API calls,
// the lower bound the throttle settings imply, their ratio, peak memory and database size
// after the first and after an unchanged second run, the second run's calls and wall time
// (it reuses Access Advisor data and a credential report that are still fresh) and calls
// per principal of each. Last line: one JSON object.
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { loadEnv } from "../lib/config/env";
import { createDb } from "../lib/db/client";
import { createDatabaseIfMissing, ensureDatabase, migrateDatabase, withDatabaseName } from "../lib/db/ensure-database";
import { runCollection } from "../lib/collect/run-collection";
import { simulatorEnv, type TSimulatorInfo } from "../lib/demo/simulator-env";
import { runScript } from "../lib/cli/exit-status";

const ROOT = path.resolve(import.meta.dirname, "..");

async function startSimulatorProcess(options: { generate: string; faults: unknown }) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "sim", "cli.ts"), "--generate", options.generate, "--faults", JSON.stringify(options.faults)], {
    cwd: ROOT, stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const info: TSimulatorInfo & { url: string } = await new Promise((resolve, reject) => {
    lines.once("line", (line) => resolve(JSON.parse(line)));
    child.once("exit", (code) => reject(new Error(`simulator exited (${code}) before it was ready`)));
  });
  return {
    info,
    stats: async () => (await fetch(`${info.url}/__sim/stats`)).json() as Promise<{ totalCalls: number; throttled: number; boundSeconds: number; callsByOperation: Record<string, number> }>,
    stop: () => { child.kill("SIGTERM"); },
  };
}

async function main() {
  const { values } = parseArgs({ options: {
    accounts: { type: "string", default: "200" }, principals: { type: "string", default: "150" }, seed: { type: "string", default: "bench" },
    resources: { type: "string", default: "40" }, regions: { type: "string", default: "4" },
    rate: { type: "string", default: "20" }, burst: { type: "string", default: "20" },
    "caller-rate": { type: "string", default: "400" }, "caller-burst": { type: "string", default: "100" },
    concurrency: { type: "string", default: "48" },
  } });
  const faults = { throttle: {
    perAccount: { rate: Number(values.rate), burst: Number(values.burst) },
    perCaller: { rate: Number(values["caller-rate"]), burst: Number(values["caller-burst"]) },
  } };
  process.stderr.write(`generating ${values.accounts} accounts x ${values.principals} principals x ${values.resources} resources over ${values.regions} regions, throttle ${JSON.stringify(faults.throttle)}\n`);
  const sim = await startSimulatorProcess({ generate: `${values.seed}:${values.accounts}:${values.principals}:${values.resources}:${values.regions}`, faults });
  const server = await ensureDatabase({ migrate: false });
  const name = `atlas_bench_${Date.now()}`;
  const admin = withDatabaseName({ url: server.url, name: "postgres" });
  await createDatabaseIfMissing({ serverUrl: admin, name });
  const url = withDatabaseName({ url: server.url, name });
  await migrateDatabase({ url, quiet: true });
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, simulatorEnv(sim.info), { COLLECT_CONCURRENCY: values.concurrency });
  const env = loadEnv();
  const db = createDb({ url, max: env.COLLECT_CONCURRENCY + 4 });
  const dbBytes = async () => (await db.pool.query("SELECT pg_database_size(current_database())::bigint AS n")).rows[0].n as number;
  try {
    const started = Date.now();
    let printed = 0;
    const first = await runCollection({ pool: db.pool, env, trigger: "bench", onProgress: (p) => {
      if (Date.now() - printed < 5_000) return;
      printed = Date.now();
      process.stderr.write(`  ${p.accountsDone}/${p.accountsTotal} accounts, ${p.stats.apiCalls} calls, ${p.stats.throttles} throttled, ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
    } });
    const wallSeconds = (Date.now() - started) / 1000;
    process.stderr.write("\n");
    const stats = await sim.stats();
    const dbBytesFirst = await dbBytes();
    const startedSecond = Date.now();
    const second = await runCollection({ pool: db.pool, env, trigger: "bench-unchanged" });
    const wallSecondsSecond = (Date.now() - startedSecond) / 1000;
    const statsAfterSecond = await sim.stats();
    const apiCallsSecond = statsAfterSecond.totalCalls - stats.totalCalls;
    const dbBytesSecond = await dbBytes();
    const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    const principals = first.summary.counts.users + first.summary.counts.roles;
    const perPrincipal = (calls: number) => Number((calls / Math.max(1, principals)).toFixed(2));
    const result = {
      wallSeconds: Number(wallSeconds.toFixed(1)), apiCalls: stats.totalCalls, boundSeconds: Number(stats.boundSeconds.toFixed(1)),
      ratio: Number((wallSeconds / stats.boundSeconds).toFixed(2)), peakRssMiB, dbBytesFirst, dbBytesSecond,
      wallSecondsSecond: Number(wallSecondsSecond.toFixed(1)), apiCallsSecond,
      principals, callsPerPrincipal: perPrincipal(stats.totalCalls), callsPerPrincipalSecond: perPrincipal(apiCallsSecond),
      // What the collector itself counted, to compare with what the endpoint saw.
      apiCallsCounted: first.summary.apiCalls.total, apiCallsCountedSecond: second.summary.apiCalls.total,
      dbGrowthPercent: Number((((dbBytesSecond - dbBytesFirst) / dbBytesFirst) * 100).toFixed(2)),
      resources: Object.values(first.summary.resources).reduce((n, c) => n + (c ?? 0), 0),
    };
    for (const r of first.results.filter((x) => x.status !== "succeeded")) {
      process.stderr.write(`  ${r.accountId} ${r.status}: ${r.errorCode ?? ""} ${r.error ?? r.unavailable.map((u) => `${u.kind}: ${u.code}`).join(", ")}\n`);
    }
    process.stderr.write(`first run ${first.summary.status} ${JSON.stringify(first.summary.accounts)}; counts ${JSON.stringify(first.summary.counts)}; resources ${JSON.stringify(first.summary.resources)}\n`);
    process.stderr.write(`second run ${second.summary.status} in ${wallSecondsSecond.toFixed(1)}s, ${apiCallsSecond} calls (${((apiCallsSecond / stats.totalCalls) * 100).toFixed(1)}% of the first); database growth ${(((dbBytesSecond - dbBytesFirst) / dbBytesFirst) * 100).toFixed(2)}%\n`);
    process.stderr.write(`throttled responses: ${stats.throttled}; calls by operation (first run): ${JSON.stringify(stats.callsByOperation)}\n`);
    if (first.summary.status === "failed" || second.summary.status === "failed") throw new Error(`a collection run failed (first ${first.summary.status}, second ${second.summary.status})`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await db.close();
    const cleanup = createDb({ url: admin });
    await cleanup.pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    await cleanup.close();
    sim.stop();
    await server.stop();
  }
}

runScript("bench:collect", main);
