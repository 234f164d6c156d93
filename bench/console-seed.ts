// Puts a generated organization into a database the way a collection run and its analysis
// would: the snapshot records the console reads (accounts, OUs, groups, Identity Center
// users, access keys) through storeRecords, then the analysis materialised with the same
// functions analyzeSnapshot uses (access, reach, external trusts, findings).
import type pg from "pg";
import { computePrincipalAccess } from "../lib/analysis/access/compute-principal-access";
import { computeReachability } from "../lib/analysis/access/compute-reachability";
import { createPrincipalEvaluator } from "../lib/analysis/access/create-principal-evaluator";
import { findExternalTrusts } from "../lib/analysis/access/find-external-trusts";
import { runFindings } from "../lib/analysis/findings/run-findings";
import { analyzeResources } from "../lib/analysis/resources/analyze-resources";
import { storeResourceResults } from "../lib/analysis/store/store-resource-results";
import type { TOrgModel } from "../lib/analysis/model";
import { DEFAULT_ANALYSIS_CONFIG, type TAnalysisConfig } from "../lib/analysis/results";
import { applyFindingLifecycle } from "../lib/analysis/store/apply-finding-lifecycle";
import { storeAnalysisResults, VERSIONED_ANALYSIS_TABLES } from "../lib/analysis/store/store-analysis-results";
import { loadActionCatalogue } from "../lib/policy";
import { storeRecords } from "../lib/snapshot/store-records";
import type { TRecordBatch } from "../lib/snapshot/types";

type TPhase = <T>(label: string, run: () => T | Promise<T>) => Promise<T>;

export async function seedConsoleDatabase(options: {
  pool: pg.Pool; model: TOrgModel; config: Partial<TAnalysisConfig>; phase: TPhase;
  /** Then store the same results again as a second analysis (an unchanged re-analysis), which the console then reads. */
  restoreUnchanged?: boolean;
}): Promise<{ analysisId: number; collectionRunId: number; restore?: { seconds: number; analysisTablesGrowthMiB: number; firstAnalysisMiB: number } }> {
  const { pool, model, phase } = options;
  const { rows: [run] } = await pool.query(
    "INSERT INTO collection_run (status, trigger, mode, host, pid, finished_at) VALUES ('succeeded', 'bench', 'jump-account', 'bench', $1, now()) RETURNING id",
    [process.pid],
  );
  await phase("store snapshot", () => storeSnapshot({ pool, model, runId: run.id }));
  const catalogue = await loadActionCatalogue();
  const evaluator = createPrincipalEvaluator({ model, catalogue });
  const access = await phase("access", () => computePrincipalAccess({ model, catalogue, evaluator }));
  const reach = await phase("reachability", () => computeReachability({ model, catalogue, evaluator }));
  const config = { ...DEFAULT_ANALYSIS_CONFIG, ...options.config };
  const externalTrusts = await phase("external trusts", () => findExternalTrusts({ model, config, evaluator }));
  const resources = await phase("resources", () => analyzeResources({ model, catalogue, access, config }));
  const findings = await phase("findings", () => runFindings({ model, access: new Map(access.map((entry) => [entry.principalKey, entry])), reach, externalTrusts, resources, config }));
  const { rows: [analysis] } = await pool.query("INSERT INTO analysis_run (collection_run_id) VALUES ($1) RETURNING id", [run.id]);
  await phase("store analysis", () => storeAnalysisResults({ pool, analysisId: analysis.id, model, access, reach, externalTrusts }));
  await phase("store resources", () => storeResourceResults({ pool, analysisId: analysis.id, resources }));
  await phase("store findings", () => applyFindingLifecycle({ pool, collectionRunId: run.id, findings }));
  await pool.query("UPDATE analysis_run SET status = 'succeeded', finished_at = now() WHERE id = $1", [analysis.id]);
  let restore: { seconds: number; analysisTablesGrowthMiB: number; firstAnalysisMiB: number } | undefined;
  let analysisId = analysis.id as number;
  if (options.restoreUnchanged) {
    const size = async () => Number((await pool.query(
      `SELECT ${VERSIONED_ANALYSIS_TABLES.map((t) => `pg_total_relation_size('${t.table}')`).join(" + ")} AS bytes`)).rows[0].bytes);
    const before = await size();
    const { rows: [second] } = await pool.query("INSERT INTO analysis_run (collection_run_id) VALUES ($1) RETURNING id", [run.id]);
    const started = performance.now();
    await phase("re-store unchanged", async () => {
      await storeAnalysisResults({ pool, analysisId: second.id, model, access, reach, externalTrusts });
      await storeResourceResults({ pool, analysisId: second.id, resources });
    });
    const seconds = (performance.now() - started) / 1000;
    await pool.query("UPDATE analysis_run SET status = 'succeeded', finished_at = now() WHERE id = $1", [second.id]);
    const mib = (bytes: number) => Math.round(bytes / 104_857.6) / 10;
    restore = { seconds: Math.round(seconds * 10) / 10, analysisTablesGrowthMiB: mib((await size()) - before), firstAnalysisMiB: mib(before) };
    console.log(`re-store unchanged: ${JSON.stringify(restore)}`);
    analysisId = second.id;
  }
  await pool.query("ANALYZE");
  console.log(`seeded: ${model.accounts.length} accounts, ${model.principals.length} principals, ${reach.length} reach paths, ${externalTrusts.length} external trusts, ${resources.length} resources, ${findings.length} findings`);
  return { analysisId, collectionRunId: run.id, restore };
}

