// npm run db:prune [-- --days N] [--dry-run] [--json]
// Prunes snapshots older than N days (default HISTORY_RETENTION_DAYS); runs pinned by a
// review campaign, the latest finished run and runs in progress stay.
import { parseArgs } from "node:util";
import { ensureDatabase } from "../lib/db/ensure-database";
import { createDb } from "../lib/db/client";
import { loadEnv } from "../lib/config/env";
import { pruneHistory } from "../lib/snapshot/prune-history";
import { runScript } from "../lib/cli/exit-status";

async function main() {
  const { values } = parseArgs({ options: { days: { type: "string" }, "dry-run": { type: "boolean", default: false }, json: { type: "boolean", default: false } } });
  if (values.days !== undefined && !/^\d+$/.test(values.days)) throw new Error(`--days: "${values.days}" is not a whole number of days`);
  const retentionDays = values.days !== undefined ? Number(values.days) : loadEnv().HISTORY_RETENTION_DAYS;
  if (retentionDays === 0) throw new Error("retention is 0 days (keep everything): nothing to prune; pass --days N");
  const database = await ensureDatabase();
  const db = createDb({ url: database.url });
  try {
    const result = await pruneHistory({ pool: db.pool, retentionDays, dryRun: values["dry-run"], actor: { id: "cli:db:prune" } });
    process.stderr.write(`${result.dryRun ? "would prune" : "pruned"} runs before ${result.cutoff}: ${result.prunedRuns.length} runs, ${result.snapshotRecordsDeleted} snapshot rows, ${result.policyDocumentsDeleted} policy documents, ${result.analysesPruned} analyses (${result.analysisRowsDeleted} rows); kept ${result.keptRuns.length} runs\n`);
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await db.close();
    await database.stop();
  }
}

runScript("db:prune", main);
