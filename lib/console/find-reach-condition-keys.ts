import "server-only";
import type pg from "pg";
import { conditionKeysOf } from "./condition-keys-of";

type TEntity = { groups?: string[]; attachedPolicies?: Array<{ arn: string }>; inlinePolicies?: Array<{ documentHash: string }>; trust?: { documentHash?: string } };

/**
 * For the conditional paths of who-can-reach: the condition keys of the trust policies of
 * the conditional hops (`assumedRoles`) and of the acting principals' statements granting
 * `service` (`actingKeys`), read from the snapshot of `runId`. Keys: principal keys.
 */
export async function findReachConditionKeys(options: { pool: pg.Pool; runId: number; service: string; assumedRoles: string[]; actingKeys: string[]; accountIds: string[] }): Promise<{ trust: Map<string, string[]>; grant: Map<string, string[]>; guardrail: Map<string, string[]> }> {
  const wanted = [...new Set([...options.assumedRoles, ...options.actingKeys])].filter((key) => /^\d{12}\/[\w-]+$/.test(key)).slice(0, 200);
  const { pool, runId } = options;
  const guardrail = await findGuardrailConditionKeys({ pool, runId, service: options.service, accountIds: options.accountIds });
  if (wanted.length === 0) return { trust: new Map(), grant: new Map(), guardrail };
  const { rows: entities } = await pool.query(
    `SELECT scope || '/' || key AS "principalKey", scope, data FROM snapshot_record
     WHERE kind IN ('iam.role', 'iam.user') AND scope || '/' || key = ANY($1) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)`,
    [wanted, runId],
  );
  // A user's access comes through its groups' policies too.
  const groupNames = entities.flatMap((e) => ((e.data as TEntity).groups ?? []).map((name) => `${e.scope}|${name}`));
  const { rows: groups } = groupNames.length === 0 ? { rows: [] } : await pool.query(
    `SELECT scope || '|' || name AS id, scope, data FROM snapshot_record
     WHERE kind = 'iam.group' AND scope || '|' || name = ANY($1) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)`,
    [[...new Set(groupNames)], runId],
  );
  const groupsOf = (e: { scope: string; data: TEntity }) => groups.filter((g) => (e.data.groups ?? []).some((name) => g.id === `${e.scope}|${name}`));
  const arnsByAccount = [...entities, ...groups].flatMap((e) => ((e.data as TEntity).attachedPolicies ?? []).map((p) => `${e.scope}|${p.arn}`));
  const { rows: managed } = await pool.query(
    `SELECT s.scope || '|' || s.arn AS id, v->>'documentHash' AS hash FROM snapshot_record s CROSS JOIN LATERAL jsonb_array_elements(s.data->'versions') v
     WHERE s.kind = 'iam.policy' AND s.scope || '|' || s.arn = ANY($1) AND (v->>'isDefault')::boolean AND s.valid_from <= $2 AND (s.valid_to IS NULL OR s.valid_to > $2)`,
    [[...new Set(arnsByAccount)], runId],
  );
  const managedHash = new Map(managed.map((m) => [m.id as string, m.hash as string]));
  const ownHashes = (e: { scope: string; data: TEntity }) => [
    ...(e.data.attachedPolicies ?? []).map((p) => managedHash.get(`${e.scope}|${p.arn}`)),
    ...(e.data.inlinePolicies ?? []).map((p) => p.documentHash),
  ].filter((hash): hash is string => Boolean(hash));
  const hashesOf = (e: { scope: string; data: TEntity }) => [...ownHashes(e), ...groupsOf(e).flatMap(ownHashes)];
  const allHashes = [...new Set(entities.flatMap((e) => [...hashesOf(e), e.data.trust?.documentHash].filter(Boolean)))];
  const { rows: docs } = await pool.query("SELECT hash, document FROM policy_document WHERE hash = ANY($1)", [allHashes]);
  const documentOf = new Map(docs.map((d) => [d.hash as string, d.document as unknown]));
  const trust = new Map<string, string[]>();
  const grant = new Map<string, string[]>();
  for (const e of entities) {
    if (options.assumedRoles.includes(e.principalKey) && e.data.trust?.documentHash) trust.set(e.principalKey, conditionKeysOf({ document: documentOf.get(e.data.trust.documentHash), assume: true }));
    if (options.actingKeys.includes(e.principalKey)) {
      grant.set(e.principalKey, [...new Set(hashesOf(e).flatMap((hash) => conditionKeysOf({ document: documentOf.get(hash), service: options.service })))].sort());
    }
  }
  return { trust, grant, guardrail };
}

/** Per account: the condition keys of the SCP and RCP statements on `service` that apply to it (attached to it, an OU above it or the root). */
async function findGuardrailConditionKeys(options: { pool: pg.Pool; runId: number; service: string; accountIds: string[] }): Promise<Map<string, string[]>> {
  const { pool, runId } = options;
  const asOf = "valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)";
  const [{ rows: accounts }, { rows: policies }] = await Promise.all([
    pool.query(`SELECT key, data->'ouPath' AS "ouPath" FROM snapshot_record WHERE scope = 'org' AND kind = 'org.account' AND key = ANY($1) AND ${asOf}`, [[...new Set(options.accountIds)], runId]),
    pool.query(
      `SELECT s.data->'targets' AS targets, d.document FROM snapshot_record s JOIN policy_document d ON d.hash = s.data->>'documentHash'
       WHERE s.scope = 'org' AND s.kind = 'org.policy' AND s.valid_from <= $1 AND (s.valid_to IS NULL OR s.valid_to > $1)`,
      [runId],
    ),
  ]);
  const keysOfPolicy = policies.map((p) => ({ targets: ((p.targets ?? []) as Array<{ targetId: string }>).map((t) => t.targetId), keys: conditionKeysOf({ document: p.document, service: options.service }) }))
    .filter((p) => p.keys.length > 0);
  const result = new Map<string, string[]>();
  for (const account of accounts) {
    const path = new Set<string>([account.key, ...((account.ouPath ?? []) as string[])]);
    result.set(account.key, [...new Set(keysOfPolicy.filter((p) => p.targets.some((t) => path.has(t))).flatMap((p) => p.keys))].sort());
  }
  return result;
}
