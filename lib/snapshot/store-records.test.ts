import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/test-database";
import { readRecords } from "./read-records";
import { storeRecords } from "./store-records";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => { await db?.drop(); });

async function newRun(): Promise<number> {
  const { rows } = await db.pool.query("INSERT INTO collection_run (trigger, mode, host, pid) VALUES ('test', 'test', 'h', 1) RETURNING id");
  return rows[0].id;
}

const user = (key: string, name: string, extra: Record<string, unknown> = {}) => ({ kind: "iam.user", key, name, arn: `arn:aws:iam::111111111111:user/${name}`, data: { path: "/", ...extra } });

describe("storeRecords (versioned snapshot rows)", () => {
  it("writes nothing for an unchanged re-collection and versions changes, removals and history", async () => {
    const scope = "111111111111";
    const r1 = await newRun();
    const first = await storeRecords({ pool: db.pool, runId: r1, scope, batches: [{ kind: "iam.user", mode: "replace", records: [user("AIDA1", "alice"), user("AIDA2", "bob")] }] });
    expect(first).toEqual({ inserted: 2, closed: 0, unchanged: 0 });

    const r2 = await newRun();
    const second = await storeRecords({ pool: db.pool, runId: r2, scope, batches: [{ kind: "iam.user", mode: "replace", records: [user("AIDA2", "bob"), user("AIDA1", "alice")] }] });
    expect(second).toEqual({ inserted: 0, closed: 0, unchanged: 2 });

    const r3 = await newRun();
    // bob changes; alice is deleted and re-created with the same name: a new unique id.
    const third = await storeRecords({ pool: db.pool, runId: r3, scope, batches: [{ kind: "iam.user", mode: "replace", records: [user("AIDA2", "bob", { path: "/admins/" }), user("AIDA3", "alice")] }] });
    expect(third).toEqual({ inserted: 2, closed: 2, unchanged: 0 });

    const atR2 = await readRecords({ pool: db.pool, runId: r2, scope, kinds: ["iam.user"] });
    expect(atR2.map((r) => [r.key, r.data.path])).toEqual([["AIDA1", "/"], ["AIDA2", "/"]]);
    const now = await readRecords({ pool: db.pool, scope, kinds: ["iam.user"] });
    expect(now.map((r) => [r.key, r.name, r.data.path])).toEqual([["AIDA2", "bob", "/admins/"], ["AIDA3", "alice", "/"]]);
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM snapshot_record WHERE scope = $1", [scope]);
    expect(rows[0].n).toBe(4);
  });

  it("merge mode refreshes only the given keys and drops keys that are no longer live", async () => {
    const scope = "222222222222";
    const r1 = await newRun();
    const la = (key: string, at: string) => ({ kind: "iam.last-accessed", key, data: { jobCompletionDate: at } });
    await storeRecords({ pool: db.pool, runId: r1, scope, batches: [{ kind: "iam.last-accessed", mode: "merge", records: [la("A", "d1"), la("B", "d1"), la("C", "d1")] }] });
    const r2 = await newRun();
    const stats = await storeRecords({ pool: db.pool, runId: r2, scope, batches: [{ kind: "iam.last-accessed", mode: "merge", records: [la("A", "d2")], liveKeys: ["A", "B"] }] });
    expect(stats).toEqual({ inserted: 1, closed: 2, unchanged: 0 });
    const now = await readRecords({ pool: db.pool, scope, kinds: ["iam.last-accessed"] });
    expect(now.map((r) => [r.key, r.data.jobCompletionDate])).toEqual([["A", "d2"], ["B", "d1"]]);
  });

  it("a scope written twice in one run replaces its own rows instead of leaving empty ranges", async () => {
    const scope = "333333333333";
    const r1 = await newRun();
    await storeRecords({ pool: db.pool, runId: r1, scope, batches: [{ kind: "iam.user", mode: "replace", records: [user("AIDA9", "carol")] }] });
    await storeRecords({ pool: db.pool, runId: r1, scope, batches: [{ kind: "iam.user", mode: "replace", records: [user("AIDA9", "carol", { path: "/x/" })] }] });
    const { rows } = await db.pool.query("SELECT valid_from, valid_to, data->>'path' AS path FROM snapshot_record WHERE scope = $1", [scope]);
    expect(rows).toEqual([{ valid_from: r1, valid_to: null, path: "/x/" }]);
  });

  it("rejects a batch with a duplicate key and leaves stored rows untouched", async () => {
    const scope = "444444444444";
    const r1 = await newRun();
    await storeRecords({ pool: db.pool, runId: r1, scope, batches: [{ kind: "iam.user", mode: "replace", records: [user("AIDA5", "dave")] }] });
    const r2 = await newRun();
    await expect(storeRecords({ pool: db.pool, runId: r2, scope, batches: [{ kind: "iam.user", mode: "replace", records: [user("AIDA6", "erin"), user("AIDA6", "erin")] }] }))
      .rejects.toThrow(/duplicate iam.user record key AIDA6/);
    const now = await readRecords({ pool: db.pool, scope });
    expect(now.map((r) => r.key)).toEqual(["AIDA5"]);
  });
});
