// npm run audit:verify [-- --file <audit-log export.csv> [--partial]] [--json]
// Recomputes the audit trail's hash chain and names the first broken link. Without --file
// it reads the database (DATABASE_URL or the embedded Postgres); with --file it checks an
// audit-log CSV export offline (--partial for a filtered export: each event's own hash only).
// Exit code 0: intact; 1: broken; 2: usage or read error.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/client";
import { ensureDatabase } from "../lib/db/ensure-database";
import type { TChainVerdict } from "../lib/audit/audit-chain";
import { verifyAuditChain } from "../lib/audit/verify-audit-chain";
import { verifyExportedChain } from "../lib/audit/verify-exported-chain";

async function verdictFromDatabase(): Promise<TChainVerdict> {
  const database = await ensureDatabase();
  const db = createDb({ url: database.url, max: 1 });
  try {
    return await verifyAuditChain({ pool: db.pool });
  } finally {
    await db.close();
    await database.stop();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { file: { type: "string" }, partial: { type: "boolean", default: false }, json: { type: "boolean", default: false } } });
  if (values.partial && !values.file) throw new Error("--partial applies to --file only");
  if (values.file && !fs.existsSync(values.file)) throw new Error(`--file: ${values.file} does not exist`);
  const verdict = values.file
    ? verifyExportedChain({ csv: fs.readFileSync(values.file, "utf8"), partial: values.partial })
    : await verdictFromDatabase();
  const source = values.file ? values.file : "the database";
  if (values.json) process.stdout.write(`${JSON.stringify(verdict)}\n`);
  else if (verdict.ok) process.stdout.write(`audit chain intact: ${verdict.events} events in ${source}, last hash ${verdict.lastHash}\n`);
  else process.stdout.write(`audit chain BROKEN at event ${verdict.broken.id} (${verdict.broken.reason}) after ${verdict.events} events in ${source}: ${verdict.broken.message}\n`);
  return verdict.ok ? 0 : 1;
}

main().then((code) => process.exit(code), (error: Error) => {
  process.stderr.write(`audit:verify: ${error.message}\n`);
  process.exit(2);
});
