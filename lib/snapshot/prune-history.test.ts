import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/test-database";
import { PRINCIPAL_ACCESS_TABLE } from "../analysis/store/store-analysis-results";
import { storeResourceResults } from "../analysis/store/store-resource-results";
import { storeVersionedRows } from "../analysis/store/versioned-rows";
import type { TResourceAnalysis } from "../analysis/resources/resource-results";
import { ANALYSIS_DERIVED_TABLES, ANALYSIS_REFERENCES, PER_ANALYSIS_TABLES, pruneHistory } from "./prune-history";
import { readRecords } from "./read-records";
import { storePolicyDocuments, storeRecords } from "./store-records";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => { await db?.drop(); });

const NOW = new Date("2026-12-01T00:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const scope = "111111111111";

async function newRun(startedAt: Date): Promise<number> {
  const { rows } = await db.pool.query(
    "INSERT INTO collection_run (trigger, mode, host, pid, status, started_at) VALUES ('test', 'test', 'h', 1, 'succeeded', $1) RETURNING id",
    [startedAt],
  );
  return rows[0].id;
}
/** An analysis storing principal "k" (whose summary changes with every analysis) and "bob" (the same in every one). */
async function newAnalysis(runId: number): Promise<number> {
  const { rows } = await db.pool.query("INSERT INTO analysis_run (collection_run_id, status) VALUES ($1, 'succeeded') RETURNING id", [runId]);
  const analysisId = rows[0].id;
  await db.pool.query("INSERT INTO access_summary (hash, summary) VALUES ($1, '{}'), ('summary-bob', '{}') ON CONFLICT DO NOTHING", [`summary-${analysisId}`]);
  const row = (key: string, name: string, summaryHash: string) => [key, "iam-user", scope, name, null, false, false, [], [], [], [], [], 0, null, null, summaryHash, []];
  const client = await db.pool.connect();
  try {
    await client.query("BEGIN");
    await storeVersionedRows({ client, spec: PRINCIPAL_ACCESS_TABLE, analysisId, rows: [row("k", "alice", `summary-${analysisId}`), row("bob", "bob", "summary-bob")] });
    await client.query("COMMIT");
  } finally {
    client.release();
  }
  return analysisId;
}
/** A bucket with a resource policy (stored in policy_document by its content hash). */
const bucket = (name: string, policy: Record<string, unknown>): TResourceAnalysis => ({
  arn: `arn:aws:s3:::${name}`, type: "s3-bucket", accountId: scope, region: "us-east-1", name, service: "s3", exposure: "account",
  policyPublic: false, identityAccess: true, deniedLevels: [], principalsByLevel: { List: 0, Read: 0, Write: 0, "Permissions management": 0, Tagging: 0 },
  grants: [], externalAccounts: [], orgAccounts: [], details: {}, policy,
});
const policyHash = (policy: unknown) => createHash("sha256").update(JSON.stringify(policy)).digest("hex");
const user = (key: string, documentHash: string, path = "/") =>
  ({ kind: "iam.user", key, name: key, arn: null, data: { path, inlinePolicies: [{ name: "p", documentHash }] } });
const store = (runId: number, records: ReturnType<typeof user>[]) =>
  storeRecords({ pool: db.pool, runId, scope, batches: [{ kind: "iam.user", mode: "replace", records }] });

describe("pruneHistory (snapshot retention)", () => {
  it("every table keyed by analysis is either pruned with its analysis or keeps the analysis alive", async () => {
    const tablesWith = async (column: string) => (await db.pool.query(
      "SELECT table_name FROM information_schema.columns WHERE column_name = $1 AND table_schema = 'public' ORDER BY table_name", [column],
    )).rows.map((r) => r.table_name as string);
    expect(await tablesWith("row_hash")).toEqual([...PER_ANALYSIS_TABLES].sort());
    expect(await tablesWith("analysis_id")).toEqual([...ANALYSIS_REFERENCES, ...ANALYSIS_DERIVED_TABLES].sort());
  });

  it("deletes only what no kept run can see, keeps runs a review campaign pinned, and marks pruned runs", async () => {
    await storePolicyDocuments({ pool: db.pool, documents: new Map(["d-old", "d-pinned", "d-now"].map((h) => [h, { h }])) });
    const r1 = await newRun(daysAgo(500));
    await store(r1, [user("A", "d-now"), user("B", "d-old"), user("D", "d-old")]);
    const a1 = await newAnalysis(r1);
    await storeResourceResults({ pool: db.pool, analysisId: a1, resources: [bucket("gone", { v: "gone" }), bucket("kept", { v: "kept" })] });
    const r2 = await newRun(daysAgo(450));
    await store(r2, [user("A", "d-now"), user("B", "d-now", "/changed/"), user("C", "d-pinned"), user("D", "d-old")]);
    const r3 = await newRun(daysAgo(420));
    await store(r3, [user("A", "d-now"), user("B", "d-now", "/changed/"), user("C", "d-pinned")]);
    const a3 = await newAnalysis(r3);
    await storeResourceResults({ pool: db.pool, analysisId: a3, resources: [bucket("kept", { v: "kept" })] });
    await db.pool.query(
      `INSERT INTO review_campaign (name, scope, reviewer_config, analysis_id, collection_run_id, due_at, created_by)
       VALUES ('Q3 2025', '{}', '{}', $1, $2, now(), 'ada')`,
      [a3, r3],
    );
    const r4 = await newRun(daysAgo(10));
    await store(r4, [user("A", "d-now"), user("B", "d-now", "/changed/")]);
    const r5 = await newRun(daysAgo(1));
    await store(r5, [user("A", "d-now"), user("B", "d-now", "/changed/")]);

    const pinnedBefore = await readRecords({ pool: db.pool, runId: r3, scope });
    const latestBefore = await readRecords({ pool: db.pool, scope });

    const dry = await pruneHistory({ pool: db.pool, retentionDays: 400, now: NOW, dryRun: true });
    expect(dry.prunedRuns).toEqual([r1, r2]);
    const { rows: stillAll } = await db.pool.query("SELECT count(*)::int AS n FROM snapshot_record");
    expect(stillAll[0].n).toBe(5);

    const result = await pruneHistory({ pool: db.pool, retentionDays: 400, now: NOW });
    expect(result.keptRuns).toEqual([r3, r4, r5]);
    expect(result.prunedRuns).toEqual([r1, r2]);
    // B's first version [r1, r2) and D [r1, r3) are seen by no kept run; C [r2, r4) is seen by the pinned r3.
    expect(result.snapshotRecordsDeleted).toBe(2);
    expect(await readRecords({ pool: db.pool, runId: r3, scope })).toEqual(pinnedBefore);
    expect(await readRecords({ pool: db.pool, scope })).toEqual(latestBefore);

    const { rows: docs } = await db.pool.query("SELECT hash FROM policy_document ORDER BY hash");
    // The kept bucket's policy is referenced by its resource row only (not by the snapshot): it stays.
    expect(docs.map((d) => d.hash)).toEqual(["d-now", "d-pinned", policyHash({ v: "kept" })].sort());
    const { rows: analyses } = await db.pool.query("SELECT id, status FROM analysis_run ORDER BY id");
    expect(analyses).toEqual([{ id: a1, status: "pruned" }, { id: a3, status: "succeeded" }]);
    // alice's first version [a1, a3) is seen by no remaining analysis; bob's, carried forward
    // from the pruned a1, is still a3's (and current), so it stays.
    const { rows: access } = await db.pool.query("SELECT principal_key, valid_from, valid_to FROM principal_access ORDER BY principal_key");
    expect(access).toEqual([{ principal_key: "bob", valid_from: a1, valid_to: null }, { principal_key: "k", valid_from: a3, valid_to: null }]);
    // The bucket "gone" held for [a1, a3) only; "kept", carried forward from a1, is current.
    const { rows: resources } = await db.pool.query("SELECT name, valid_from, valid_to FROM resource_exposure ORDER BY name");
    expect(resources).toEqual([{ name: "kept", valid_from: a1, valid_to: null }]);
    expect(result.analysisRowsDeleted).toBe(2);
    const { rows: summaries } = await db.pool.query("SELECT hash FROM access_summary");
    expect(summaries.map((s) => s.hash).sort()).toEqual(["summary-bob", `summary-${a3}`].sort());
    const { rows: runs } = await db.pool.query("SELECT id, pruned_at IS NOT NULL AS pruned FROM collection_run ORDER BY id");
    expect(runs.map((r) => r.pruned)).toEqual([true, true, false, false, false]);
    const { rows: audit } = await db.pool.query("SELECT details FROM audit_event WHERE action = 'history.prune'");
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ retentionDays: 400, prunedRuns: [r1, r2], snapshotRecordsDeleted: 2 });

    // A second prune finds nothing more to do.
    const again = await pruneHistory({ pool: db.pool, retentionDays: 400, now: NOW });
    expect(again.prunedRuns).toEqual([]);
  });
});
