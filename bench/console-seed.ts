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
import type { TReach } from "../lib/analysis/results";
import { storePrincipalListCounts } from "../lib/analysis/store/store-principal-list-counts";

type TPhase = <T>(label: string, run: () => T | Promise<T>) => Promise<T>;

export async function seedConsoleDatabase(options: {
  pool: pg.Pool; model: TOrgModel; config: Partial<TAnalysisConfig>; phase: TPhase;
  /** Then store the same results again as a second analysis (an unchanged re-analysis), which the console then reads. */
  restoreUnchanged?: boolean;
  /** Analyse and store this many workload accounts at a time (see seedInChunks); all at once when absent. */
  chunkAccounts?: number;
}): Promise<{ analysisId: number; collectionRunId: number; restore?: { seconds: number; analysisTablesGrowthMiB: number; firstAnalysisMiB: number } }> {
  const { pool, model, phase } = options;
  const { rows: [run] } = await pool.query(
    "INSERT INTO collection_run (status, trigger, mode, host, pid, finished_at) VALUES ('succeeded', 'bench', 'jump-account', 'bench', $1, now()) RETURNING id",
    [process.pid],
  );
  await phase("store snapshot", () => storeSnapshot({ pool, model, runId: run.id }));
  if (options.chunkAccounts !== undefined && options.chunkAccounts < model.accounts.length) {
    if (options.restoreUnchanged) throw new Error("--restore needs the whole analysis in memory: leave out --chunk-accounts");
    const analysisId = await seedInChunks({ pool, model, config: options.config, phase, runId: run.id, chunkAccounts: options.chunkAccounts });
    return { analysisId, collectionRunId: run.id };
  }
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
  await phase("store list counts", () => storePrincipalListCounts({ pool, analysisId: analysis.id }));
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
    await storePrincipalListCounts({ pool, analysisId: second.id });
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

// Every versioned analysis table (resource results too): each chunk's store must see none of the earlier chunks' rows.
const VERSIONED = VERSIONED_ANALYSIS_TABLES.map((t) => t.table);

/**
 * One analysis of an organization too large to evaluate at once (1,000,000 principals).
 * Reach and external trusts are computed over the whole organization (they cross
 * accounts); effective access, resource exposure and findings `chunkAccounts` accounts at a
 * time, each chunk on a model of its own accounts' principals, resources and settings plus
 * the organization-wide data (accounts, SCPs, Identity Center; its users in the first
 * chunk), and everything is stored with the same store functions under one analysis id.
 * What this leaves out: a resource's access through identity policies of principals in
 * another chunk, and findings that combine one chunk's principals with another's (a reach
 * path's findings see the access of its own chunk's principals only).
 *
 * The store function compares a new analysis with the current versioned rows; between
 * stores the stored rows are moved aside so that each store sees none (and does not read
 * every earlier chunk's rows again), and moved back at the end.
 */
async function seedInChunks(options: { pool: pg.Pool; model: TOrgModel; config: Partial<TAnalysisConfig>; phase: TPhase; runId: number; chunkAccounts: number }): Promise<number> {
  const { pool, model, phase } = options;
  const catalogue = await loadActionCatalogue();
  const config = { ...DEFAULT_ANALYSIS_CONFIG, ...options.config };
  const { rows: [analysis] } = await pool.query("INSERT INTO analysis_run (collection_run_id) VALUES ($1) RETURNING id", [options.runId]);
  for (const table of VERSIONED) await pool.query(`CREATE UNLOGGED TABLE bench_stage_${table} (LIKE ${table} INCLUDING DEFAULTS)`);
  const moveAside = async () => {
    for (const table of VERSIONED) await pool.query(`WITH moved AS (DELETE FROM ${table} RETURNING *) INSERT INTO bench_stage_${table} SELECT * FROM moved`);
  };
  let reach: TReach[];
  {
    const evaluator = createPrincipalEvaluator({ model, catalogue });
    reach = await phase("reachability", () => computeReachability({ model, catalogue, evaluator }));
    const externalTrusts = await phase("external trusts", () => findExternalTrusts({ model, config, evaluator }));
    await phase("store reach", async () => {
      await storeAnalysisResults({ pool, analysisId: analysis.id, model: { ...model, principals: [] }, access: [], reach, externalTrusts });
      await moveAside();
    });
    console.log(`${reach.length} reach paths, ${externalTrusts.length} external trusts`);
  }
  const reachBySource = new Map<string, TReach[]>();
  for (const path of reach) {
    const list = reachBySource.get(path.sourceKey);
    if (list) list.push(path); else reachBySource.set(path.sourceKey, [path]);
  }
  reach = [];
  const counts = { access: 0, resources: 0, findings: 0 };
  const accountIds = model.accounts.map((account) => account.id);
  const chunks = Math.ceil(accountIds.length / options.chunkAccounts);
  for (let chunk = 0; chunk < chunks; chunk++) {
    const part = restrictModel({ model, accountIds: new Set(accountIds.slice(chunk * options.chunkAccounts, (chunk + 1) * options.chunkAccounts)), withoutAccount: chunk === 0 });
    const label = `chunk ${chunk + 1}/${chunks}`;
    const evaluator = createPrincipalEvaluator({ model: part, catalogue });
    const access = await phase(`${label} access`, () => computePrincipalAccess({ model: part, catalogue, evaluator }));
    const partReach = part.principals.flatMap((principal) => reachBySource.get(principal.key) ?? []);
    const externalTrusts = findExternalTrusts({ model: part, config, evaluator });
    const resources = await phase(`${label} resources`, () => analyzeResources({ model: part, catalogue, access, config }));
    const findings = await phase(`${label} findings`, () => runFindings({ model: part, access: new Map(access.map((entry) => [entry.principalKey, entry])), reach: partReach, externalTrusts, resources, config }));
    await phase(`${label} store`, async () => {
      await storeAnalysisResults({ pool, analysisId: analysis.id, model: part, access, reach: [], externalTrusts: [] });
      await moveAside();
      await storeResourceResults({ pool, analysisId: analysis.id, resources });
      await applyFindingLifecycle({ pool, collectionRunId: options.runId, findings });
    });
    counts.access += access.length; counts.resources += resources.length; counts.findings += findings.length;
  }
  await phase("move back", async () => {
    for (const table of VERSIONED) {
      await pool.query(`INSERT INTO ${table} SELECT * FROM bench_stage_${table}`);
      await pool.query(`DROP TABLE bench_stage_${table}`);
    }
    await pool.query(`VACUUM (ANALYZE) ${VERSIONED.join(", ")}`);
  });
  await phase("store list counts", () => storePrincipalListCounts({ pool, analysisId: analysis.id }));
  await pool.query("UPDATE analysis_run SET status = 'succeeded', finished_at = now() WHERE id = $1", [analysis.id]);
  await pool.query("ANALYZE");
  console.log(`seeded in ${chunks} chunks: ${model.accounts.length} accounts, ${counts.access} principals analysed, ${counts.resources} resources, ${counts.findings} findings (before de-duplication)`);
  return analysis.id;
}

/** The model with only these accounts' principals, groups, keys, resources and settings (and those of no account when `withoutAccount`); organization-wide data (accounts, SCPs, Identity Center) whole. */
function restrictModel(options: { model: TOrgModel; accountIds: Set<string>; withoutAccount: boolean }): TOrgModel {
  const { model, accountIds } = options;
  const keep = <T extends { accountId: string | null }>(items: T[]) => items.filter((item) => item.accountId === null ? options.withoutAccount : accountIds.has(item.accountId));
  return {
    ...model,
    principals: keep(model.principals), groups: keep(model.groups), accessKeys: keep(model.accessKeys), credentialReport: keep(model.credentialReport),
    accountSettings: keep(model.accountSettings), resources: keep(model.resources), accountResourceSettings: keep(model.accountResourceSettings),
    regionStatus: keep(model.regionStatus), customerManagedPolicies: model.customerManagedPolicies && keep(model.customerManagedPolicies),
  };
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
