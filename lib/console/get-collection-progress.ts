import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";

export type TCollectionProgress = {
  run: { id: number; status: string; trigger: string; startedAt: string; finishedAt: string | null; heartbeatAt: string } | null;
  /** Accounts no longer pending or running, of all accounts in the run. */
  accountsDone: number;
  accountsTotal: number;
  accounts: Array<{ accountId: string; accountName: string; status: string; apiCalls: number; throttles: number; retries: number; durationMs: number | null; errorCode: string | null; error: string | null }>;
  analysis: { id: number; status: string } | null;
  /** Sweeps enqueued that no worker has picked up yet. */
  queuedSweeps: number;
};

/** The newest run's live state, for the collection page's poll. */
export async function getCollectionProgress(options: { user: TSessionUser }): Promise<TCollectionProgress> {
  assertCan(options.user, "collection.read");
  const { pool } = getDb();
  const [runs, queued] = await Promise.all([
    pool.query(
      `SELECT id, status, trigger, started_at AS "startedAt", finished_at AS "finishedAt", heartbeat_at AS "heartbeatAt"
       FROM collection_run ORDER BY id DESC LIMIT 1`,
    ),
    // pg-boss creates its schema when a worker or the console first starts it.
    pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'collect-organization' AND state IN ('created', 'retry')`)
      .catch(() => ({ rows: [{ n: 0 }] })),
  ]);
  const run = runs.rows[0];
  const [accounts, analysis] = run
    ? await Promise.all([
        pool.query(
          `SELECT account_id AS "accountId", account_name AS "accountName", status, api_calls AS "apiCalls", throttles, retries,
             duration_ms AS "durationMs", error_code AS "errorCode", error
           FROM account_run WHERE run_id = $1 ORDER BY account_name`,
          [run.id],
        ),
        pool.query("SELECT id, status FROM analysis_run WHERE collection_run_id = $1 ORDER BY id DESC LIMIT 1", [run.id]),
      ])
    : [{ rows: [] }, { rows: [] }];
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return {
    run: run ? { id: run.id, status: run.status, trigger: run.trigger, startedAt: run.startedAt.toISOString(), finishedAt: iso(run.finishedAt), heartbeatAt: run.heartbeatAt.toISOString() } : null,
    accountsDone: accounts.rows.filter((a) => a.status !== "pending" && a.status !== "running").length,
    accountsTotal: accounts.rows.length,
    accounts: accounts.rows,
    analysis: analysis.rows[0] ?? null,
    queuedSweeps: queued.rows[0].n,
  };
}
