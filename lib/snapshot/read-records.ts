import type pg from "pg";

export type TStoredRecord = {
  scope: string;
  kind: string;
  key: string;
  name: string | null;
  arn: string | null;
  data: any;
  validFrom: number;
};

/**
 * The records as they were at run `runId` (default: now): each account's state as of its
 * latest collection at or before that run.
 */
export async function readRecords(options: {
  pool: pg.Pool;
  runId?: number;
  scope?: string;
  /** Several scopes at once (e.g. "org" and one account). */
  scopes?: string[];
  kinds?: string[];
}): Promise<TStoredRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.runId === undefined) {
    where.push("valid_to IS NULL");
  } else {
    params.push(options.runId);
    where.push(`valid_from <= $${params.length} AND (valid_to IS NULL OR valid_to > $${params.length})`);
  }
  if (options.scope !== undefined) {
    params.push(options.scope);
    where.push(`scope = $${params.length}`);
  }
  if (options.scopes !== undefined) {
    params.push(options.scopes);
    where.push(`scope = ANY($${params.length})`);
  }
  if (options.kinds) {
    params.push(options.kinds);
    where.push(`kind = ANY($${params.length})`);
  }
  const { rows } = await options.pool.query(
    `SELECT scope, kind, key, name, arn, data, valid_from AS "validFrom"
     FROM snapshot_record WHERE ${where.join(" AND ")} ORDER BY scope, kind, key`,
    params,
  );
  return rows as TStoredRecord[];
}

/** Policy documents by hash. */
export async function readPolicyDocuments(options: { pool: pg.Pool; hashes: string[] }): Promise<Map<string, unknown>> {
  const { rows } = await options.pool.query("SELECT hash, document FROM policy_document WHERE hash = ANY($1)", [
    options.hashes,
  ]);
  return new Map(rows.map((row) => [row.hash as string, row.document]));
}
