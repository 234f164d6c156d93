import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import pg from "pg";
import { loadEnv } from "../config/env";
import { startEmbeddedPostgres } from "./embedded-postgres";

export type TEnsuredDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Creates `name` on the server unless it exists (CREATE DATABASE has no IF NOT EXISTS). */
export async function createDatabaseIfMissing(options: { serverUrl: string; name: string; template?: string }) {
  const client = new pg.Client({ connectionString: options.serverUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.name]);
    if (found.rowCount === 0) {
      const template = options.template ? ` TEMPLATE "${options.template}"` : "";
      await client.query(`CREATE DATABASE "${options.name}"${template}`);
    }
  } finally {
    await client.end();
  }
}

export function withDatabaseName(options: { url: string; name: string }): string {
  const url = new URL(options.url);
  url.pathname = `/${options.name}`;
  return url.toString();
}

/** Migration folders not yet recorded as finished in `_prisma_migrations`. */
async function pendingMigrations(options: { url: string }): Promise<string[]> {
  const dir = path.join(PROJECT_ROOT, "prisma", "migrations");
  const wanted = fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, "migration.sql")));
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') AS t");
    if (!table.rows[0].t) return wanted;
    const done = await client.query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(done.rows.map((row) => row.migration_name as string));
    return wanted.filter((name) => !applied.has(name));
  } finally {
    await client.end();
  }
}

/**
 * Applies pending migrations with the Prisma CLI (offline wasm engine). The CLI keeps a
 * pooled connection open for ~10 s after it finishes, so it only runs when there is work.
 */
export async function migrateDatabase(options: { url: string; quiet?: boolean }): Promise<void> {
  if ((await pendingMigrations({ url: options.url })).length === 0) return;
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "scripts", "prisma.mjs"), "migrate", "deploy"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: options.url },
    stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const code: number = await new Promise((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`prisma migrate deploy failed (exit ${code})\n${output}`);
}

/**
 * DATABASE_URL when set; otherwise the project's embedded Postgres with an `atlas`
 * database. Sets process.env.DATABASE_URL so every module of this process agrees.
 */
export async function ensureDatabase(options: { migrate?: boolean; quiet?: boolean } = {}): Promise<TEnsuredDatabase> {
  const env = loadEnv();
  let result: TEnsuredDatabase;
  if (env.DATABASE_URL) {
    result = { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  } else {
    const server = await startEmbeddedPostgres({
      dataDir: path.resolve(PROJECT_ROOT, env.DATA_DIR, "postgres"),
      port: env.EMBEDDED_PG_PORT,
    });
    await createDatabaseIfMissing({ serverUrl: server.serverUrl, name: "atlas" });
    result = { url: withDatabaseName({ url: server.serverUrl, name: "atlas" }), embedded: true, stop: server.stop };
  }
  process.env.DATABASE_URL = result.url;
  if (options.migrate !== false) await migrateDatabase({ url: result.url, quiet: options.quiet ?? true });
  return result;
}
