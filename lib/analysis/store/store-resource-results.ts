import { createHash } from "node:crypto";
import type pg from "pg";
import type { TResourceAnalysis } from "../resources/resource-results";
import { RESOURCE_EXPOSURE_TABLE, RESOURCE_GRANT_TABLE, storeAnalysisTables, type TStoreStats } from "./store-analysis-results";
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
  const { analysisId, resources } = options;
  const tables = [RESOURCE_EXPOSURE_TABLE.table, RESOURCE_GRANT_TABLE.table];
  // A newer analysis's resources may already be stored: the check also reads these tables.
  return storeAnalysisTables({ pool: options.pool, analysisId, what: "store its resources", tables, vacuum: tables }, async (client) => {
    const stats: TStoreStats = {};
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
    return stats;
  });
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
