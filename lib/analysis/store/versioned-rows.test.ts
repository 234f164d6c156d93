import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/test-database";
import { EXTERNAL_TRUST_TABLE, PRINCIPAL_ACCESS_TABLE } from "./store-analysis-results";
import { storeVersionedRows, type TVersionedTable } from "./versioned-rows";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => { await db?.drop(); });

const access = (key: string, name: string, admin = false) => [key, "iam-user", "111111111111", name, null, admin, false, [], [], ["s3"], [], [], 1, null, null, null, []];
const trust = (role: string, party: string) => [role, "111111111111", "external-account", party, ["sts:ExternalId"], null];

async function store(spec: TVersionedTable, analysisId: number, rows: unknown[][]) {
  const client = await db.pool.connect();
  try {
    await client.query("BEGIN");
    const stats = await storeVersionedRows({ client, spec, analysisId, rows });
    await client.query("COMMIT");
    return stats;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}
async function read(table: string, analysisId: number, columns: string) {
  const { rows } = await db.pool.query(
    `SELECT ${columns} FROM ${table} WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) ORDER BY ${columns}`, [analysisId]);
  return rows;
}

describe("storeVersionedRows", () => {
  it("carries equal keyed rows forward, versions changed ones, closes removed ones, and every analysis reads back its own rows", async () => {
    expect(await store(PRINCIPAL_ACCESS_TABLE, 1, [access("a", "alice"), access("b", "bob")])).toEqual({ kept: 0, inserted: 2, closed: 0 });
    expect(await store(PRINCIPAL_ACCESS_TABLE, 2, [access("a", "alice", true), access("b", "bob"), access("c", "carol")])).toEqual({ kept: 1, inserted: 2, closed: 1 });
    expect(await store(PRINCIPAL_ACCESS_TABLE, 3, [access("a", "alice", true), access("c", "carol")])).toEqual({ kept: 2, inserted: 0, closed: 1 });
    const cols = "principal_key, admin_equivalent, write_services";
    expect(await read("principal_access", 1, cols)).toEqual([
      { principal_key: "a", admin_equivalent: false, write_services: ["s3"] }, { principal_key: "b", admin_equivalent: false, write_services: ["s3"] }]);
    expect(await read("principal_access", 2, cols)).toEqual([
      { principal_key: "a", admin_equivalent: true, write_services: ["s3"] }, { principal_key: "b", admin_equivalent: false, write_services: ["s3"] },
      { principal_key: "c", admin_equivalent: false, write_services: ["s3"] }]);
    expect(await read("principal_access", 3, cols)).toEqual([
      { principal_key: "a", admin_equivalent: true, write_services: ["s3"] }, { principal_key: "c", admin_equivalent: false, write_services: ["s3"] }]);
    const { rows: [{ n }] } = await db.pool.query("SELECT count(*)::int AS n FROM principal_access");
    expect(n).toBe(4);
  });

  it("matches unkeyed rows by content one for one, duplicates included", async () => {
    await store(EXTERNAL_TRUST_TABLE, 1, [trust("r1", "p"), trust("r1", "p"), trust("r2", "q")]);
    expect(await store(EXTERNAL_TRUST_TABLE, 2, [trust("r1", "p"), trust("r2", "q"), trust("r3", "q")])).toEqual({ kept: 2, inserted: 1, closed: 1 });
    expect(await read("external_trust", 1, "role_key, party")).toEqual([{ role_key: "r1", party: "p" }, { role_key: "r1", party: "p" }, { role_key: "r2", party: "q" }]);
    expect(await read("external_trust", 2, "role_key, party")).toEqual([{ role_key: "r1", party: "p" }, { role_key: "r2", party: "q" }, { role_key: "r3", party: "q" }]);
  });

  it("refuses two rows with the same key in one analysis", async () => {
    await expect(store(PRINCIPAL_ACCESS_TABLE, 9, [access("x", "x"), access("x", "y")])).rejects.toThrow(/two rows for principal_key x/);
  });
});
