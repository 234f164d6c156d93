import "server-only";
import type pg from "pg";

type TEntity = { groups?: string[]; attachedPolicies?: Array<{ arn: string; name?: string }>; inlinePolicies?: Array<{ name?: string; documentHash: string }>; trust?: { documentHash?: string } };
export type TNamedDocument = { name: string; document: unknown };
export type TPrincipalDocuments = { trust: unknown | null; identity: TNamedDocument[] };

/**
 * The trust policy and the identity policies (own and through groups, managed default
 * versions and inline) of IAM principals (`<account>/<unique id>`) as of `runId`.
 */
export async function loadPrincipalDocuments(options: { pool: pg.Pool; runId: number; keys: string[] }): Promise<Map<string, TPrincipalDocuments>> {
  const { pool, runId } = options;
  const keys = [...new Set(options.keys)].filter((key) => /^\d{12}\/[\w-]+$/.test(key));
  const result = new Map<string, TPrincipalDocuments>();
  if (keys.length === 0) return result;
  const asOf = "valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)";
  const { rows: entities } = await pool.query(
    `SELECT scope || '/' || key AS "principalKey", scope, data FROM snapshot_record WHERE kind IN ('iam.role', 'iam.user') AND scope || '/' || key = ANY($1) AND ${asOf}`,
    [keys, runId],
  );
  const groupIds = entities.flatMap((e) => ((e.data as TEntity).groups ?? []).map((name) => `${e.scope}|${name}`));
  const { rows: groups } = await pool.query(
    `SELECT scope || '|' || name AS id, scope, name, data FROM snapshot_record WHERE kind = 'iam.group' AND scope || '|' || name = ANY($1) AND ${asOf}`,
    [[...new Set(groupIds)], runId],
  );
  const holders = [...entities, ...groups] as Array<{ scope: string; data: TEntity }>;
  const { rows: managed } = await pool.query(
    `SELECT s.scope || '|' || s.arn AS id, v->>'documentHash' AS hash FROM snapshot_record s CROSS JOIN LATERAL jsonb_array_elements(s.data->'versions') v
     WHERE s.kind = 'iam.policy' AND s.scope || '|' || s.arn = ANY($1) AND (v->>'isDefault')::boolean AND s.valid_from <= $2 AND (s.valid_to IS NULL OR s.valid_to > $2)`,
    [[...new Set(holders.flatMap((h) => (h.data.attachedPolicies ?? []).map((p) => `${h.scope}|${p.arn}`)))], runId],
  );
  const managedHash = new Map(managed.map((m) => [m.id as string, m.hash as string]));
  const policiesOf = (h: { scope: string; data: TEntity }, via: string) => [
    ...(h.data.attachedPolicies ?? []).map((p) => ({ name: `${p.name ?? p.arn.split("/").pop()}${via}`, hash: managedHash.get(`${h.scope}|${p.arn}`) })),
    ...(h.data.inlinePolicies ?? []).map((p) => ({ name: `${p.name ?? "inline"} (inline)${via}`, hash: p.documentHash })),
  ];
  const wanted = entities.map((e) => ({
    key: e.principalKey as string, trustHash: (e.data as TEntity).trust?.documentHash,
    policies: [...policiesOf(e, ""), ...groups.filter((g) => ((e.data as TEntity).groups ?? []).some((n) => g.id === `${e.scope}|${n}`)).flatMap((g) => policiesOf(g, ` via group ${g.name}`))],
  }));
  const hashes = [...new Set(wanted.flatMap((w) => [w.trustHash, ...w.policies.map((p) => p.hash)]).filter((h): h is string => Boolean(h)))];
  const { rows: docs } = await pool.query("SELECT hash, document FROM policy_document WHERE hash = ANY($1)", [hashes]);
  const documentOf = new Map(docs.map((d) => [d.hash as string, d.document as unknown]));
  for (const w of wanted) {
    result.set(w.key, {
      trust: w.trustHash ? documentOf.get(w.trustHash) ?? null : null,
      identity: w.policies.filter((p) => p.hash && documentOf.has(p.hash)).map((p) => ({ name: p.name, document: documentOf.get(p.hash!) })),
    });
  }
  return result;
}
