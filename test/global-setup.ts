import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { createDatabaseIfMissing, migrateDatabase, withDatabaseName } from "../lib/db/ensure-database";
import pg from "pg";

export const TEMPLATE_DATABASE = "atlas_test_template";

/**
 * Each checkout gets its own test cluster port (derived from its path), so a second clone
 * never attaches to, and then loses, another checkout's server when that run stops it.
 */
function portForCheckout(root: string): number {
  let hash = 0;
  for (const char of root) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return 55000 + (hash % 5000);
}

/**
 * One Postgres for the whole suite (TEST_DATABASE_SERVER_URL, or the project's embedded one
 * on its own port and data folder) and a migrated template database; each test file then
 * clones the template, so files run in parallel on databases of their own.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, "..");
  const server = process.env.TEST_DATABASE_SERVER_URL
    ? { serverUrl: process.env.TEST_DATABASE_SERVER_URL, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: path.join(root, ".data", "test-postgres"), port: Number(process.env.TEST_PG_PORT ?? portForCheckout(root)) });
  const admin = new pg.Client({ connectionString: server.serverUrl });
  await admin.connect();
  // Databases left by interrupted runs would pile up; names carry their creation time,
  // so only those over an hour old go (another suite may be running right now).
  const stale = await admin.query("SELECT datname FROM pg_database WHERE datname ~ '^atlas_test_[0-9]+_'");
  for (const row of stale.rows) {
    const createdAt = Number(String(row.datname).split("_")[2]);
    if (Date.now() - createdAt > 3_600_000) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  }
  await admin.end();
  await createDatabaseIfMissing({ serverUrl: server.serverUrl, name: TEMPLATE_DATABASE });
  await migrateDatabase({ url: withDatabaseName({ url: server.serverUrl, name: TEMPLATE_DATABASE }), quiet: true });
  project.provide("pgServerUrl", server.serverUrl);
  return async () => {
    await server.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}
