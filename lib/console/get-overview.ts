import "server-only";
import { SEVERITY_ORDER } from "../analysis/findings/make-finding";
import { can, type TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";
import { cisControlTitle } from "./cis-control-title";
import { findingListHref } from "./finding-list-query";
import { findLatestAnalysis } from "./find-latest-analysis";
import { keyListHref } from "./key-list-query";
import { principalListHref, type TPrincipalKind } from "./principal-list-query";

/** A number on the overview and the list that shows what it counts. */
export type TLinkedCount = { label: string; value: number; href: string };

export const KEY_AGE_BUCKETS = [
  { label: "0–30 days", minAge: 0, maxAge: 30 },
  { label: "30–90 days", minAge: 30, maxAge: 90 },
  { label: "90–180 days", minAge: 90, maxAge: 180 },
  { label: "180–365 days", minAge: 180, maxAge: 365 },
  { label: "over 365 days", minAge: 365, maxAge: undefined },
] as const;

const KIND_LABELS: Record<TPrincipalKind, string> = { "iam-user": "IAM users", "iam-role": "IAM roles", "iam-group": "IAM groups", "sso-user": "Identity Center users" };
const SNAPSHOT_KIND: Record<string, TPrincipalKind> = { "iam.user": "iam-user", "iam.role": "iam-role", "iam.group": "iam-group", "sso.user": "sso-user" };

export type TOverview = {
  analysis: { analysisId: number; collectionRunId: number; asOf: Date } | null;
  lastRun: { id: number; status: string; startedAt: Date; finishedAt: Date | null; href: string } | null;
  accounts: { total: TLinkedCount; collected: TLinkedCount; failed: TLinkedCount; skipped: TLinkedCount };
  principalsByKind: TLinkedCount[];
  adminEquivalent: TLinkedCount;
  /** Null when the caller may not read findings. */
  findingsBySeverity: TLinkedCount[] | null;
  findingsByCisControl: Array<TLinkedCount & { title: string }> | null;
  keyAges: TLinkedCount[];
  /** Oldest first: one point per successful analysis. */
  trend: Array<{
    analysisId: number; collectionRunId: number; finishedAt: Date | null; findings: number; principals: number; adminEquivalent: number; href: string;
    externalTrusts: number;
    /** Access keys in that run's snapshot. */
    accessKeys: number;
    /** Findings seen in that run (first seen at or before it, last seen at or after it), by severity; empty without findings.read. */
    findingsBySeverity: Record<string, number>;
  }>;
};

/** The numbers on the landing page, each with the filtered list behind it. */
export async function getOverview(options: { user: TSessionUser; trendLength?: number }): Promise<TOverview> {
  assertCan(options.user, "inventory.read");
  const { pool } = getDb();
  const withFindings = can(options.user, "findings.read");
  const analysis = await findLatestAnalysis({ pool });
  const [runs, kinds, admins, findings, cis, keys, trend] = await Promise.all([
    pool.query(
      `SELECT r.id, r.status, r.started_at AS "startedAt", r.finished_at AS "finishedAt",
         (SELECT coalesce(jsonb_object_agg(status, n), '{}') FROM (SELECT status, count(*)::int AS n FROM account_run WHERE run_id = r.id GROUP BY status) s) AS accounts
       FROM collection_run r ORDER BY r.id DESC LIMIT 1`,
    ),
    pool.query(
      `SELECT kind, count(*)::int AS n FROM snapshot_record
       WHERE valid_to IS NULL AND kind IN ('iam.user', 'iam.role', 'iam.group', 'sso.user') GROUP BY kind`,
    ),
    analysis
      ? pool.query("SELECT count(*)::int AS n FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND admin_equivalent", [analysis.analysisId])
      : Promise.resolve({ rows: [{ n: 0 }] }),
    withFindings ? pool.query("SELECT severity, count(*)::int AS n FROM finding WHERE status = 'open' GROUP BY severity") : Promise.resolve({ rows: [] }),
    withFindings
      ? pool.query("SELECT cis_control AS control, count(*)::int AS n FROM finding WHERE status = 'open' AND cis_control IS NOT NULL GROUP BY cis_control")
      : Promise.resolve({ rows: [] }),
    pool.query(
      `SELECT width_bucket(floor(extract(epoch FROM now() - (data->>'createDate')::timestamptz) / 86400), $1::float8[]) AS bucket, count(*)::int AS n
       FROM snapshot_record WHERE valid_to IS NULL AND kind = 'iam.access-key' AND data->>'createDate' IS NOT NULL GROUP BY 1`,
      [KEY_AGE_BUCKETS.slice(1).map((b) => b.minAge)],
    ),
    pool.query(
      `SELECT * FROM (SELECT id AS "analysisId", collection_run_id AS "collectionRunId", finished_at AS "finishedAt",
         coalesce((stats->>'findings')::int, 0) AS findings, coalesce((stats->>'principals')::int, 0) AS principals,
         coalesce((stats->>'adminEquivalent')::int, 0) AS "adminEquivalent", coalesce((stats->>'externalTrusts')::int, 0) AS "externalTrusts",
         (SELECT count(*)::int FROM snapshot_record k WHERE k.kind = 'iam.access-key' AND k.valid_from <= a.collection_run_id
            AND (k.valid_to IS NULL OR k.valid_to > a.collection_run_id)) AS "accessKeys",
         CASE WHEN $2 THEN (SELECT coalesce(jsonb_object_agg(severity, n), '{}') FROM (SELECT f.severity, count(*)::int AS n FROM finding f
            WHERE f.first_seen_run <= a.collection_run_id AND f.last_seen_run >= a.collection_run_id GROUP BY f.severity) s) ELSE '{}'::jsonb END AS "findingsBySeverity"
       FROM analysis_run a WHERE status = 'succeeded' ORDER BY id DESC LIMIT $1) t ORDER BY "analysisId"`,
      [options.trendLength ?? 12, withFindings],
    ),
  ]);
  const run = runs.rows[0];
  const byStatus: Record<string, number> = run?.accounts ?? {};
  const runHref = run ? `/history?run=${run.id}` : "/history";
  const count = (statuses: string[]) => statuses.reduce((sum, s) => sum + (byStatus[s] ?? 0), 0);
  const kindCounts = new Map<string, number>(kinds.rows.map((r) => [SNAPSHOT_KIND[r.kind], r.n]));
  const severityCounts = new Map<string, number>(findings.rows.map((r) => [r.severity, r.n]));
  const bucketCounts = new Map<number, number>(keys.rows.map((r) => [Number(r.bucket), r.n]));
  return {
    analysis: analysis && { analysisId: analysis.analysisId, collectionRunId: analysis.collectionRunId, asOf: analysis.asOf },
    lastRun: run ? { id: run.id, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt, href: runHref } : null,
    accounts: {
      total: { label: "accounts", value: count(Object.keys(byStatus)), href: "/organization" },
      collected: { label: "collected", value: count(["succeeded", "partial"]), href: `${runHref}&status=collected` },
      failed: { label: "failed", value: count(["failed"]), href: `${runHref}&status=failed` },
      skipped: { label: "skipped", value: count(["skipped"]), href: `${runHref}&status=skipped` },
    },
    principalsByKind: (Object.keys(KIND_LABELS) as TPrincipalKind[]).map((kind) => ({
      label: KIND_LABELS[kind], value: kindCounts.get(kind) ?? 0, href: principalListHref({ kind }),
    })),
    adminEquivalent: { label: "admin-equivalent principals", value: admins.rows[0].n, href: principalListHref({ admin: "yes" }) },
    findingsBySeverity: withFindings
      ? SEVERITY_ORDER.map((severity) => ({ label: severity, value: severityCounts.get(severity) ?? 0, href: findingListHref({ severity }) }))
      : null,
    findingsByCisControl: withFindings
      ? cis.rows
          .map((r) => ({ label: `CIS ${r.control}`, title: cisControlTitle(r.control), value: r.n as number, href: findingListHref({ cis: r.control }), control: r.control as string }))
          .sort((a, b) => compareControls(a.control, b.control))
          .map(({ control: _control, ...rest }) => rest)
      : null,
    keyAges: KEY_AGE_BUCKETS.map((bucket, index) => ({
      label: bucket.label, value: bucketCounts.get(index) ?? 0, href: keyListHref({ minAge: bucket.minAge, maxAge: bucket.maxAge }),
    })),
    trend: trend.rows.map((point) => ({ ...point, href: `/history?run=${point.collectionRunId}` })),
  };
}

/** "1.9" before "1.13". */
function compareControls(a: string, b: string): number {
  const [a1, a2] = a.split(".").map(Number);
  const [b1, b2] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}
