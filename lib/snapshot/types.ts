/** One entity as the collector saw it. `key` is the AWS unique id where one exists. */
export type TSnapshotRecord = {
  kind: string;
  key: string;
  name?: string | null;
  arn?: string | null;
  data: unknown;
};

/**
 * Records of one kind from one collector.
 * - replace: the collector saw every entity of the kind, so keys it did not return are gone.
 * - merge: only the given keys were refreshed (e.g. Access Advisor under a budget); other
 *   current rows stay, except those whose key is not in `liveKeys` (their principal is gone).
 */
export type TRecordBatch = {
  kind: string;
  records: TSnapshotRecord[];
  mode: "replace" | "merge";
  liveKeys?: string[];
};

export type TStoreStats = { inserted: number; closed: number; unchanged: number };
