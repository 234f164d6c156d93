import { createHash } from "node:crypto";
import type pg from "pg";
import type { AccessSummary } from "../../policy";
import type { TOrgModel } from "../model";
import type { TExternalTrust, TPrincipalAccess, TReach } from "../results";
import { storeVersionedRows, textArrayColumn, type TVersionedStats, type TVersionedTable } from "./versioned-rows";

/** Summaries are up to a few hundred KB of JSON: their inserts are cut by size, not count. */
const SUMMARY_CHUNK_BYTES = 16 * 1024 * 1024;

/**
 * Principals with the same policies share one summary object (computePrincipalAccess
 * reuses it), so each distinct object is serialised and hashed once and stored once.
 */
async function storeSummaries(options: { pool: pg.Pool | pg.PoolClient; summaries: Iterable<AccessSummary> }): Promise<Map<AccessSummary, string>> {
  const hashes = new Map<AccessSummary, string>();
  const byHash = new Map<string, string>();
  for (const summary of options.summaries) {
    if (hashes.has(summary)) continue;
    const json = JSON.stringify(summary);
    const hash = createHash("sha256").update(json).digest("hex");
    hashes.set(summary, hash);
    byHash.set(hash, json);
  }
  let batch: Array<[string, string]> = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await options.pool.query(
      "INSERT INTO access_summary (hash, summary) SELECT * FROM unnest($1::text[], $2::jsonb[]) ON CONFLICT (hash) DO NOTHING",
      [batch.map(([hash]) => hash), batch.map(([, json]) => json)],
    );
    batch = [];
    bytes = 0;
  };
  for (const entry of byHash) {
    batch.push(entry);
    bytes += entry[1].length;
    if (bytes >= SUMMARY_CHUNK_BYTES) await flush();
  }
  await flush();
  return hashes;
}

const LEVELS = ["List", "Read", "Write", "Permissions management", "Tagging"] as const;

/** The versioned analysis tables (see versioned-rows.ts); a new per-analysis table adds its spec here. */
export const PRINCIPAL_ACCESS_TABLE: TVersionedTable = {
  table: "principal_access",
  key: "principal_key",
  columns: [
    { name: "principal_key", input: "text" }, { name: "kind", input: "text" }, { name: "account_id", input: "text" }, { name: "name", input: "text" },
    { name: "arn", input: "text" }, { name: "admin_equivalent", input: "bool" }, { name: "admin_definite", input: "bool" },
    textArrayColumn("list_services"), textArrayColumn("read_services"), textArrayColumn("write_services"),
    textArrayColumn("permissions_services"), textArrayColumn("tagging_services"),
    { name: "granted_services", input: "int" }, { name: "used_services", input: "int" }, { name: "last_used", input: "timestamptz" },
    { name: "summary_hash", input: "text" }, { name: "admin_paths", input: "jsonb" },
  ],
};
export const PRINCIPAL_REACH_TABLE: TVersionedTable = {
  table: "principal_reach",
  columns: [
    { name: "source_key", input: "text" }, { name: "target_key", input: "text" }, { name: "target_account_id", input: "text" },
    { name: "hop_count", input: "int" }, { name: "conditional", input: "bool" }, { name: "hops", input: "jsonb" },
  ],
};
export const EXTERNAL_TRUST_TABLE: TVersionedTable = {
  table: "external_trust",
  columns: [
    { name: "role_key", input: "text" }, { name: "account_id", input: "text" }, { name: "party_kind", input: "text" }, { name: "party", input: "text" },
    textArrayColumn("condition_keys"), { name: "known_vendor", input: "text" },
  ],
};

/** Written by storeResourceResults (store-resource-results.ts). */
export const RESOURCE_EXPOSURE_TABLE: TVersionedTable = {
  table: "resource_exposure",
  key: "arn",
  columns: [
    { name: "arn", input: "text" }, { name: "type", input: "text" }, { name: "account_id", input: "text" }, { name: "region", input: "text" },
    { name: "name", input: "text" }, { name: "service", input: "text" }, { name: "exposure", input: "text" },
    { name: "policy_public", input: "bool" }, { name: "identity_access", input: "bool" }, textArrayColumn("denied_levels"),
    { name: "principals_by_level", input: "jsonb" }, textArrayColumn("external_accounts"), textArrayColumn("org_accounts"),
    { name: "grant_count", input: "int" }, { name: "details", input: "jsonb" }, { name: "policy_hash", input: "text" },
  ],
};
export const RESOURCE_GRANT_TABLE: TVersionedTable = {
  table: "resource_grant",
  columns: [
    { name: "resource_arn", input: "text" }, { name: "resource_account_id", input: "text" }, { name: "party_kind", input: "text" },
    { name: "principal", input: "text" }, { name: "account_id", input: "text" }, { name: "scope", input: "text" }, { name: "reach", input: "text" },
    { name: "vendor", input: "text" }, textArrayColumn("levels"), { name: "source", input: "text" }, { name: "statement", input: "jsonb" },
    textArrayColumn("condition_keys"), textArrayColumn("restricted_by"), { name: "blocked_by", input: "text" },
  ],
};

