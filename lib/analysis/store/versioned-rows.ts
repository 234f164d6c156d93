import { createHash } from "node:crypto";
import type pg from "pg";

/**
 * One column of a versioned analysis table: `input` is the Postgres array type its values
 * travel in through unnest(), `select` turns the unnested value (`v`) into the column's value
 * when they differ (text[] columns travel as jsonb arrays).
 */
export type TVersionedColumn = { name: string; input: string; select?: (v: string) => string };

/**
 * A table whose rows are versioned by analysis id like snapshot_record by run id: a row holds
 * for analyses valid_from <= id < valid_to (null: current). `key`, when set, names the column
 * that identifies a row (one current row per value); without it a row is identified by its
 * content alone (a multiset: equal rows are matched one for one) and the table needs a
 * bigint `id` column.
 */
export type TVersionedTable = { table: string; key?: string; columns: TVersionedColumn[] };

export const textArrayColumn = (name: string): TVersionedColumn => ({ name, input: "jsonb", select: (v) => `ARRAY(SELECT jsonb_array_elements_text(${v}))` });

const CHUNK = 5_000;

export type TVersionedStats = { kept: number; inserted: number; closed: number };

/** The digest a row is compared by: its values, in column order, as JSON. */
function rowHash(values: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(values)).digest("base64url").slice(0, 22);
}

/**
 * Stores `rows` (each the values of `spec.columns`, in order; any iterable, consumed once) as analysis `analysisId`'s rows
 * of the table: a current row equal to a new one is carried forward untouched, the other
 * current rows are closed (valid_to = analysisId) and the new rows that matched none are
 * inserted from analysisId on. Runs on the caller's client, inside its transaction; the
 * caller makes sure analysisId is newer than every analysis stored before.
 */
export async function storeVersionedRows(options: { client: pg.PoolClient; spec: TVersionedTable; analysisId: number; rows: Iterable<unknown[]> }): Promise<TVersionedStats> {
  const { client, spec, analysisId } = options;
  const keyIndex = spec.key ? spec.columns.findIndex((c) => c.name === spec.key) : -1;
  if (spec.key && keyIndex < 0) throw new Error(`${spec.table}: key column ${spec.key} is not among its columns`);
  const identity = spec.key ?? "id";
  const { rows: current } = await client.query<{ id: string; row_hash: string | null }>(
    `SELECT ${identity}::text AS id, row_hash FROM ${spec.table} WHERE valid_to IS NULL`,
  );
  const stats: TVersionedStats = { kept: 0, inserted: 0, closed: 0 };
  // Rows are written a chunk at a time as they come, so memory holds the current rows'
  // digests and one chunk, not every row of the organization. Closing touches only rows
  // stored before this analysis (valid_from < analysisId), so its order against the
  // inserts does not matter.
  let toClose: string[] = [];
  let toInsert: Array<{ hash: string; values: unknown[] }> = [];
  const names = spec.columns.map((c) => c.name);
  const selects = spec.columns.map((c, i) => c.select ? c.select(`v.c${i}`) : `v.c${i}`);
  const inputs = spec.columns.map((c, i) => `$${i + 3}::${c.input}[]`);
  const insertSql = `INSERT INTO ${spec.table} (valid_from, row_hash, ${names.join(", ")})
    SELECT $1, v.h, ${selects.join(", ")} FROM unnest($2::text[], ${inputs.join(", ")}) AS v(h, ${names.map((_, i) => `c${i}`).join(", ")})`;
  const flushInserts = async () => {
    if (toInsert.length === 0) return;
    const chunk = toInsert;
    toInsert = [];
    await client.query(insertSql, [
      analysisId, chunk.map((r) => r.hash),
      ...spec.columns.map((c, column) => chunk.map((r) => c.input === "jsonb" ? JSON.stringify(r.values[column]) : r.values[column])),
    ]);
    stats.inserted += chunk.length;
  };
  const flushCloses = async () => {
    if (toClose.length === 0) return;
    const chunk = toClose;
    toClose = [];
    await client.query(
      `UPDATE ${spec.table} SET valid_to = $1 WHERE valid_to IS NULL AND valid_from < $1 AND ${identity} = ANY($2::${spec.key ? "text" : "bigint"}[])`,
      [analysisId, chunk],
    );
    stats.closed += chunk.length;
  };
  const insert = async (values: unknown[], hash: string) => {
    toInsert.push({ hash, values });
    if (toInsert.length >= CHUNK) await flushInserts();
  };
  const close = async (id: string) => {
    toClose.push(id);
    if (toClose.length >= CHUNK) await flushCloses();
  };
  if (spec.key) {
    const currentHash = new Map(current.map((r) => [r.id, r.row_hash]));
    const seen = new Set<string>();
    for (const values of options.rows) {
      const key = String(values[keyIndex]);
      if (seen.has(key)) throw new Error(`${spec.table}: two rows for ${spec.key} ${key} in one analysis`);
      seen.add(key);
      const hash = rowHash(values);
      const previous = currentHash.get(key);
      if (previous === hash) { stats.kept++; continue; }
      if (previous !== undefined) await close(key);
      await insert(values, hash);
    }
    for (const key of currentHash.keys()) if (!seen.has(key)) await close(key);
  } else {
    const idsByHash = new Map<string, string[]>();
    for (const r of current) {
      if (r.row_hash === null) { await close(r.id); continue; }
      const ids = idsByHash.get(r.row_hash);
      if (ids) ids.push(r.id); else idsByHash.set(r.row_hash, [r.id]);
    }
    for (const values of options.rows) {
      const hash = rowHash(values);
      if (idsByHash.get(hash)?.pop() !== undefined) { stats.kept++; continue; }
      await insert(values, hash);
    }
    for (const ids of idsByHash.values()) for (const id of ids) await close(id);
  }
  await flushCloses();
  await flushInserts();
  return stats;
}
