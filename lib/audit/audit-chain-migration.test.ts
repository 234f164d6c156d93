import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { withDatabaseName } from "../db/ensure-database";
import { verifyAuditChain } from "./verify-audit-chain";

// The chain migration must link the events written before it. This applies the migrations
// before it to an empty database, writes events the old way, then applies it (statements
// split at semicolons, as the migration runner does) and verifies the chain.

const MIGRATIONS = path.resolve(import.meta.dirname, "..", "..", "prisma", "migrations");
const CHAIN_MIGRATION = fs.readdirSync(MIGRATIONS).find((name) => name.endsWith("_sessions_audit_chain"))!;

async function apply(client: pg.Client, folder: string) {
  const sql = fs.readFileSync(path.join(MIGRATIONS, folder, "migration.sql"), "utf8");
  for (const statement of sql.split(";").map((s) => s.trim()).filter((s) => s.replace(/--.*$/gm, "").trim())) await client.query(statement);
}

describe("the audit chain migration", () => {
  const serverUrl = inject("pgServerUrl");
  const name = `atlas_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  let client: pg.Client;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    client = new pg.Client({ connectionString: withDatabaseName({ url: serverUrl, name }) });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it("chains the events already stored, and new events continue the chain", async () => {
    const folders = fs.readdirSync(MIGRATIONS).filter((f) => /^\d/.test(f)).sort();
    for (const folder of folders.filter((f) => f < CHAIN_MIGRATION)) await apply(client, folder);
    for (let n = 0; n < 3; n++) {
      await client.query("INSERT INTO audit_event (actor_id, actor_roles, action, details, user_agent) VALUES ('u', $1, 'auth.sign-in', $2, $3)", [n ? ["admin"] : null, { n }, n === 2 ? "" : null]);
    }
    await apply(client, CHAIN_MIGRATION);
    const { rows } = await client.query("SELECT id, prev_hash, hash FROM audit_event ORDER BY id");
    expect(rows).toHaveLength(3);
    expect(rows[0].prev_hash).toBe("0".repeat(64));
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    await client.query("INSERT INTO audit_event (actor_id, action) VALUES ('u', 'auth.sign-out')");
    expect(await verifyAuditChain({ pool: client as unknown as pg.Pool })).toMatchObject({ ok: true, events: 4 });
    await expect(client.query("UPDATE audit_event SET action = 'x'")).rejects.toThrow(/append-only/);
  });
});
