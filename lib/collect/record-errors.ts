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