async function storeSnapshot(options: { pool: pg.Pool; model: TOrgModel; runId: number }) {
  const { pool, model, runId } = options;
  const ous = new Map<string, { name: string; path: string[]; parentId: string }>();
  for (const account of model.accounts) {
    account.ouPath.slice(1).forEach((ouId, index) => ous.set(ouId, { name: account.ouNames[index], path: account.ouNames.slice(0, index + 1), parentId: account.ouPath[index] }));
  }
  const orgBatches: TRecordBatch[] = [
    { kind: "org.root", mode: "replace", records: [...new Set(model.accounts.map((account) => account.ouPath[0]))].map((key) => ({ kind: "org.root", key, name: "Root", data: {} })) },
    { kind: "org.ou", mode: "replace", records: [...ous].map(([key, ou]) => ({ kind: "org.ou", key, name: ou.name, data: { path: ou.path, parentId: ou.parentId, tags: {} } })) },
    { kind: "org.account", mode: "replace", records: model.accounts.map((account) => ({ kind: "org.account", key: account.id, name: account.name, data: { ouPath: account.ouPath, parentId: account.ouPath.at(-1), state: account.status, status: account.status, tags: account.tags } })) },
    { kind: "sso.user", mode: "replace", records: model.principals.filter((p) => p.kind === "sso-user").map((user) => ({ kind: "sso.user", key: user.id, name: user.name, data: { userName: user.name, emails: user.emails } })) },
  ];
  await storeRecords({ pool, runId, scope: "org", batches: orgBatches });
  const groupsByAccount = groupBy(model.groups, (group) => group.accountId);
  const keysByAccount = groupBy(model.accessKeys, (key) => key.accountId);
  for (const account of model.accounts) {
    await storeRecords({ pool, runId, scope: account.id, batches: [
      { kind: "iam.group", mode: "replace", records: (groupsByAccount.get(account.id) ?? []).map((group) => ({ kind: "iam.group", key: group.key.split("/")[1], name: group.name, arn: group.arn, data: {} })) },
      { kind: "iam.access-key", mode: "replace", records: (keysByAccount.get(account.id) ?? []).map((key) => ({ kind: "iam.access-key", key: key.id, data: { userId: key.userKey.split("/")[1], userName: key.userName, status: key.status, createDate: key.createDate } })) },
    ] });
  }
}

// Map.groupBy needs Node 21; the project supports 20.19.
function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(keyOf(item));
    if (list) list.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}
