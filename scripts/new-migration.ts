// Authors a migration offline: diffs the schema at HEAD against the working schema
// (`migrate dev` needs a download this environment cannot make). Usage: npm run db:new-migration -- <name>
// The Prisma CLI wants a reachable database even for a file-to-file diff: DATABASE_URL or
// the embedded Postgres, started here.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureDatabase } from "../lib/db/ensure-database";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name in snake_case>");
  process.exit(2);
}
const migrationsDir = path.join("prisma", "migrations");
const hasMigrations = fs.existsSync(migrationsDir) && fs.readdirSync(migrationsDir).some((d) => /^\d/.test(d));
let from = ["--from-empty"];
if (hasMigrations) {
  const previous = path.join(os.tmpdir(), `schema-head-${process.pid}.prisma`);
  fs.writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
  from = ["--from-schema-datamodel", previous];
}
const database = await ensureDatabase({ migrate: false });
const result = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "diff", ...from,
  "--to-schema-datamodel", "prisma/schema.prisma", "--script"], { encoding: "utf8", env: { ...process.env, DATABASE_URL: database.url } });
await database.stop();
if (result.status !== 0) { process.stderr.write(result.stderr); process.exit(result.status ?? 1); }
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), result.stdout);
if (!fs.existsSync(path.join(migrationsDir, "migration_lock.toml"))) {
  fs.writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
}
console.log(`wrote ${dir}/migration.sql`);
