import "server-only";
import { assertCan } from "../console/assert-can";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";

export type TRunRow = {
  id: number; status: string; trigger: string; startedAt: Date; finishedAt: Date | null;
  accounts: Record<string, number>; apiCalls: number; throttles: number;
  /** The newest successful analysis of this run's snapshot, if any (a diff needs one on both sides). */
  analysisId: number | null;
  /** When retention pruned the run's snapshot; null while it can still be read. */
  prunedAt: Date | null;
  /** Organization-wide data (or one field of it) the run could not read. */
  orgUnavailable: Array<{ kind: string; code: string; message: string; operation?: string }>;
  /** The region Identity Center answered in, when collected. */
  identityCenterRegion: string | null;
  /** Why the run failed, when it did. */
  error: string | null;
};

/** The latest collection runs with per-status account counts and API totals. */
export async function listRuns(options: { user: TSessionUser; limit?: number }): Promise<TRunRow[]> {
  assertCan(options.user, "collection.read");
  const { pool } = getDb();
  const { rows } = await pool.query(
    `SELECT r.id, r.status, r.trigger, r.started_at AS "startedAt", r.finished_at AS "finishedAt", r.pruned_at AS "prunedAt",
       coalesce(jsonb_object_agg(a.status, a.n) FILTER (WHERE a.status IS NOT NULL), '{}') AS accounts,
       coalesce(sum(a.calls), 0)::int AS "apiCalls", coalesce(sum(a.throttles), 0)::int AS throttles,
       (SELECT max(id) FROM analysis_run WHERE collection_run_id = r.id AND status = 'succeeded') AS "analysisId",
       coalesce(r.summary->'orgUnavailable', '[]'::jsonb) AS "orgUnavailable", r.summary->'identityCenter'->>'region' AS "identityCenterRegion", r.error
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
  durationMs: number | null; apiCalls: number; throttles: number;
  /** Kinds, fields or single records (code RecordError) of the account that could not be read. */
  unavailable: Array<{ kind: string; code: string; message: string; record?: string }>;
};

/** The overview's account counts link here by these names; "collected" counts partial accounts too. */
export const ACCOUNT_RUN_FILTERS = { collected: ["succeeded", "partial"], failed: ["failed"], skipped: ["skipped"] } as const;
export type TAccountRunFilter = keyof typeof ACCOUNT_RUN_FILTERS;

export async function listAccountRuns(options: { user: TSessionUser; runId: number; status?: TAccountRunFilter }): Promise<TAccountRunRow[]> {
  assertCan(options.user, "collection.read");
  const { pool } = getDb();
  const statuses = options.status ? [...ACCOUNT_RUN_FILTERS[options.status]] : null;
  const { rows } = await pool.query(
    `SELECT account_id AS "accountId", account_name AS "accountName", status, error_code AS "errorCode", error,
       duration_ms AS "durationMs", api_calls AS "apiCalls", throttles, unavailable
     FROM account_run WHERE run_id = $1 AND ($2::text[] IS NULL OR status::text = ANY($2)) ORDER BY account_name`,
    [options.runId, statuses],
  );
  return rows as TAccountRunRow[];
}
