import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/test-database";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { getOverview } from "./get-overview";
import { parseKeyListQuery } from "./key-list-query";
import { listKeys } from "./list-keys";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const viewer: TSessionUser = { id: "v", email: "v@example.com", name: "V", roles: ["viewer"] };
const DAY = 86_400_000;
// Ages on both sides of every histogram edge, and a key that was never used.
const KEYS = [
  { id: "AKIAAGE0000000000000", age: 0, used: 0 },
  { id: "AKIAAGE0000000000029", age: 29.5, used: 1 },
  { id: "AKIAAGE0000000000030", age: 30.2, used: null },
  { id: "AKIAAGE0000000000089", age: 89.9, used: 60 },
  { id: "AKIAAGE0000000000180", age: 180, used: 100 },
  { id: "AKIAAGE0000000000640", age: 640, used: 410 },
];

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  for (const [index, key] of KEYS.entries()) {
    const data = {
      status: index === 2 ? "Inactive" : "Active", userId: `AIDAUSER${index}`, userName: `user-${index}`, userArn: `arn:aws:iam::111111111111:user/user-${index}`,
      createDate: new Date(Date.now() - key.age * DAY).toISOString(), lastUsedDate: key.used === null ? null : new Date(Date.now() - key.used * DAY).toISOString(), lastUsedService: "s3",
    };
    await db.pool.query("INSERT INTO snapshot_record (scope, kind, key, hash, data, valid_from) VALUES ('111111111111', 'iam.access-key', $1, 'h', $2, 1)", [key.id, data]);
  }
  await db.pool.query("INSERT INTO snapshot_record (scope, kind, key, name, hash, data, valid_from) VALUES ('org', 'org.account', '111111111111', 'acct-one', 'h', '{}', 1)");
});
afterAll(async () => { await getDb().close(); await db?.drop(); });

describe("listKeys", () => {
  it("each overview key-age bucket links to a list of exactly the keys it counts", async () => {
    const overview = await getOverview({ user: viewer });
    expect(overview.keyAges.map((b) => b.value)).toEqual([2, 2, 0, 1, 1]);
    for (const bucket of overview.keyAges) {
      const list = await listKeys({ user: viewer, query: parseKeyListQuery(new URL(bucket.href, "http://x").searchParams) });
      expect(list.total).toBe(bucket.value);
    }
  });

  it("sorts by age, filters by status, idle days and text, and names the account", async () => {
    const oldest = await listKeys({ user: viewer, query: parseKeyListQuery({}) });
    expect(oldest.rows.map((r) => r.ageDays)).toEqual([640, 180, 89, 30, 29, 0]);
    expect(oldest.rows[0]).toMatchObject({ userName: "user-5", accountName: "acct-one", userKey: "111111111111/AIDAUSER5", status: "Active" });
    expect((await listKeys({ user: viewer, query: parseKeyListQuery({ status: "Inactive" }) })).rows.map((r) => r.accessKeyId)).toEqual(["AKIAAGE0000000000030"]);
    expect((await listKeys({ user: viewer, query: parseKeyListQuery({ unusedDays: "90", sort: "age", dir: "asc" }) })).rows.map((r) => r.accessKeyId))
      .toEqual(["AKIAAGE0000000000030", "AKIAAGE0000000000180", "AKIAAGE0000000000640"]);
    expect((await listKeys({ user: viewer, query: parseKeyListQuery({ q: "user-3" }) })).total).toBe(1);
    const neverUsedFirst = await listKeys({ user: viewer, query: parseKeyListQuery({ sort: "lastUsed", dir: "asc" }) });
    expect(neverUsedFirst.rows[0].lastUsedDate).toBeNull();
  });

  it("refuses a caller without a role", async () => {
    await expect(listKeys({ user: { ...viewer, roles: [] }, query: parseKeyListQuery({}) })).rejects.toThrow(/inventory.read/);
  });
});
