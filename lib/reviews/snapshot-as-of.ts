import type pg from "pg";

/** SQL predicate for snapshot rows as of run `$n`: the version valid when that run finished. */
export function asOfRun(param: string, alias = "s"): string {
  return `${alias}.valid_from <= ${param} AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > ${param})`;
}

export type TSnapshotRow = { scope: string; key: string; name: string | null; arn: string | null; data: Record<string, unknown> };

/** Snapshot rows of `kinds` as of `runId`. */
export async function readSnapshotRows(options: { db: pg.Pool | pg.PoolClient; runId: number; kinds: string[]; scopes?: string[] }): Promise<(TSnapshotRow & { kind: string })[]> {
  const { rows } = await options.db.query(
    `SELECT s.kind, s.scope, s.key, s.name, s.arn, s.data FROM snapshot_record s
     WHERE s.kind = ANY($2::text[]) AND ($3::text[] IS NULL OR s.scope = ANY($3::text[])) AND ${asOfRun("$1")}`,
    [options.runId, options.kinds, options.scopes ?? null],
  );
  return rows;
}
