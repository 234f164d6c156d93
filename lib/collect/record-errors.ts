import type { TStoredRecord } from "../snapshot/read-records";
import type { TRecordBatch } from "../snapshot/types";

/** One entity the collector saw but could not store: which kind, which one, what was wrong. */
export type TRecordError = {
  kind: string;
  /** What identifies it, as far as the answer said (name, ARN or key). */
  record: string;
  /** The fields the answer lacked, when that was the problem. */
  missing: string[];
  message: string;
};

/**
 * The last guard before storing: a record without a key, or with a key another record of
 * the same batch already has, cannot be versioned, so it is set aside as a record error
 * instead of failing the account's whole transaction (the first one wins).
 */
export function setAsideUnkeyedRecords(options: { batches: TRecordBatch[]; errors: TRecordError[] }): TRecordBatch[] {
  return options.batches.map((batch) => {
    const seen = new Set<string>();
    const records = batch.records.filter((record) => {
      const label = record.arn ?? record.name ?? "(unnamed)";
      if (typeof record.key !== "string" || record.key === "") {
        options.errors.push({ kind: batch.kind, record: label, missing: ["key"], message: `${batch.kind} record ${label} has no key and was not stored` });
        return false;
      }
      if (seen.has(record.key)) {
        options.errors.push({ kind: batch.kind, record: label, missing: [], message: `${batch.kind} record key ${record.key} appears twice in one answer; the first was stored` });
        return false;
      }
      seen.add(record.key);
      return true;
    });
    return { ...batch, records };
  });
}

/**
 * A record set aside this run may have a good version stored from an earlier one: it stays
 * current (the batch turns into a merge that keeps it live) instead of looking deleted.
 * Matched by ARN or name, since the key is often what the answer lacked.
 */
export async function keepStoredVersionsOfErrored(options: {
  batches: TRecordBatch[];
  errors: TRecordError[];
  readCurrent: (kind: string) => Promise<TStoredRecord[]>;
}): Promise<TRecordBatch[]> {
  if (options.errors.length === 0) return options.batches;
  const errored = new Set(options.errors.map((e) => e.record));
  return Promise.all(options.batches.map(async (batch) => {
    if (batch.mode !== "replace") return batch;
    const kept = (await options.readCurrent(batch.kind)).filter((r) => errored.has(r.arn ?? "") || errored.has(r.name ?? "") || errored.has(r.key));
    const seen = new Set(batch.records.map((r) => r.key));
    const keep = kept.filter((r) => !seen.has(r.key));
    if (keep.length === 0) return batch;
    return { ...batch, mode: "merge" as const, liveKeys: [...seen, ...keep.map((r) => r.key)] };
  }));
}
