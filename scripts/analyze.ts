// npm run analyze [-- --run <collection run id>] [--json]
// Analyses a collection run's snapshot (default: the latest finished one).
// Exit code: 0 done, 3 done over a partial collection (some accounts or kinds missing), 1 failed.
import { parseArgs } from "node:util";
import { ensureDatabase } from "../lib/db/ensure-database";
import { createDb } from "../lib/db/client";
import { loadEnv } from "../lib/config/env";
import { analysisConfigFromEnv, analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import { EXIT_OK, EXIT_PARTIAL, runScript } from "../lib/cli/exit-status";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { run: { type: "string" }, json: { type: "boolean", default: false } } });
  if (values.run !== undefined && !/^\d+$/.test(values.run)) throw new Error(`--run: "${values.run}" is not a run id`);
  const database = await ensureDatabase();
  const db = createDb({ url: database.url });
  try {
    let runId = values.run ? Number(values.run) : undefined;
    if (runId === undefined) {
      const { rows } = await db.pool.query("SELECT max(id)::int AS id FROM collection_run WHERE status IN ('succeeded', 'partial')");
      if (!rows[0].id) throw new Error("no finished collection run to analyse: run `npm run collect` first");
      runId = rows[0].id as number;
    }
    const { rows: [run] } = await db.pool.query("SELECT status FROM collection_run WHERE id = $1", [runId]);
    const summary = await analyzeSnapshot({ pool: db.pool, collectionRunId: runId, config: analysisConfigFromEnv(loadEnv()) });
    process.stderr.write(`analysis ${summary.analysisId} of run ${runId}: ${summary.principals} principals, ${summary.adminEquivalent} admin-equivalent, ${summary.reach} reach paths, ${summary.externalTrusts} external trusts, ${summary.findings} findings (${JSON.stringify(summary.lifecycle)}) ${JSON.stringify(summary.timingsMs)}\n`);
    if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    return run?.status === "partial" ? EXIT_PARTIAL : EXIT_OK;
  } finally {
    await db.close();
    await database.stop();
  }
}

runScript("analyze", main);
