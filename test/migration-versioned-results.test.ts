import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { withDatabaseName } from "../lib/db/ensure-database";

// The migration that versions analysis results must keep analyses stored the old way (full
// copies keyed by analysis_id) readable, each exactly as it was.
const MIGRATION = "20261202144500_versioned_analysis_results";
const MIGRATIONS = path.resolve(import.meta.dirname, "..", "prisma", "migrations");

let admin: pg.Client;
let client: pg.Client;
const name = `atlas_test_${Date.now()}_${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject("pgServerUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  client = new pg.Client({ connectionString: withDatabaseName({ url: inject("pgServerUrl"), name }) });
  await client.connect();
  for (const dir of fs.readdirSync(MIGRATIONS).filter((d) => /^\d/.test(d)).sort()) {
    if (dir >= MIGRATION) break;
    await client.query(fs.readFileSync(path.join(MIGRATIONS, dir, "migration.sql"), "utf8"));
  }
});
afterAll(async () => {
  await client?.end();
  await admin?.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin?.end();
});

describe(`migration ${MIGRATION}`, () => {
  it("turns per-analysis copies into versions that read back as before, and never takes a failed analysis's rows for current", async () => {
    const { rows: [run] } = await client.query("INSERT INTO collection_run (trigger, mode, host, pid, status) VALUES ('test', 'test', 'h', 1, 'succeeded') RETURNING id");
    const analysis = async (status: string) => (await client.query("INSERT INTO analysis_run (collection_run_id, status, finished_at) VALUES ($1, $2, now()) RETURNING id", [run.id, status])).rows[0].id as number;
    const a1 = await analysis("succeeded");
    const a2 = await analysis("failed");
    const a3 = await analysis("succeeded");
    const access = (analysisId: number, key: string, admin: boolean) => client.query(
      `INSERT INTO principal_access (analysis_id, principal_key, kind, account_id, name, admin_equivalent, admin_definite,
         list_services, read_services, write_services, permissions_services, tagging_services, granted_services, admin_paths)
       VALUES ($1, $2, 'iam-user', '111111111111', $2, $3, false, '{}', '{}', '{}', '{}', '{}', 0, '[]')`, [analysisId, key, admin]);
    await access(a1, "alice", false);
    await access(a1, "bob", false);
    await access(a2, "alice", true);
    await access(a3, "alice", true);
    await client.query("INSERT INTO principal_reach (analysis_id, source_key, target_key, target_account_id, hop_count, conditional, hops) VALUES ($1, 'alice', 'r', '2', 1, false, '[]')", [a1]);

    await client.query(fs.readFileSync(path.join(MIGRATIONS, MIGRATION, "migration.sql"), "utf8"));

    const at = async (table: string, columns: string, analysisId: number) => (await client.query(
      `SELECT ${columns} FROM ${table} WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) ORDER BY ${columns}`, [analysisId])).rows;
    expect(await at("principal_access", "principal_key, admin_equivalent", a1)).toEqual([
      { principal_key: "alice", admin_equivalent: false }, { principal_key: "bob", admin_equivalent: false }]);
    expect(await at("principal_access", "principal_key, admin_equivalent", a3)).toEqual([{ principal_key: "alice", admin_equivalent: true }]);
    expect(await at("principal_reach", "source_key, target_key", a1)).toEqual([{ source_key: "alice", target_key: "r" }]);
    expect(await at("principal_reach", "source_key, target_key", a3)).toEqual([]);
    const { rows: current } = await client.query("SELECT principal_key, valid_from FROM principal_access WHERE valid_to IS NULL");
    expect(current).toEqual([{ principal_key: "alice", valid_from: a3 }]);
    const { rows: failed } = await client.query("SELECT valid_to FROM principal_access WHERE valid_from = $1", [a2]);
    expect(failed).toEqual([{ valid_to: a2 + 1 }]);
    const { rows: stored } = await client.query("SELECT id FROM analysis_run WHERE results_stored_at IS NOT NULL ORDER BY id");
    expect(stored.map((r) => r.id)).toEqual([a1, a2, a3]);
  });
});
