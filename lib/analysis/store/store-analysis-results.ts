import { createHash } from "node:crypto";
import type pg from "pg";
import type { AccessSummary } from "../../policy";
import type { TOrgModel } from "../model";
import type { TExternalTrust, TPrincipalAccess, TReach } from "../results";

const CHUNK = 5_000;
/** Summaries are up to a few hundred KB of JSON: their inserts are cut by size, not count. */
const SUMMARY_CHUNK_BYTES = 16 * 1024 * 1024;

async function inChunks<T>(items: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await write(items.slice(i, i + CHUNK));
}

/**
 * Principals with the same policies share one summary object (computePrincipalAccess
 * reuses it), so each distinct object is serialised and hashed once and stored once.
 */
async function storeSummaries(options: { pool: pg.Pool; summaries: Iterable<AccessSummary> }): Promise<Map<AccessSummary, string>> {
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

/**
 * Materialises one analysis: per-principal access (service arrays per level, GIN-indexed
 * for "who can reach"), reach paths and external trusts, so the console answers from
 * indexed rows instead of re-evaluating policies.
 */
export async function storeAnalysisResults(options: {
  pool: pg.Pool;
  analysisId: number;
  model: TOrgModel;
  access: TPrincipalAccess[];
  reach: TReach[];
  externalTrusts: TExternalTrust[];
}) {
  const { pool, analysisId, model } = options;
  const principals = new Map(model.principals.map((p) => [p.key, p]));
  const accessByKey = new Map(options.access.map((a) => [a.principalKey, a]));
  // Identity Center users hold no policies of their own; they get a row so that they are
  // listed (their access is their reach).
  const rows = model.principals.filter((p) => accessByKey.has(p.key) || p.kind === "sso-user");
  const summaryHashes = await storeSummaries({ pool, summaries: options.access.map((a) => a.summary) });
  await inChunks(rows, (chunk) => pool.query(
    `INSERT INTO principal_access (analysis_id, principal_key, kind, account_id, name, arn, admin_equivalent, admin_definite,
       list_services, read_services, write_services, permissions_services, tagging_services, granted_services, used_services, last_used, summary_hash, admin_paths)
     SELECT $1, r.key, r.kind, r.account, r.name, r.arn, r.admin, r.definite,
       ARRAY(SELECT jsonb_array_elements_text(r.list)), ARRAY(SELECT jsonb_array_elements_text(r.read)),
       ARRAY(SELECT jsonb_array_elements_text(r.write)), ARRAY(SELECT jsonb_array_elements_text(r.perm)),
       ARRAY(SELECT jsonb_array_elements_text(r.tag)), r.granted, r.used, r.last_used, r.summary_hash, r.paths
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[], $8::bool[], $9::jsonb[], $10::jsonb[], $11::jsonb[], $12::jsonb[], $13::jsonb[],
                 $14::int[], $15::int[], $16::timestamptz[], $17::text[], $18::jsonb[])
       AS r(key, kind, account, name, arn, admin, definite, list, read, write, perm, tag, granted, used, last_used, summary_hash, paths)`,
    [
      analysisId,
      chunk.map((p) => p.key), chunk.map((p) => p.kind), chunk.map((p) => p.accountId), chunk.map((p) => p.name), chunk.map((p) => p.arn),
      chunk.map((p) => accessByKey.get(p.key)?.adminEquivalent ?? false), chunk.map((p) => accessByKey.get(p.key)?.adminDefinite ?? false),
      ...(["List", "Read", "Write", "Permissions management", "Tagging"] as const).map((level) =>
        chunk.map((p) => JSON.stringify(accessByKey.get(p.key)?.servicesByLevel[level] ?? []))),
      chunk.map((p) => accessByKey.get(p.key)?.grantedServices.length ?? 0),
      chunk.map((p) => principals.get(p.key)?.lastAccessed?.usedServices.length ?? null),
      chunk.map((p) => p.lastUsed),
      chunk.map((p) => { const summary = accessByKey.get(p.key)?.summary; return summary ? summaryHashes.get(summary)! : null; }),
      chunk.map((p) => JSON.stringify(accessByKey.get(p.key)?.adminPaths ?? [])),
    ],
  ));
  await inChunks(options.reach, (chunk) => pool.query(
    `INSERT INTO principal_reach (analysis_id, source_key, target_key, target_account_id, hop_count, conditional, hops)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::bool[], $7::jsonb[])`,
    [analysisId, chunk.map((r) => r.sourceKey), chunk.map((r) => r.targetKey), chunk.map((r) => r.targetAccountId),
      chunk.map((r) => r.hops.length), chunk.map((r) => r.conditional), chunk.map((r) => JSON.stringify(r.hops))],
  ));
  await inChunks(options.externalTrusts, (chunk) => pool.query(
    `INSERT INTO external_trust (analysis_id, role_key, account_id, party_kind, party, condition_keys, known_vendor)
     SELECT $1, t.role, t.account, t.kind, t.party, ARRAY(SELECT jsonb_array_elements_text(t.keys)), t.vendor
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[]) AS t(role, account, kind, party, keys, vendor)`,
    [analysisId, chunk.map((t) => t.roleKey), chunk.map((t) => t.accountId), chunk.map((t) => t.partyKind), chunk.map((t) => t.party),
      chunk.map((t) => JSON.stringify(t.conditionKeys)), chunk.map((t) => t.knownVendor)],
  ));
  // Fresh statistics for the planner, and a visibility map so the console's reach probes
  // are index-only right away instead of after the next autovacuum.
  await pool.query("VACUUM (ANALYZE) principal_access, principal_reach, external_trust, access_summary");
}
