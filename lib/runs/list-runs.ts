import "server-only";
import { getDb } from "../db/client";

export type TRunRow = {
  id: number; status: string; trigger: string; startedAt: Date; finishedAt: Date | null;
  accounts: Record<string, number>; apiCalls: number; throttles: number;
};

/** The latest collection runs with per-status account counts and API totals. */
export async function listRuns(options: { limit?: number } = {}): Promise<TRunRow[]> {
  const { pool } = getDb();
  const { rows } = await pool.query(
    `SELECT r.id, r.status, r.trigger, r.started_at AS "startedAt", r.finished_at AS "finishedAt",
       coalesce(jsonb_object_agg(a.status, a.n) FILTER (WHERE a.status IS NOT NULL), '{}') AS accounts,
       coalesce(sum(a.calls), 0)::int AS "apiCalls", coalesce(sum(a.throttles), 0)::int AS throttles
     FROM collection_run r
     LEFT JOIN (SELECT run_id, status, count(*)::int AS n, sum(api_calls) AS calls, sum(throttles) AS throttles
                FROM account_run GROUP BY run_id, status) a ON a.run_id = r.id
     GROUP BY r.id ORDER BY r.id DESC LIMIT $1`,
    [options.limit ?? 20],
  );
  return rows as TRunRow[];
}

export type TAccountRunRow = {
  accountId: string; accountName: string; status: string; errorCode: string | null; error: string | null;
  durationMs: number | null; apiCalls: number; throttles: number; unavailable: Array<{ kind: string; code: string; message: string }>;
};

export async function listAccountRuns(options: { runId: number }): Promise<TAccountRunRow[]> {
  const { pool } = getDb();
  const { rows } = await pool.query(
    `SELECT account_id AS "accountId", account_name AS "accountName", status, error_code AS "errorCode", error,
       duration_ms AS "durationMs", api_calls AS "apiCalls", throttles, unavailable
     FROM account_run WHERE run_id = $1 ORDER BY account_name`,
    [options.runId],
  );
  return rows as TAccountRunRow[];
}
