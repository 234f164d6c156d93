import os from "node:os";
import type pg from "pg";

export type TRunStatus = "running" | "succeeded" | "partial" | "failed" | "interrupted";

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A run that stopped without finishing (killed process, lost machine) is marked
 * `interrupted`, with its unfinished accounts failed, so it no longer looks in progress and
 * a new run can start. Same-host runs are judged by their pid, others by a stale heartbeat.
 */
export async function markInterruptedRuns(options: { pool: pg.Pool; staleAfterSeconds: number }): Promise<number[]> {
  const { rows } = await options.pool.query<{ id: number; host: string; pid: number; stale: boolean }>(
    `SELECT id, host, pid, heartbeat_at < now() - make_interval(secs => $1) AS stale
     FROM collection_run WHERE status = 'running'`,
    [options.staleAfterSeconds],
  );
  const dead = rows.filter((r) => r.stale || (r.host === os.hostname() && r.pid !== process.pid && !processAlive(r.pid)));
  const ids = dead.map((r) => r.id);
  if (ids.length === 0) return [];
  await options.pool.query(
    `UPDATE collection_run SET status = 'interrupted', finished_at = now(),
       error = 'interrupted: the collecting process stopped before the run finished'
     WHERE id = ANY($1) AND status = 'running'`,
    [ids],
  );
  await options.pool.query(
    `UPDATE account_run SET status = 'failed', error_code = 'Interrupted', error = 'run interrupted before this account finished', finished_at = now()
     WHERE run_id = ANY($1) AND status IN ('pending', 'running')`,
    [ids],
  );
  return ids;
}

export async function createRun(options: { pool: pg.Pool; trigger: string; mode: string; runOptions: unknown }): Promise<number> {
  const { rows } = await options.pool.query<{ id: number }>(
    `INSERT INTO collection_run (status, trigger, mode, host, pid, options, started_at, heartbeat_at)
     VALUES ('running', $1, $2, $3, $4, $5, now(), now()) RETURNING id`,
    [options.trigger, options.mode, os.hostname(), process.pid, JSON.stringify(options.runOptions ?? {})],
  );
  return rows[0].id;
}

export async function heartbeat(options: { pool: pg.Pool; runId: number }): Promise<void> {
  await options.pool.query("UPDATE collection_run SET heartbeat_at = now() WHERE id = $1 AND status = 'running'", [options.runId]);
}

export async function failRun(options: { pool: pg.Pool; runId: number; error: string }): Promise<void> {
  await options.pool.query(
    "UPDATE collection_run SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1",
    [options.runId, options.error],
  );
}
