import type pg from "pg";
import { loadEnv } from "../lib/config/env";
import { analysisConfigFromEnv, analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import { ZAnalyzeSnapshotPayload } from "./definitions";

/** Analyses a finished collection run; enqueued by whichever job closed the run. */
export async function handleAnalyzeSnapshot(options: { pool: pg.Pool; data: unknown }) {
  const { collectionRunId } = ZAnalyzeSnapshotPayload.parse(options.data);
  const summary = await analyzeSnapshot({ pool: options.pool, collectionRunId, config: analysisConfigFromEnv(loadEnv()) });
  return { analysisId: summary.analysisId, findings: summary.findings };
}
