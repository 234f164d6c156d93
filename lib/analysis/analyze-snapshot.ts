import type pg from "pg";
import type { TEnv } from "../config/env";
import { loadActionCatalogue } from "../policy";
import { computePrincipalAccess } from "./access/compute-principal-access";
import { computeReachability } from "./access/compute-reachability";
import { createPrincipalEvaluator } from "./access/create-principal-evaluator";
import { findExternalTrusts } from "./access/find-external-trusts";
import { runFindings } from "./findings/run-findings";
import { analyzeResources } from "./resources/analyze-resources";
import { storeResourceResults } from "./store/store-resource-results";
import { storePrincipalListCounts } from "./store/store-principal-list-counts";
import { loadOrgModel } from "./load-org-model";
import { DEFAULT_ANALYSIS_CONFIG, type TAnalysisConfig } from "./results";
import { applyFindingLifecycle, type TLifecycleStats } from "./store/apply-finding-lifecycle";
import { storeAnalysisResults, type TStoreStats } from "./store/store-analysis-results";
import { checkRemediations, type TRemediationCheck } from "../reviews/check-remediations";

/** The analysis settings a deployment configures through the environment. */
export function analysisConfigFromEnv(env: TEnv): TAnalysisConfig {
  return { unusedDays: env.ANALYSIS_UNUSED_DAYS, keyMaxAgeDays: env.ANALYSIS_KEY_MAX_AGE_DAYS, knownVendors: env.KNOWN_VENDORS };
}

export type TAnalysisSummary = {
  analysisId: number;
  /** Revocations of signed-off review campaigns judged against this analysis. */
  remediations?: TRemediationCheck;
  collectionRunId: number;
  principals: number;
  adminEquivalent: number;
  reach: number;
  externalTrusts: number;
  /** Resources analysed, and how many are public or shared outside the organization. */
  resources: number;
  publicResources: number;
  externallySharedResources: number;
  findings: number;
  lifecycle: TLifecycleStats;
  /** Per table: rows carried forward from the previous analysis, inserted, and closed. */
  stored: TStoreStats;
  timingsMs: Record<string, number>;
};

/**
 * Analyses one collection run's snapshot: effective access of every principal,
 * reachability across accounts, external trusts and findings, materialised under a new
 * analysis id; findings merge into their long-lived lifecycle. A failure marks the
 * analysis failed and leaves earlier analyses as they were.
 */
export async function analyzeSnapshot(options: { pool: pg.Pool; collectionRunId: number; config?: Partial<TAnalysisConfig>; asOf?: Date }): Promise<TAnalysisSummary> {
  const { pool, collectionRunId } = options;
  const config = { ...DEFAULT_ANALYSIS_CONFIG, ...options.config };
  const run = await pool.query("SELECT status FROM collection_run WHERE id = $1", [collectionRunId]);
  if (run.rowCount === 0) throw new Error(`collection run ${collectionRunId} does not exist`);
  if (!["succeeded", "partial"].includes(run.rows[0].status)) throw new Error(`collection run ${collectionRunId} is ${run.rows[0].status}: only a finished run can be analysed`);
  const { rows: [{ id: analysisId }] } = await pool.query("INSERT INTO analysis_run (collection_run_id) VALUES ($1) RETURNING id", [collectionRunId]);
  const timingsMs: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await work();
    } finally {
      timingsMs[name] = Date.now() - started;
    }
  };
  try {
    const model = await timed("load", () => loadOrgModel({ pool, runId: collectionRunId, asOf: options.asOf }));
    const catalogue = await timed("catalogue", () => loadActionCatalogue());
    const evaluator = createPrincipalEvaluator({ model, catalogue });
    const access = await timed("access", () => computePrincipalAccess({ model, catalogue, evaluator }));
    const reach = await timed("reach", () => computeReachability({ model, catalogue, evaluator }));
    const externalTrusts = await timed("externalTrusts", () => findExternalTrusts({ model, config, evaluator }));
    const resources = await timed("resources", () => analyzeResources({ model, catalogue, access, config }));
    const findings = await timed("findings", () => runFindings({ model, access: new Map(access.map((a) => [a.principalKey, a])), reach, externalTrusts, resources, config }));
    const stored = await timed("store", async () => {
      const versioned = await storeAnalysisResults({ pool, analysisId, model, access, reach, externalTrusts });
      const resourceStats = await storeResourceResults({ pool, analysisId, resources });
      // The principal list's totals per account, kind and admin flag, so its count is not a scan of every row.
      await storePrincipalListCounts({ pool, analysisId });
      return { ...versioned, ...resourceStats };
    });
    const lifecycle = await timed("lifecycle", () => applyFindingLifecycle({ pool, collectionRunId, findings }));
    const summary: TAnalysisSummary = {
      analysisId, collectionRunId, principals: model.principals.length, adminEquivalent: access.filter((a) => a.adminEquivalent).length,
      reach: reach.length, externalTrusts: externalTrusts.length, resources: resources.length,
      publicResources: resources.filter((r) => r.exposure === "public").length,
      externallySharedResources: resources.filter((r) => r.exposure === "outside-organization").length,
      findings: findings.length, lifecycle, stored, timingsMs,
    };
    await pool.query("UPDATE analysis_run SET status = 'succeeded', finished_at = now(), stats = $2 WHERE id = $1", [analysisId, JSON.stringify(summary)]);
    // After the lifecycle (it resolves findings absent from its own list) and once this
    // analysis counts as the latest: were the revocations of signed-off reviews carried out?
    summary.remediations = await checkRemediations({ pool, analysisId, now: options.asOf });
    return summary;
  } catch (error) {
    await pool.query("UPDATE analysis_run SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1", [analysisId, (error as Error).message]);
    throw error;
  }
}
