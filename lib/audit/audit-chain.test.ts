import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/test-database";
import { toCsv } from "../export/to-csv";
import { CHAIN_FIELDS, CHAIN_SELECT_SQL, computeEventHash, GENESIS_HASH, type TChainRow } from "./audit-chain";
import { recordAuditEvent } from "./record-audit-event";
import { verifyAuditChain } from "./verify-audit-chain";
import { verifyExportedChain } from "./verify-exported-chain";

// The chain is computed by a Postgres trigger and checked by TypeScript: these tests write
// real events, then tamper with them as the database superuser would (lifting the
// append-only trigger), and expect the first broken link to be named.

const actor = { id: "sub-1", email: "ada@acme.example", roles: ["admin"] };

async function exportCsv(pool: import("pg").Pool): Promise<string> {
  const { rows } = await pool.query(`SELECT ${CHAIN_SELECT_SQL} FROM audit_event ORDER BY audit_event.id DESC`);
  return toCsv<TChainRow>({ rows, columns: [...CHAIN_FIELDS.map((f) => ({ header: f.name, value: (r: TChainRow) => r[f.name] })), { header: "prev_hash", value: (r) => r.prev_hash }, { header: "hash", value: (r) => r.hash }] });
}

async function asSuperuser(pool: import("pg").Pool, sql: string, params: unknown[] = []) {
  const client = await pool.connect();
  try {
    await client.query("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
    await client.query(sql, params);
  } finally {
    await client.query("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update");
    client.release();
  }
}

describe("the audit trail's hash chain", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => { db = await createTestDatabase(); });
  afterAll(async () => { await db.drop(); });

  it("chains concurrent inserts in id order, each hash matching the TypeScript computation", async () => {
    await Promise.all(Array.from({ length: 40 }, (_, n) => recordAuditEvent({
      db: db.pool,
      event: { actor, action: "export.download", targetType: "report", targetId: `r${n}`, details: { n, text: "ünïcode, \"quotes\"\nnewline", nested: { b: 1.5, a: [1, 2] } }, origin: { ip: "10.0.0.1", userAgent: n % 2 ? "=cmd|' /C calc'!A0" : "" } },
    })));
    const { rows } = await db.pool.query(`SELECT ${CHAIN_SELECT_SQL} FROM audit_event ORDER BY audit_event.id`);
    expect(rows.length).toBe(40);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 0; i < rows.length; i++) {
      expect(rows[i].hash).toBe(computeEventHash({ row: rows[i], prevHash: rows[i].prev_hash }));
      if (i > 0) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    }
    const verdict = await verifyAuditChain({ pool: db.pool, batchSize: 7 });
    expect(verdict).toMatchObject({ ok: true, events: 40 });
  });

  it("ignores a caller's own hash: the trigger sets it", async () => {
    const { rows } = await db.pool.query(
      "INSERT INTO audit_event (actor_id, action, prev_hash, hash) VALUES ('x', 'config.change', $1, $1) RETURNING hash, prev_hash",
      ["f".repeat(64)],
    );
    expect(rows[0].hash).not.toBe("f".repeat(64));
    expect((await verifyAuditChain({ pool: db.pool })).ok).toBe(true);
  });

  it("verifies an unfiltered CSV export offline, formula-guarded cells included", async () => {
    const csv = await exportCsv(db.pool);
    expect(csv).toContain("'=cmd");
    expect(verifyExportedChain({ csv })).toMatchObject({ ok: true, events: 41 });
    const edited = csv.replace('\\""quotes\\""', '\\""QUOTES\\""');
    expect(edited).not.toBe(csv);
    expect(verifyExportedChain({ csv: edited }).ok).toBe(false);
    // A filtered export (every other row): the chain has gaps, each row's own hash still holds.
    const [header, ...lines] = csv.trimEnd().split("\r\n");
    const filtered = [header, ...lines.filter((_, n) => n % 2 === 0)].join("\r\n");
    expect(verifyExportedChain({ csv: filtered }).ok).toBe(false);
    expect(verifyExportedChain({ csv: filtered, partial: true })).toMatchObject({ ok: true, events: 21 });
    expect(verifyExportedChain({ csv: filtered.replace("ada@acme.example", "eve@acme.example"), partial: true }).ok).toBe(false);
  });

  it("reports a changed row as the first broken link", async () => {
    const { rows } = await db.pool.query("SELECT id FROM audit_event ORDER BY id");
    const victim = rows[10].id;
    await asSuperuser(db.pool, `UPDATE audit_event SET details = details || '{"rows": 0}' WHERE id = $1`, [victim]);
    const verdict = await verifyAuditChain({ pool: db.pool });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.broken).toMatchObject({ id: String(victim), reason: "hash-mismatch" });
    expect(verdict.events).toBe(11);
    expect(verifyExportedChain({ csv: await exportCsv(db.pool) })).toMatchObject({ ok: false, broken: { id: String(victim) } });
  });

  it("reports a removed row at the event after it, and removed tail rows against the chain head", async () => {
    const fresh = await createTestDatabase();
    try {
      for (let n = 0; n < 5; n++) await recordAuditEvent({ db: fresh.pool, event: { actor, action: "auth.sign-in", details: { n } } });
      const ids = (await fresh.pool.query("SELECT id FROM audit_event ORDER BY id")).rows.map((r) => String(r.id));
      await asSuperuser(fresh.pool, "DELETE FROM audit_event WHERE id = $1", [ids[2]]);
      expect(await verifyAuditChain({ pool: fresh.pool })).toMatchObject({ ok: false, broken: { id: ids[3], reason: "prev-hash-mismatch" } });
      await asSuperuser(fresh.pool, "DELETE FROM audit_event WHERE id >= $1", [ids[2]]);
      expect(await verifyAuditChain({ pool: fresh.pool })).toMatchObject({ ok: false, broken: { id: ids[4], reason: "head-mismatch" } });
    } finally {
      await fresh.drop();
    }
  });
});
