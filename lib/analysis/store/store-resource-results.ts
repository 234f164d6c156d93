import { createHash } from "node:crypto";
import type pg from "pg";
import type { TResourceAnalysis } from "../resources/resource-results";

const CHUNK = 5_000;

/**
 * Materialises the resource analysis: one row per resource (exposure, counts per level,
 * settings) and one per party it lets in, so the console's resource list, detail and
 * who-can-reach answer from indexed rows. Policies go into policy_document by content hash
 * (shared with the snapshot's policies), so 200,000 copies of one template cost one row.
 */
export async function storeResourceResults(options: { pool: pg.Pool; analysisId: number; resources: TResourceAnalysis[] }) {
  const { pool, analysisId, resources } = options;
  if (resources.length === 0) return;
  const hashes = await storePolicies({ pool, resources });
  for (let start = 0; start < resources.length; start += CHUNK) {
    const chunk = resources.slice(start, start + CHUNK);
    await pool.query(
      `INSERT INTO resource_exposure (analysis_id, arn, type, account_id, region, name, service, exposure, policy_public, identity_access,
         denied_levels, principals_by_level, external_accounts, org_accounts, grant_count, details, policy_hash)
       SELECT $1, r.arn, r.type, r.account, r.region, r.name, r.service, r.exposure, r.public, r.identity,
         ARRAY(SELECT jsonb_array_elements_text(r.denied)), r.counts, ARRAY(SELECT jsonb_array_elements_text(r.external)),
         ARRAY(SELECT jsonb_array_elements_text(r.org)), r.grants, r.details, r.hash
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[], $10::bool[],
                   $11::jsonb[], $12::jsonb[], $13::jsonb[], $14::jsonb[], $15::int[], $16::jsonb[], $17::text[])
         AS r(arn, type, account, region, name, service, exposure, public, identity, denied, counts, external, org, grants, details, hash)`,
      [
        analysisId,
        chunk.map((r) => r.arn), chunk.map((r) => r.type), chunk.map((r) => r.accountId), chunk.map((r) => r.region), chunk.map((r) => r.name),
        chunk.map((r) => r.service), chunk.map((r) => r.exposure), chunk.map((r) => r.policyPublic), chunk.map((r) => r.identityAccess),
        chunk.map((r) => JSON.stringify(r.deniedLevels)), chunk.map((r) => JSON.stringify(r.principalsByLevel)),
        chunk.map((r) => JSON.stringify(r.externalAccounts)), chunk.map((r) => JSON.stringify(r.orgAccounts)),
        chunk.map((r) => r.grants.length), chunk.map((r) => JSON.stringify(r.details)), chunk.map((r) => hashes.get(r) ?? null),
      ],
    );
  }
  const grants = resources.flatMap((resource) => resource.grants.map((grant) => ({ resource, grant })));
  for (let start = 0; start < grants.length; start += CHUNK) {
    const chunk = grants.slice(start, start + CHUNK);
    await pool.query(
      `INSERT INTO resource_grant (analysis_id, resource_arn, resource_account_id, party_kind, principal, account_id, scope, reach, vendor, levels,
         source, statement, condition_keys, restricted_by, blocked_by)
       SELECT $1, g.arn, g.owner, g.kind, g.principal, g.account, g.scope, g.reach, g.vendor, ARRAY(SELECT jsonb_array_elements_text(g.levels)),
         g.source, g.statement, ARRAY(SELECT jsonb_array_elements_text(g.keys)), ARRAY(SELECT jsonb_array_elements_text(g.restricted)), g.blocked
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[],
                   $11::text[], $12::jsonb[], $13::jsonb[], $14::jsonb[], $15::text[])
         AS g(arn, owner, kind, principal, account, scope, reach, vendor, levels, source, statement, keys, restricted, blocked)`,
      [
        analysisId,
        chunk.map((e) => e.resource.arn), chunk.map((e) => e.resource.accountId), chunk.map((e) => e.grant.partyKind), chunk.map((e) => e.grant.principal),
        chunk.map((e) => e.grant.accountId), chunk.map((e) => e.grant.scope), chunk.map((e) => e.grant.reach), chunk.map((e) => e.grant.vendor),
        chunk.map((e) => JSON.stringify(e.grant.levels)), chunk.map((e) => e.grant.source), chunk.map((e) => JSON.stringify(e.grant.statement)),
        chunk.map((e) => JSON.stringify(e.grant.conditionKeys)), chunk.map((e) => JSON.stringify(e.grant.restrictedBy)), chunk.map((e) => e.grant.blockedBy),
      ],
    );
  }
  await pool.query("VACUUM (ANALYZE) resource_exposure, resource_grant");
}

async function storePolicies(options: { pool: pg.Pool; resources: TResourceAnalysis[] }): Promise<Map<TResourceAnalysis, string>> {
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
    await options.pool.query(
      "INSERT INTO policy_document (hash, document) SELECT * FROM unnest($1::text[], $2::jsonb[]) ON CONFLICT (hash) DO NOTHING",
      [chunk.map(([hash]) => hash), chunk.map(([, json]) => json)],
    );
  }
  return hashes;
}
