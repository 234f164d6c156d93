import "server-only";
import type pg from "pg";
import { ConsoleError } from "../console/console-error";
import { findLatestAnalysis } from "../console/find-latest-analysis";
import type { TCisAccountInput, TCisFindingInput } from "./evaluate-cis-controls";

export type TCisSnapshot = {
  organizationId: string | null;
  analysisId: number;
  collectionRunId: number;
  runStatus: string;
  collectedAt: Date;
  analysedAt: Date;
};

export type TCisInputs = { snapshot: TCisSnapshot; accounts: TCisAccountInput[]; findings: TCisFindingInput[] };

const AS_OF_RUN = "valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)";

/** The latest analysis's accounts (with what its run collected of each) and CIS-mapped findings. */
export async function loadCisInputs(options: { pool: pg.Pool }): Promise<TCisInputs> {
  const { pool } = options;
  const latest = await findLatestAnalysis({ pool });
  if (!latest) throw new ConsoleError("unavailable", "no analysed snapshot yet: run a collection first");
  const runId = latest.collectionRunId;
  const [run, org, accounts, findings] = await Promise.all([
    pool.query(`SELECT status, coalesce(finished_at, started_at) AS at, summary FROM collection_run WHERE id = $1`, [runId]),
    pool.query(`SELECT key FROM snapshot_record WHERE scope = 'org' AND kind = 'org.organization' AND ${AS_OF_RUN} LIMIT 1`, [runId]),
    pool.query(
      `SELECT a.key AS id, coalesce(a.name, a.key) AS name, r.status AS "runStatus", r.error_code AS "errorCode", r.error, coalesce(r.unavailable, '[]'::jsonb) AS unavailable
       FROM snapshot_record a LEFT JOIN account_run r ON r.run_id = $1 AND r.account_id = a.key
       WHERE a.scope = 'org' AND a.kind = 'org.account' AND ${AS_OF_RUN.replace(/valid_/g, "a.valid_")} ORDER BY name`,
      [runId],
    ),
    pool.query(
      `SELECT id, rule, title, severity, cis_control AS "cisControl", account_id AS "accountId", resource_key AS "resourceKey",
              resource_name AS "resourceName", status, accepted_reason AS "acceptedReason", accepted_until AS "acceptedUntil", accepted_by AS "acceptedBy"
       FROM finding WHERE cis_control IS NOT NULL AND status IN ('open', 'accepted') ORDER BY account_id NULLS FIRST, resource_name, id`,
    ),
  ]);
  // Organization-wide gaps (Identity Center, tags) apply to every account's evaluation.
  const orgUnavailable: Array<{ kind: string; code: string }> = run.rows[0]?.summary?.orgUnavailable ?? [];
  return {
    snapshot: {
      organizationId: org.rows[0]?.key ?? null,
      analysisId: latest.analysisId,
      collectionRunId: runId,
      runStatus: run.rows[0]?.status ?? "unknown",
      collectedAt: run.rows[0]?.at ?? latest.asOf,
      analysedAt: latest.asOf,
    },
    accounts: accounts.rows.map((row): TCisAccountInput => ({
      id: row.id,
      name: row.name,
      runStatus: row.runStatus ?? null,
      runError: row.error ? `${row.errorCode ? `${row.errorCode}: ` : ""}${row.error}` : null,
      unavailable: [...(row.unavailable as Array<{ kind: string; code: string }>), ...orgUnavailable].map((u) => ({ kind: u.kind, code: u.code })),
    })),
    findings: findings.rows as TCisFindingInput[],
  };
}
