import type pg from "pg";
import { contentHash } from "./canonical-json";
import type { TRecordBatch, TSnapshotRecord, TStoreStats } from "./types";

const INSERT_CHUNK = 2_000;

type TCurrentRow = { id: number; kind: string; key: string; hash: string; valid_from: number };

function lockKeyForScope(scope: string): number {
  let hash = 0;
  for (const char of scope) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

function planBatch(options: {
  batch: TRecordBatch;
  current: Map<string, TCurrentRow>;
}): { inserts: Array<TSnapshotRecord & { hash: string }>; closes: TCurrentRow[]; unchanged: number } {
  const { batch, current } = options;
  const inserts: Array<TSnapshotRecord & { hash: string }> = [];
  const closes: TCurrentRow[] = [];
  const seen = new Set<string>();
  let unchanged = 0;
  for (const record of batch.records) {
    if (seen.has(record.key)) throw new Error(`duplicate ${batch.kind} record key ${record.key}`);
    seen.add(record.key);
    const hash = contentHash({ name: record.name ?? null, arn: record.arn ?? null, data: record.data });
    const existing = current.get(record.key);
    if (existing?.hash === hash) {
      unchanged++;
      continue;
    }
    if (existing) closes.push(existing);
    inserts.push({ ...record, hash });
  }
  const live = batch.mode === "merge" && batch.liveKeys ? new Set(batch.liveKeys) : undefined;
  for (const row of current.values()) {
    if (seen.has(row.key)) continue;
    if (batch.mode === "replace" || (live && !live.has(row.key))) closes.push(row);
  }
  return { inserts, closes, unchanged };
}

/**
 * Writes one scope's batches as a new version for `runId`, atomically: a row whose content
 * is unchanged is left alone, a changed one is closed (valid_to = runId) and a new version
 * inserted, a vanished one is closed. A scope written twice in the same run (a retried
 * account job) replaces its own rows rather than leaving empty validity ranges.
 */
export async function storeRecords(options: {
  pool: pg.Pool;
  runId: number;
  scope: string;
  batches: TRecordBatch[];
}): Promise<TStoreStats> {
  const { pool, runId, scope, batches } = options;
  const stats: TStoreStats = { inserted: 0, closed: 0, unchanged: 0 };
  if (batches.length === 0) return stats;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [lockKeyForScope(scope)]);
    const kinds = [...new Set(batches.map((b) => b.kind))];
    const { rows } = await client.query<TCurrentRow>(
      `SELECT id, kind, key, hash, valid_from FROM snapshot_record
       WHERE scope = $1 AND kind = ANY($2) AND valid_to IS NULL`,
      [scope, kinds],
    );
    const currentByKind = new Map<string, Map<string, TCurrentRow>>();
    for (const row of rows) {
      if (!currentByKind.has(row.kind)) currentByKind.set(row.kind, new Map());
      currentByKind.get(row.kind)!.set(row.key, row);
    }
    const inserts: Array<TSnapshotRecord & { hash: string }> = [];
    const closes: TCurrentRow[] = [];
    for (const batch of batches) {
      const plan = planBatch({ batch, current: currentByKind.get(batch.kind) ?? new Map() });
      inserts.push(...plan.inserts);
      closes.push(...plan.closes);
      stats.unchanged += plan.unchanged;
    }
    const sameRun = closes.filter((row) => row.valid_from >= runId).map((row) => row.id);
    const earlier = closes.filter((row) => row.valid_from < runId).map((row) => row.id);
    if (sameRun.length) await client.query("DELETE FROM snapshot_record WHERE id = ANY($1)", [sameRun]);
    if (earlier.length) {
      await client.query("UPDATE snapshot_record SET valid_to = $1 WHERE id = ANY($2)", [runId, earlier]);
    }
    for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
      const chunk = inserts.slice(i, i + INSERT_CHUNK);
      await client.query(
        `INSERT INTO snapshot_record (scope, kind, key, name, arn, hash, data, valid_from)
         SELECT $1, kind, key, name, arn, hash, data, $2
         FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
           AS t(kind, key, name, arn, hash, data)`,
        [
          scope,
          runId,
          chunk.map((r) => r.kind),
          chunk.map((r) => r.key),
          chunk.map((r) => r.name ?? null),
          chunk.map((r) => r.arn ?? null),
          chunk.map((r) => r.hash),
          chunk.map((r) => JSON.stringify(r.data)),
        ],
      );
    }
    await client.query("COMMIT");
    stats.inserted = inserts.length;
    stats.closed = closes.length;
    return stats;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Stores policy documents once by content hash; returns nothing new for known ones. */
export async function storePolicyDocuments(options: { pool: pg.Pool; documents: Map<string, unknown> }) {
  const entries = [...options.documents.entries()];
  for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
    const chunk = entries.slice(i, i + INSERT_CHUNK);
    await options.pool.query(
      `INSERT INTO policy_document (hash, document)
       SELECT hash, document FROM unnest($1::text[], $2::jsonb[]) AS t(hash, document)
       ON CONFLICT (hash) DO NOTHING`,
      [chunk.map(([hash]) => hash), chunk.map(([, doc]) => JSON.stringify(doc))],
    );
  }
}
