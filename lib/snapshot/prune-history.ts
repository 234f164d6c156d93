import type pg from "pg";
import { ANALYSIS_STORE_LOCK, VERSIONED_ANALYSIS_TABLES } from "../analysis/store/store-analysis-results";
import { recordAuditEvent } from "../audit/record-audit-event";

/**
 * Tables holding analyses' materialised results, versioned by analysis id (a row holds for
 * analyses valid_from <= id < valid_to, see lib/analysis/store/versioned-rows.ts). Every
 * table with a row_hash column is here, and every table with an analysis_id column is in
 * ANALYSIS_REFERENCES or ANALYSIS_DERIVED_TABLES (prune-history.test.ts fails on a new table that is in none).
 */
export const PER_ANALYSIS_TABLES: readonly string[] = VERSIONED_ANALYSIS_TABLES.map((spec) => spec.table);
/** Tables that point at an analysis they depend on: it is kept while they exist. */
export const ANALYSIS_REFERENCES = ["review_campaign"] as const;
/** Tables of figures derived from one analysis (keyed by its id): they go with the analysis. */
export const ANALYSIS_DERIVED_TABLES = ["principal_list_count"] as const;

export type TPruneResult = {
  cutoff: string;
  keptRuns: number[];
  prunedRuns: number[];
  snapshotRecordsDeleted: number;
  policyDocumentsDeleted: number;
  analysesPruned: number;
  analysisRowsDeleted: number;
  accessSummariesDeleted: number;
  dryRun: boolean;
};

/**
 * Retention: keeps every collection run that started within `retentionDays`, the latest
 * finished run whatever its age, runs still in progress, and every run a review campaign
 * pinned (its evidence must stay readable for as long as the campaign exists). The snapshot
 * rows that no kept run can see are deleted (a row is visible at run R when
 * valid_from <= R < valid_to, so a row still current is always kept), then the policy
 * documents and access summaries nothing references any more, and the materialised results
 * of analyses of pruned runs: the versioned rows no remaining analysis can see (a row still
 * current is always kept). Pruned runs stay listed in the history, marked pruned.
 */
export async function pruneHistory(options: {
  pool: pg.Pool;
  retentionDays: number;
  now?: Date;
  dryRun?: boolean;
  actor?: { id: string; email?: string | null; roles?: string[] };
}): Promise<TPruneResult> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * 86_400_000);
  const client = await options.pool.connect();
  try {
    await client.query("BEGIN");
    // One prune at a time, and no collection may write rows while the kept set is decided.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('access-atlas:prune-history'))");
    // Nor may an analysis store (close and add result rows) while its rows are judged.
    await client.query(ANALYSIS_STORE_LOCK);
    const { rows: runs } = await client.query<{ id: number; keep: boolean }>(
      `SELECT r.id,
              (r.started_at >= $1
               OR r.status = 'running'
               OR r.id = (SELECT max(id) FROM collection_run WHERE status IN ('succeeded', 'partial'))
               OR EXISTS (SELECT 1 FROM review_campaign c WHERE c.collection_run_id = r.id)
               OR EXISTS (SELECT 1 FROM review_campaign c JOIN analysis_run a ON a.id = c.analysis_id WHERE a.collection_run_id = r.id)
              ) AS keep
       FROM collection_run r WHERE r.pruned_at IS NULL ORDER BY r.id`,
      [cutoff],
    );
    const keptRuns = runs.filter((r) => r.keep).map((r) => r.id);
    const prunedRuns = runs.filter((r) => !r.keep).map((r) => r.id);
    const result: TPruneResult = {
      cutoff: cutoff.toISOString(), keptRuns, prunedRuns, snapshotRecordsDeleted: 0, policyDocumentsDeleted: 0,
      analysesPruned: 0, analysisRowsDeleted: 0, accessSummariesDeleted: 0, dryRun: options.dryRun === true,
    };
    if (prunedRuns.length === 0) {
      await client.query("ROLLBACK");
      return result;
    }

    const records = await client.query(
      `DELETE FROM snapshot_record s
       WHERE s.valid_to IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM unnest($1::int[]) AS k(id) WHERE k.id >= s.valid_from AND k.id < s.valid_to)`,
      [keptRuns],
    );
    result.snapshotRecordsDeleted = records.rowCount ?? 0;

    const { rows: analyses } = await client.query<{ id: number }>(
      `SELECT a.id FROM analysis_run a
       WHERE a.collection_run_id = ANY($1) AND a.status <> 'pruned'
         AND NOT EXISTS (SELECT 1 FROM review_campaign c WHERE c.analysis_id = a.id)`,
      [prunedRuns],
    );
    const analysisIds = analyses.map((a) => a.id);
    result.analysesPruned = analysisIds.length;
    await client.query("UPDATE analysis_run SET status = 'pruned' WHERE id = ANY($1)", [analysisIds]);
    for (const table of ANALYSIS_DERIVED_TABLES) {
      const deleted = await client.query(`DELETE FROM ${table} WHERE analysis_id = ANY($1)`, [analysisIds]);
      result.analysisRowsDeleted += deleted.rowCount ?? 0;
    }
    // The analyses whose results stay readable; failed ones are read by nothing.
    const { rows: keptAnalyses } = await client.query<{ id: number }>("SELECT id FROM analysis_run WHERE status NOT IN ('pruned', 'failed')");
    for (const table of PER_ANALYSIS_TABLES) {
      const deleted = await client.query(
        `DELETE FROM ${table} t
         WHERE t.valid_to IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM unnest($1::int[]) AS k(id) WHERE k.id >= t.valid_from AND k.id < t.valid_to)`,
        [keptAnalyses.map((a) => a.id)],
      );
      result.analysisRowsDeleted += deleted.rowCount ?? 0;
    }

    // Documents and summaries are shared by content hash: only those nothing refers to go.
    await client.query(
      `CREATE TEMP TABLE referenced_document ON COMMIT DROP AS
       SELECT DISTINCT h #>> '{}' AS hash
       FROM snapshot_record s, jsonb_path_query(s.data, 'lax $.**.documentHash') AS h
       WHERE jsonb_typeof(h) = 'string'
       UNION SELECT DISTINCT policy_hash FROM resource_exposure WHERE policy_hash IS NOT NULL`,
    );
    const documents = await client.query(
      "DELETE FROM policy_document d WHERE NOT EXISTS (SELECT 1 FROM referenced_document r WHERE r.hash = d.hash)",
    );
    result.policyDocumentsDeleted = documents.rowCount ?? 0;
    const summaries = await client.query(
      "DELETE FROM access_summary s WHERE NOT EXISTS (SELECT 1 FROM principal_access p WHERE p.summary_hash = s.hash)",
    );
    result.accessSummariesDeleted = summaries.rowCount ?? 0;

    await client.query("UPDATE collection_run SET pruned_at = $1 WHERE id = ANY($2)", [now, prunedRuns]);
    if (options.dryRun) {
      await client.query("ROLLBACK");
      return result;
    }
    await recordAuditEvent({
      db: client,
      event: {
        actor: { id: options.actor?.id ?? "system", email: options.actor?.email ?? null, roles: options.actor?.roles ?? [] },
        action: "history.prune",
        targetType: "collection-run",
        details: {
          retentionDays: options.retentionDays, cutoff: result.cutoff, prunedRuns, keptRunCount: keptRuns.length,
          snapshotRecordsDeleted: result.snapshotRecordsDeleted, policyDocumentsDeleted: result.policyDocumentsDeleted,
          analysesPruned: result.analysesPruned, analysisRowsDeleted: result.analysisRowsDeleted,
        },
      },
    });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
