import "server-only";
import type pg from "pg";

export type TPrincipalVersion = {
  validFrom: number;
  validTo: number | null;
  validFromAt: Date | null;
  /** Top-level data fields that differ from the previous version (empty for the first). */
  changed: Array<{ field: string; before: unknown; after: unknown }>;
};

/** Every stored version of the entity, oldest first: the runs each was current for and what changed. */
export async function getPrincipalHistory(options: { pool: pg.Pool; scope: string; kind: string; key: string }): Promise<TPrincipalVersion[]> {
  const { rows } = await options.pool.query(
    `SELECT s.valid_from AS "validFrom", s.valid_to AS "validTo", r.started_at AS "validFromAt", s.data
     FROM snapshot_record s LEFT JOIN collection_run r ON r.id = s.valid_from
     WHERE s.scope = $1 AND s.kind = $2 AND s.key = $3 ORDER BY s.valid_from`,
    [options.scope, options.kind, options.key],
  );
  return rows.map((row, index) => {
    const previous = index > 0 ? rows[index - 1].data : null;
    const fields = previous ? [...new Set([...Object.keys(previous), ...Object.keys(row.data)])].sort() : [];
    const changed = fields
      .filter((field) => JSON.stringify(previous[field]) !== JSON.stringify(row.data[field]))
      .map((field) => ({ field, before: previous[field] ?? null, after: row.data[field] ?? null }));
    return { validFrom: row.validFrom, validTo: row.validTo, validFromAt: row.validFromAt, changed };
  });
}
