import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { diffSnapshots, type TSnapshotDiff } from "../analysis/diff-snapshots";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";

/**
 * What changed between two collection runs' snapshots. A pair that cannot be compared
 * (missing, the same run, a run without a successful analysis) comes back as a message
 * naming the problem rather than an exception, so the page can show it next to the picker.
 */
export async function diffRuns(options: { user: TSessionUser; fromRun?: number; toRun?: number }): Promise<{ diff: TSnapshotDiff | null; error: string | null }> {
  assertCan(options.user, "collection.read");
  assertCan(options.user, "inventory.read");
  const { fromRun, toRun } = options;
  if (fromRun === undefined || toRun === undefined) return { diff: null, error: "pick both a from run and a to run" };
  if (fromRun === toRun) return { diff: null, error: `from and to are the same run (#${fromRun}): pick two different runs` };
  const { pool } = getDb();
  const { rows } = await pool.query(
    `SELECT r.id, r.status, r.pruned_at, (SELECT max(a.id) FROM analysis_run a WHERE a.collection_run_id = r.id AND a.status = 'succeeded') AS analysis
     FROM collection_run r WHERE r.id = ANY($1)`,
    [[fromRun, toRun]],
  );
  const missing = [fromRun, toRun].filter((runId) => !rows.some((r) => r.id === runId));
  if (missing.length) return { diff: null, error: `${missing.map((id) => `run #${id}`).join(" and ")} ${missing.length > 1 ? "do" : "does"} not exist` };
  for (const run of [fromRun, toRun].map((runId) => rows.find((r) => r.id === runId))) {
    if (run.pruned_at) return { diff: null, error: `run #${run.id}'s snapshot was pruned by the retention setting (HISTORY_RETENTION_DAYS) on ${run.pruned_at.toISOString().slice(0, 10)}` };
    if (!run.analysis) return { diff: null, error: `run #${run.id} (${run.status}) has no successful analysis, so its snapshot cannot be compared` };
  }
  return { diff: await diffSnapshots({ pool, fromRun, toRun }), error: null };
}
