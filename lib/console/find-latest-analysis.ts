// Not server-only: the workers create recurring review campaigns from it too.
import type pg from "pg";

export type TLatestAnalysis = { analysisId: number; collectionRunId: number; finishedAt: Date | null; asOf: Date };

/**
 * The newest successful analysis: every console view reads one consistent analysis rather
 * than mixing rows of two.
 */
export async function findLatestAnalysis(options: { pool: pg.Pool }): Promise<TLatestAnalysis | null> {
  const { rows } = await options.pool.query(
    `SELECT id AS "analysisId", collection_run_id AS "collectionRunId", finished_at AS "finishedAt", coalesce(finished_at, started_at) AS "asOf"
     FROM analysis_run WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1`,
  );
  return (rows[0] as TLatestAnalysis | undefined) ?? null;
}
