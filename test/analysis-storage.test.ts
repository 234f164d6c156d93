import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeSnapshot, type TAnalysisSummary } from "../lib/analysis/analyze-snapshot";
import { startHarness, type THarness } from "./collect-harness";

// Issue 15 item 9: re-collecting and re-analysing an unchanged organization must not
// rewrite the analysis tables (they are versioned: unchanged rows are carried forward).
const TABLES = ["principal_access", "principal_reach", "external_trust"] as const;
const visible = (analysisId: number) => `valid_from <= ${analysisId} AND (valid_to IS NULL OR valid_to > ${analysisId})`;

let h: THarness;
const sizes: number[] = [];
const analyses: TAnalysisSummary[] = [];

async function tablesSize(): Promise<number> {
  const { rows } = await h.db.pool.query(`SELECT ${TABLES.map((t) => `pg_total_relation_size('${t}')`).join(" + ")} AS bytes`);
  return Number(rows[0].bytes);
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
