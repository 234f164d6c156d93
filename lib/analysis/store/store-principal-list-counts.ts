import type pg from "pg";

/**
 * Precomputes the principal list's totals for a stored analysis: its principals (the
 * principal_access rows valid at it) per kind, account and admin equivalence, into
 * principal_list_count. The list then sums these rows for its unfiltered total and for any
 * mix of the account, kind and admin filters, instead of counting every principal of the
 * organization on each page view. Run it once the analysis's results are stored (after
 * storeAnalysisResults); running it again replaces the analysis's counts.
 */
export async function storePrincipalListCounts(options: { pool: pg.Pool; analysisId: number }): Promise<number> {
  const { analysisId } = options;
  const pool = await options.pool.connect();
  try {
    await pool.query("BEGIN");
    await pool.query("DELETE FROM principal_list_count WHERE analysis_id = $1", [analysisId]);
    const { rowCount } = await pool.query(
      `INSERT INTO principal_list_count (analysis_id, kind, account_id, admin_equivalent, principals)
       SELECT $1, kind, coalesce(account_id, ''), admin_equivalent, count(*)::int FROM principal_access
       WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)
       GROUP BY kind, coalesce(account_id, ''), admin_equivalent`,
      [analysisId],
    );
    await pool.query("COMMIT");
    return rowCount ?? 0;
  } catch (error) {
    await pool.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    pool.release();
  }
}
