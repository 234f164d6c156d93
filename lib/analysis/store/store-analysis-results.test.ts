import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/test-database";
import type { TOrgModel } from "../model";
import { storeAnalysisResults } from "./store-analysis-results";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => { await db?.drop(); });

const EMPTY = { principals: [] } as unknown as TOrgModel;
const reach = (target: string) => ({ sourceKey: "111111111111/u", targetKey: target, targetAccountId: "222222222222", hops: [], conditional: false });

describe("storeAnalysisResults", () => {
  it("stores analyses in id order only: an older analysis finishing after a newer one was stored is refused, and stores nothing", async () => {
    const { rows: [run] } = await db.pool.query("INSERT INTO collection_run (trigger, mode, host, pid, status) VALUES ('test', 'test', 'h', 1, 'succeeded') RETURNING id");
    const { rows: [older] } = await db.pool.query("INSERT INTO analysis_run (collection_run_id) VALUES ($1) RETURNING id", [run.id]);
    const { rows: [newer] } = await db.pool.query("INSERT INTO analysis_run (collection_run_id) VALUES ($1) RETURNING id", [run.id]);
    await storeAnalysisResults({ pool: db.pool, analysisId: newer.id, model: EMPTY, access: [], reach: [reach("222222222222/a")], externalTrusts: [] });
    await expect(storeAnalysisResults({ pool: db.pool, analysisId: older.id, model: EMPTY, access: [], reach: [reach("222222222222/b")], externalTrusts: [] }))
      .rejects.toThrow(`analysis ${older.id} cannot be stored: the newer analysis ${newer.id} was stored while it ran`);
    const { rows } = await db.pool.query("SELECT target_key, valid_from, valid_to FROM principal_reach");
    expect(rows).toEqual([{ target_key: "222222222222/a", valid_from: newer.id, valid_to: null }]);
    const { rows: stored } = await db.pool.query("SELECT id FROM analysis_run WHERE results_stored_at IS NOT NULL");
    expect(stored).toEqual([{ id: newer.id }]);
  });
});
