import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeSnapshot, type TAnalysisSummary } from "../lib/analysis/analyze-snapshot";
import { startHarness, type THarness } from "./collect-harness";

// Issue 15 item 9: re-collecting and re-analysing an unchanged organization must not
// rewrite the analysis tables (they are versioned: unchanged rows are carried forward).
const TABLES = ["principal_access", "principal_reach", "external_trust", "resource_exposure", "resource_grant"] as const;
// The resource results (issue 9/13): an unchanged re-analysis adds nothing to them at all.
const RESOURCE_TABLES = ["resource_exposure", "resource_grant"] as const;
const visible = (analysisId: number) => `valid_from <= ${analysisId} AND (valid_to IS NULL OR valid_to > ${analysisId})`;

let h: THarness;
const sizes: number[] = [];
const analyses: TAnalysisSummary[] = [];

const resourceSizes: number[] = [];
const resourceRows: number[] = [];

async function tablesSize(tables: readonly string[] = TABLES): Promise<number> {
  const { rows } = await h.db.pool.query(`SELECT ${tables.map((t) => `pg_total_relation_size('${t}')`).join(" + ")} AS bytes`);
  return Number(rows[0].bytes);
}
async function rowCount(tables: readonly string[]): Promise<number> {
  const { rows } = await h.db.pool.query(`SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})`).join(" + ")} AS n`);
  return Number(rows[0].n);
}
/** One analysis's rows of a table, without the columns that say where they are stored. */
async function rowsOf(table: string, analysisId: number) {
  const { rows } = await h.db.pool.query(`SELECT * FROM ${table} WHERE ${visible(analysisId)}`);
  return rows
    .map(({ id: _id, valid_from: _from, valid_to: _to, row_hash: _hash, ...row }) => row)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

beforeAll(async () => {
  h = await startHarness();
  sizes.push(await tablesSize());
  for (let i = 0; i < 2; i++) {
    const runId = (await h.collect()).summary.runId;
    analyses.push(await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId }));
    sizes.push(await tablesSize());
    resourceSizes.push(await tablesSize(RESOURCE_TABLES));
    resourceRows.push(await rowCount(RESOURCE_TABLES));
  }
}, 600_000);
afterAll(async () => { await h?.stop(); });

describe("storing an unchanged re-analysis", () => {
  it("grows the analysis tables by less than 5% of the first analysis", () => {
    const first = sizes[1] - sizes[0];
    expect(first).toBeGreaterThan(0);
    expect(sizes[2] - sizes[1]).toBeLessThan(first * 0.05);
    for (const table of TABLES) expect(analyses[1].stored[table]).toMatchObject({ inserted: 0, closed: 0 });
    expect(analyses[1].stored.principal_access.kept).toBe(analyses[0].stored.principal_access.inserted);
  });

  it("adds no row and no byte to the resource tables", () => {
    expect(analyses[0].resources).toBeGreaterThan(0);
    expect(analyses[0].stored.resource_grant.inserted).toBeGreaterThan(0);
    expect(resourceRows[0]).toBe(analyses[0].stored.resource_exposure.inserted + analyses[0].stored.resource_grant.inserted);
    expect(resourceRows[1]).toBe(resourceRows[0]);
    expect(resourceSizes[1]).toBe(resourceSizes[0]);
    expect(analyses[1].stored.resource_exposure.kept).toBe(analyses[1].resources);
  });

  it("reads back the second analysis's results identical to the first's", async () => {
    for (const table of TABLES) {
      const first = await rowsOf(table, analyses[0].analysisId);
      expect(first.length).toBeGreaterThan(0);
      expect(await rowsOf(table, analyses[1].analysisId)).toEqual(first);
    }
    const [{ n }] = (await h.db.pool.query(`SELECT count(*)::int AS n FROM principal_access WHERE ${visible(analyses[1].analysisId)}`)).rows;
    expect(n).toBe(analyses[1].principals);
  });
});
