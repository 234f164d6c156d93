// npm run demo [-- --no-console] [--port 3000]
// The whole product on the embedded defaults: Postgres (embedded), the AWS-compatible
// simulator serving the demo organization, one collection through the real AWS SDK,
// then the console on http://localhost:3000. Ctrl-C stops everything.
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { ensureDatabase } from "../lib/db/ensure-database";
import { createDb } from "../lib/db/client";
import { loadEnv } from "../lib/config/env";
import { runCollection } from "../lib/collect/run-collection";
import { analysisConfigFromEnv, analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import { simulatorEnv } from "../lib/demo/simulator-env";
import { startSimulator } from "../sim/server";
import { loadOrg } from "../sim/load-org";

const ROOT = path.resolve(import.meta.dirname, "..");

async function main() {
  const { values } = parseArgs({ options: { "no-console": { type: "boolean", default: false }, port: { type: "string", default: "3000" }, "sim-port": { type: "string", default: "4566" } } });
  const database = await ensureDatabase();
  process.stderr.write(`database: ${database.embedded ? "embedded Postgres under .data/postgres" : "DATABASE_URL"}\n`);
  // Relative dates resolve against the start of today, so restarting the demo the same day
  // re-collects an unchanged organization (and history shows no spurious changes).
  const org = loadOrg("demo", { now: new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) });
  const sim = await startSimulator({ org, port: Number(values["sim-port"]) });
  process.stderr.write(`simulator: ${sim.url} (demo organization ${org.id}, ${org.accounts.length} accounts)\n`);
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, simulatorEnv({ url: sim.url, hub: sim.hub, auditRoleName: org.auditRoleName, orgReaderRoleArn: org.orgReaderRoleArn }));
  const env = loadEnv();
  const db = createDb({ url: database.url });
  const { summary, results } = await runCollection({ pool: db.pool, env, trigger: "demo" });
  for (const r of results.filter((x) => x.status !== "succeeded")) process.stderr.write(`  ${r.accountId} ${r.status}: ${r.errorCode ?? ""} ${r.error ?? ""}\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  const analysis = await analyzeSnapshot({ pool: db.pool, collectionRunId: summary.runId, config: analysisConfigFromEnv(env) });
  process.stderr.write(`analysis: ${analysis.findings} findings, ${analysis.adminEquivalent} admin-equivalent principals, ${analysis.externalTrusts} external trusts\n`);
  await db.close();
  if (values["no-console"]) {
    await sim.stop();
    await database.stop();
    return;
  }
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    process.stderr.write("building the console (first run only)…\n");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: ROOT, stdio: "inherit", env: process.env });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const consoleProcess = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", values.port!], { cwd: ROOT, stdio: "inherit", env: process.env });
  process.stderr.write(`console: http://localhost:${values.port} (Ctrl-C to stop)\n`);
  const stop = async () => {
    consoleProcess.kill("SIGTERM");
    await sim.stop();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  consoleProcess.on("exit", (code) => {
    process.stderr.write(`console exited (${code})\n`);
    void stop();
  });
}

main().catch((error) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
