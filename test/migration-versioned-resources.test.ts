import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { withDatabaseName } from "../lib/db/ensure-database";

// The migration that versions the resource results must keep analyses stored the old way
// (full copies keyed by analysis_id) readable, each exactly as it was.
const MIGRATION = "20261202175231_versioned_resource_results";
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
  it("turns per-analysis resource rows into versions that read back as before, a failed analysis's never current, an empty analysis empty", async () => {
    const { rows: [run] } = await client.query("INSERT INTO collection_run (trigger, mode, host, pid, status) VALUES ('test', 'test', 'h', 1, 'succeeded') RETURNING id");
    const analysis = async (status: string) => (await client.query(
      "INSERT INTO analysis_run (collection_run_id, status, finished_at, results_stored_at) VALUES ($1, $2, now(), now()) RETURNING id", [run.id, status])).rows[0].id as number;
    const a1 = await analysis("succeeded");
    const a2 = await analysis("failed");
    const a3 = await analysis("succeeded");
    // a4 found no resources at all: the old scheme stored no rows for it.
    const a4 = await analysis("succeeded");
    const a5 = await analysis("succeeded");
    const resource = (analysisId: number, arn: string, exposure: string) => client.query(
      `INSERT INTO resource_exposure (analysis_id, arn, type, account_id, region, name, service, exposure, policy_public, identity_access,
         denied_levels, principals_by_level, external_accounts, org_accounts, grant_count, details)
       VALUES ($1, $2, 's3-bucket', '111111111111', 'us-east-1', $2, 's3', $3, false, true, '{}', '{}', '{}', '{}', 1, '{}')`, [analysisId, arn, exposure]);
    const grant = (analysisId: number, arn: string, principal: string) => client.query(
      `INSERT INTO resource_grant (analysis_id, resource_arn, resource_account_id, party_kind, principal, account_id, scope, reach, levels, source, statement,
         condition_keys, restricted_by)
       VALUES ($1, $2, '111111111111', 'external-account', $3, $3, 'account', 'outside-organization', '{Read}', 'policy', '{}', '{}', '{}')`, [analysisId, arn, principal]);
    await resource(a1, "arn:b1", "account");
    await resource(a1, "arn:b2", "outside-organization");
    await grant(a1, "arn:b2", "999999999999");
    await resource(a2, "arn:b1", "public");
    await grant(a2, "arn:b1", "*");
    await resource(a3, "arn:b1", "public");
    await resource(a5, "arn:b3", "account");
    await grant(a5, "arn:b3", "888888888888");

    await client.query(fs.readFileSync(path.join(MIGRATIONS, MIGRATION, "migration.sql"), "utf8"));

    const at = async (table: string, columns: string, analysisId: number) => (await client.query(
      `SELECT ${columns} FROM ${table} WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) ORDER BY ${columns}`, [analysisId])).rows;
    expect(await at("resource_exposure", "arn, exposure", a1)).toEqual([{ arn: "arn:b1", exposure: "account" }, { arn: "arn:b2", exposure: "outside-organization" }]);
    expect(await at("resource_grant", "resource_arn, principal", a1)).toEqual([{ resource_arn: "arn:b2", principal: "999999999999" }]);
    expect(await at("resource_exposure", "arn, exposure", a3)).toEqual([{ arn: "arn:b1", exposure: "public" }]);
    expect(await at("resource_grant", "resource_arn, principal", a3)).toEqual([]);
    expect(await at("resource_exposure", "arn", a4)).toEqual([]);
    expect(await at("resource_exposure", "arn", a5)).toEqual([{ arn: "arn:b3" }]);
    expect(await at("resource_grant", "principal", a5)).toEqual([{ principal: "888888888888" }]);
    const { rows: current } = await client.query("SELECT arn, valid_from FROM resource_exposure WHERE valid_to IS NULL");
    expect(current).toEqual([{ arn: "arn:b3", valid_from: a5 }]);
    const { rows: failed } = await client.query("SELECT valid_to FROM resource_grant WHERE valid_from = $1", [a2]);
    expect(failed).toEqual([{ valid_to: a2 + 1 }]);
  });
});
