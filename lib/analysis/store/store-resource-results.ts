import { createHash } from "node:crypto";
import type pg from "pg";
import type { TResourceAnalysis } from "../resources/resource-results";
import { ANALYSIS_STORE_LOCK, RESOURCE_EXPOSURE_TABLE, RESOURCE_GRANT_TABLE, type TStoreStats } from "./store-analysis-results";
import { storeVersionedRows } from "./versioned-rows";

const CHUNK = 5_000;

/**
 * Materialises the resource analysis: one row per resource (exposure, counts per level,
 * settings) and one per party it lets in, so the console's resource list, detail and
 * who-can-reach answer from indexed rows. Both tables are versioned like principal_access
 * (versioned-rows.ts): rows equal to the previous analysis's are carried forward, so an
 * unchanged organization adds none. Policies go into policy_document by content hash
 * (shared with the snapshot's policies), so 200,000 copies of one template cost one row.
 * One transaction, under the analysis store lock; an analysis with no resources still runs
 * (it closes the previous analysis's rows).
 */
export async function storeResourceResults(options: { pool: pg.Pool; analysisId: number; resources: TResourceAnalysis[] }): Promise<TStoreStats> {
  const { pool, analysisId, resources } = options;
  const client = await pool.connect();
  const stats: TStoreStats = {};
  try {
    await client.query("BEGIN");
    await client.query(ANALYSIS_STORE_LOCK);
    // Versions are ordered by analysis id: a newer analysis's resources may already be stored.
    const { rows: [newer] } = await client.query(
      `SELECT greatest((SELECT max(id) FROM analysis_run WHERE results_stored_at IS NOT NULL AND id > $1),
                       (SELECT max(greatest(valid_from, valid_to)) FROM resource_exposure WHERE valid_from > $1 OR valid_to > $1),
                       (SELECT max(greatest(valid_from, valid_to)) FROM resource_grant WHERE valid_from > $1 OR valid_to > $1)) AS id`,
      [analysisId],
    );
    if (newer.id !== null) throw new Error(`analysis ${analysisId} cannot store its resources: the newer analysis ${newer.id} was stored while it ran; analyse the run again`);
    const hashes = await storePolicies({ client, resources });
    stats.resource_exposure = await storeVersionedRows({
      client, spec: RESOURCE_EXPOSURE_TABLE, analysisId,
      rows: (function* () {
        for (const r of resources) {
          yield [r.arn, r.type, r.accountId, r.region, r.name, r.service, r.exposure, r.policyPublic, r.identityAccess, r.deniedLevels,
            r.principalsByLevel, r.externalAccounts, r.orgAccounts, r.grants.length, r.details, hashes.get(r) ?? null];
        }
      })(),
    });
    stats.resource_grant = await storeVersionedRows({
      client, spec: RESOURCE_GRANT_TABLE, analysisId,
      rows: (function* () {
        for (const r of resources) {
          for (const g of r.grants) {
            yield [r.arn, r.accountId, g.partyKind, g.principal, g.accountId, g.scope, g.reach, g.vendor, g.levels, g.source, g.statement,
              g.conditionKeys, g.restrictedBy, g.blockedBy];
          }
        }
      })(),
    });
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  await pool.query("VACUUM (ANALYZE) resource_exposure, resource_grant");
  return stats;
}

async function storePolicies(options: { client: pg.PoolClient; resources: TResourceAnalysis[] }): Promise<Map<TResourceAnalysis, string>> {
  const hashes = new Map<TResourceAnalysis, string>();
  const documents = new Map<string, string>();
  const byObject = new Map<unknown, string>();
  for (const resource of options.resources) {
    if (resource.policy === null) continue;
    let hash = byObject.get(resource.policy);
    if (!hash) {
      const json = typeof resource.policy === "string" ? resource.policy : JSON.stringify(resource.policy);
      hash = createHash("sha256").update(json).digest("hex");
      byObject.set(resource.policy, hash);
      documents.set(hash, typeof resource.policy === "string" ? JSON.stringify(resource.policy) : json);
    }
    hashes.set(resource, hash);
  }
  const entries = [...documents];
  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries.slice(start, start + CHUNK);
    await options.client.query(
      "INSERT INTO policy_document (hash, document) SELECT * FROM unnest($1::text[], $2::jsonb[]) ON CONFLICT (hash) DO NOTHING",
      [chunk.map(([hash]) => hash), chunk.map(([, json]) => json)],
    );
  }
  return hashes;
}
