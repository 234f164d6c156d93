// npm run collect [-- --json] [--accounts 111111111111,222222222222] [--no-analyze]
// Collects every account of the organization into Postgres with a live progress line,
// then analyses the new snapshot (effective access, reach, findings).
// Exit code: 0 succeeded, 3 partial (some accounts or data kinds unreadable), 1 failed.
import { parseArgs } from "node:util";
import { loadEnv } from "../lib/config/env";
import { ensureDatabase } from "../lib/db/ensure-database";
import { createDb } from "../lib/db/client";
import { recordConfigurationIfChanged } from "../lib/audit/record-configuration";
import { runCollection, type TProgress } from "../lib/collect/run-collection";
import { analysisConfigFromEnv, analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import { exitCodeForRunStatus, runScript } from "../lib/cli/exit-status";

function progressLine(p: TProgress, startedAt: number): string {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(0);
  return `run ${p.runId}: accounts ${p.accountsDone}/${p.accountsTotal} (${p.accountsFailed} failed) | api calls ${p.stats.apiCalls} | throttled ${p.stats.throttles} | retries ${p.stats.retries} | ${seconds}s`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: "boolean", default: false }, accounts: { type: "string" }, trigger: { type: "string", default: "cli" },
      "no-analyze": { type: "boolean", default: false },
    },
  });
  const env = loadEnv();
  const accounts = values.accounts?.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = accounts?.find((a) => !/^\d{12}$/.test(a));
  if (bad) throw new Error(`--accounts: "${bad}" is not a 12-digit account id`);
  const database = await ensureDatabase();
  const db = createDb({ url: database.url, max: Math.max(10, env.COLLECT_CONCURRENCY + 4) });
  await recordConfigurationIfChanged({ pool: db.pool, component: "collector" });
  const startedAt = Date.now();
  const tty = process.stderr.isTTY;
  let lastPrinted = 0;
  try {
    const { summary, results } = await runCollection({
      pool: db.pool, env, trigger: values.trigger!, accounts,
      onProgress: (p) => {
        if (tty) process.stderr.write(`\r${progressLine(p, startedAt)}\x1b[K`);
        else if (Date.now() - lastPrinted > 5_000 || p.accountsDone === p.accountsTotal) {
          lastPrinted = Date.now();
          process.stderr.write(`${progressLine(p, startedAt)}\n`);
        }
      },
    });
    if (tty) process.stderr.write("\n");
    for (const r of results.filter((r) => r.status !== "succeeded")) {
      const detail = r.error ?? r.unavailable.map((u) => `${u.kind}: ${u.code}`).join(", ");
      process.stderr.write(`  ${r.accountId} ${r.status}: ${r.errorCode ?? ""} ${detail}\n`);
    }
    process.stderr.write(`run ${summary.runId} ${summary.status} in ${((Date.now() - startedAt) / 1000).toFixed(1)}s: ${summary.accountsDiscovered} accounts discovered ${JSON.stringify(summary.accounts)}, ${summary.apiCalls.total} API calls${summary.identityCenterRegion ? `, Identity Center in ${summary.identityCenterRegion}` : ""}\n`);
    let analysis: Awaited<ReturnType<typeof analyzeSnapshot>> | undefined;
    if (!values["no-analyze"] && summary.status !== "failed") {
      analysis = await analyzeSnapshot({ pool: db.pool, collectionRunId: summary.runId, config: analysisConfigFromEnv(env) });
      process.stderr.write(`analysis ${analysis.analysisId}: ${analysis.findings} findings, ${analysis.adminEquivalent} admin-equivalent principals, ${analysis.externalTrusts} external trusts\n`);
    }
    if (values.json) {
      const analysisSummary = analysis && { id: analysis.analysisId, findings: analysis.findings, adminEquivalent: analysis.adminEquivalent, externalTrusts: analysis.externalTrusts };
      // Exposure is the analysis's verdict (Block Public Access, restricting conditions applied), so it exists only after one.
      const exposure = analysis ? { publicResources: analysis.publicResources, externallySharedResources: analysis.externallySharedResources } : {};
      process.stdout.write(`${JSON.stringify({ ...summary, ...exposure, analysis: analysisSummary ?? null })}\n`);
    }
    return exitCodeForRunStatus(summary.status);
  } finally {
    await db.close();
    await database.stop();
  }
}

runScript("collect", main);