/** The tables storeAnalysisResults writes (and vacuums). */
const PRINCIPAL_RESULT_TABLES = [PRINCIPAL_ACCESS_TABLE, PRINCIPAL_REACH_TABLE, EXTERNAL_TRUST_TABLE];
/** Every versioned analysis table: retention prunes them. */
export const VERSIONED_ANALYSIS_TABLES = [...PRINCIPAL_RESULT_TABLES, RESOURCE_EXPOSURE_TABLE, RESOURCE_GRANT_TABLE];

function* principalAccessRows(options: { model: TOrgModel; access: TPrincipalAccess[]; summaryHashes: Map<AccessSummary, string> }): Generator<unknown[]> {
  const accessByKey = new Map(options.access.map((a) => [a.principalKey, a]));
  // Identity Center users hold no policies of their own; they get a row so that they are
  // listed (their access is their reach).
  for (const p of options.model.principals) {
    const access = accessByKey.get(p.key);
    if (!access && p.kind !== "sso-user") continue;
    yield [
      p.key, p.kind, p.accountId, p.name, p.arn, access?.adminEquivalent ?? false, access?.adminDefinite ?? false,
      ...LEVELS.map((level) => access?.servicesByLevel[level] ?? []),
      access?.grantedServices.length ?? 0, p.lastAccessed?.usedServices.length ?? null,
      p.lastUsed,
      access ? options.summaryHashes.get(access.summary)! : null, access?.adminPaths ?? [],
    ];
  }
}

export type TStoreStats = Record<string, TVersionedStats>;

/** Serialises analyses' stores, and lets retention see a consistent set of stored analyses. */
export const ANALYSIS_STORE_LOCK = "SELECT pg_advisory_xact_lock(hashtext('access-atlas:analysis-results'))";

/**
 * Materialises one analysis: per-principal access (service arrays per level, GIN-indexed
 * for "who can reach"), reach paths and external trusts, so the console answers from
 * indexed rows instead of re-evaluating policies. Rows equal to the previous analysis's are
 * carried forward (versioned-rows.ts), so an unchanged organization costs no new rows. One
 * transaction: the analysis's rows appear together or not at all.
 */
export async function storeAnalysisResults(options: {
  pool: pg.Pool;
  analysisId: number;
  model: TOrgModel;
  access: TPrincipalAccess[];
  reach: TReach[];
  externalTrusts: TExternalTrust[];
}): Promise<TStoreStats> {
  const { pool, analysisId, model } = options;
  return storeAnalysisTables({ pool, analysisId, what: "be stored", vacuum: [...PRINCIPAL_RESULT_TABLES.map((t) => t.table), "access_summary"] }, async (client) => {
    const stats: TStoreStats = {};
    const summaryHashes = await storeSummaries({ pool: client, summaries: options.access.map((a) => a.summary) });
    stats.principal_access = await storeVersionedRows({ client, spec: PRINCIPAL_ACCESS_TABLE, analysisId, rows: principalAccessRows({ model, access: options.access, summaryHashes }) });
    stats.principal_reach = await storeVersionedRows({
      client, spec: PRINCIPAL_REACH_TABLE, analysisId,
      rows: (function* () { for (const r of options.reach) yield [r.sourceKey, r.targetKey, r.targetAccountId, r.hops.length, r.conditional, r.hops]; })(),
    });
    stats.external_trust = await storeVersionedRows({
      client, spec: EXTERNAL_TRUST_TABLE, analysisId,
      rows: (function* () { for (const t of options.externalTrusts) yield [t.roleKey, t.accountId, t.partyKind, t.party, t.conditionKeys, t.knownVendor]; })(),
    });
    await client.query("UPDATE analysis_run SET results_stored_at = now() WHERE id = $1", [analysisId]);
    return stats;
  });
}

/**
 * One analysis's store of some versioned tables: one transaction under the analysis store
 * lock, refused when a newer analysis has stored results (versions are ordered by analysis
 * id, so an older analysis cannot be stored over a newer one: neither in analysis_run nor
 * in rows of `tables` a newer analysis opened or closed), then VACUUM (ANALYZE) of `vacuum`
 * for fresh planner statistics and a visibility map, so the console's probes are
 * index-only right away instead of after the next autovacuum.
 */
export async function storeAnalysisTables<T>(options: { pool: pg.Pool; analysisId: number; what: string; tables?: string[]; vacuum: string[] }, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const { pool, analysisId } = options;
  const client = await pool.connect();
  let result: T;
  try {
    await client.query("BEGIN");
    await client.query(ANALYSIS_STORE_LOCK);
    const newerInTables = (options.tables ?? []).map((table) => `(SELECT max(greatest(valid_from, valid_to)) FROM ${table} WHERE valid_from > $1 OR valid_to > $1)`);
    const { rows: [newer] } = await client.query(
      `SELECT greatest((SELECT max(id) FROM analysis_run WHERE results_stored_at IS NOT NULL AND id > $1)${newerInTables.map((q) => `, ${q}`).join("")}) AS id`,
      [analysisId],
    );
    if (newer.id !== null) throw new Error(`analysis ${analysisId} cannot ${options.what}: the newer analysis ${newer.id} was stored while it ran; analyse the run again`);
    result = await work(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  await pool.query(`VACUUM (ANALYZE) ${options.vacuum.join(", ")}`);
  return result;
}
