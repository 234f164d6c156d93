import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/test-database";
import type { TFinding } from "../results";
import { acceptFinding } from "./accept-finding";
import { applyFindingLifecycle } from "./apply-finding-lifecycle";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => { await db?.drop(); });

const finding = (fingerprint: string, evidence: Record<string, unknown> = {}): TFinding => ({
  fingerprint, rule: "key-age", title: `Key ${fingerprint} is old`, severity: "medium", cisControl: "1.13",
  accountId: "111111111111", resourceKey: fingerprint, resourceName: fingerprint, evidence,
});
const status = async () => Object.fromEntries((await db.pool.query("SELECT fingerprint, status, first_seen_run, last_seen_run, resolved_run FROM finding ORDER BY fingerprint")).rows
  .map((r) => [r.fingerprint, `${r.status}:${r.first_seen_run}-${r.last_seen_run}${r.resolved_run ? `:r${r.resolved_run}` : ""}`]));

describe("finding lifecycle across snapshots", () => {
  it("opens, keeps, resolves, reopens and keeps acceptances through re-collection", async () => {
    expect(await applyFindingLifecycle({ pool: db.pool, collectionRunId: 1, findings: [finding("a", { ageDays: 100 }), finding("b"), finding("c")] }))
      .toEqual({ opened: 3, seenAgain: 0, reopened: 0, resolved: 0, skipped: false });
    const { rows: [b] } = await db.pool.query("SELECT id FROM finding WHERE fingerprint = 'b'");
    await acceptFinding({ pool: db.pool, input: { findingId: b.id, reason: "legacy integration, retiring in Q1", until: new Date(Date.now() + 30 * 86_400_000), acceptedBy: "alice" } });

    expect(await applyFindingLifecycle({ pool: db.pool, collectionRunId: 2, findings: [finding("a", { ageDays: 101 }), finding("b")] }))
      .toEqual({ opened: 0, seenAgain: 2, reopened: 0, resolved: 1, skipped: false });
    expect(await status()).toEqual({ a: "open:1-2", b: "accepted:1-2", c: "resolved:1-1:r2" });
    const { rows: [a] } = await db.pool.query("SELECT evidence FROM finding WHERE fingerprint = 'a'");
    expect(a.evidence).toEqual({ ageDays: 101 });

    expect(await applyFindingLifecycle({ pool: db.pool, collectionRunId: 3, findings: [finding("a"), finding("b"), finding("c")] }))
      .toMatchObject({ opened: 0, reopened: 1, resolved: 0 });
    expect(await status()).toEqual({ a: "open:1-3", b: "accepted:1-3", c: "open:1-3" });
  });

  it("reopens a finding whose acceptance expired", async () => {
    await db.pool.query("UPDATE finding SET accepted_until = now() - interval '1 day' WHERE fingerprint = 'b'");
    await applyFindingLifecycle({ pool: db.pool, collectionRunId: 4, findings: [finding("b")] });
    expect((await status()).b).toBe("open:1-4");
  });

  it("ignores an analysis of an older snapshot", async () => {
    const before = await status();
    expect((await applyFindingLifecycle({ pool: db.pool, collectionRunId: 2, findings: [] })).skipped).toBe(true);
    expect(await status()).toEqual(before);
  });

  it("refuses an acceptance without a reason, in the past or beyond a year", async () => {
    const { rows: [a] } = await db.pool.query("SELECT id FROM finding WHERE fingerprint = 'a'");
    await expect(acceptFinding({ pool: db.pool, input: { findingId: a.id, reason: "", until: new Date(Date.now() + 86_400_000), acceptedBy: "x" } })).rejects.toThrow(/at least 10 characters/);
    await expect(acceptFinding({ pool: db.pool, input: { findingId: a.id, reason: "a good long reason", until: new Date(Date.now() - 1000), acceptedBy: "x" } })).rejects.toThrow(/future/);
    await expect(acceptFinding({ pool: db.pool, input: { findingId: a.id, reason: "a good long reason", until: new Date(Date.now() + 400 * 86_400_000), acceptedBy: "x" } })).rejects.toThrow(/366 days/);
    await expect(acceptFinding({ pool: db.pool, input: { findingId: 999999, reason: "a good long reason", until: new Date(Date.now() + 86_400_000), acceptedBy: "x" } })).rejects.toThrow(/not found/);
  });
});
