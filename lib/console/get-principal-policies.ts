import "server-only";
import type pg from "pg";
import { policySegments, type TPolicySegment } from "./get-principal-policy-segments";

export type TPrincipalPolicy = {
  source: "managed" | "inline" | "group-managed" | "group-inline" | "boundary" | "trust";
  name: string;
  arn: string | null;
  /** The group the policy comes through, for group policies. */
  group: string | null;
  versionId: string | null;
  segments: TPolicySegment[];
  highlighted: number;
};

type TAttached = { arn: string; name: string };
type TInline = { name: string; documentHash: string };
type TEntity = { attachedPolicies?: TAttached[]; inlinePolicies?: TInline[]; permissionsBoundary?: string | null };

/**
 * Every policy that applies to the principal, as stored in the snapshot of `runId`: its
 * managed and inline policies, those of its groups, its permission boundary and (roles) its
 * trust policy, each split into statements with those granting `actions` / `service` marked.
 */
export async function getPrincipalPolicies(options: {
  pool: pg.Pool; runId: number; accountId: string; entity: TEntity & { trust?: { documentHash?: string } };
  groups: Array<{ name: string; data: TEntity }>; actions: string[]; service?: string;
}): Promise<TPrincipalPolicy[]> {
  const { entity } = options;
  const wanted: Array<Omit<TPrincipalPolicy, "segments" | "highlighted" | "versionId"> & { hash?: string }> = [];
  const addEntity = (data: TEntity, group: string | null) => {
    for (const p of data.attachedPolicies ?? []) wanted.push({ source: group ? "group-managed" : "managed", name: p.name, arn: p.arn, group });
    for (const p of data.inlinePolicies ?? []) wanted.push({ source: group ? "group-inline" : "inline", name: p.name, arn: null, group, hash: p.documentHash });
  };
  addEntity(entity, null);
  for (const g of options.groups) addEntity(g.data, g.name);
  if (entity.permissionsBoundary) wanted.push({ source: "boundary", name: entity.permissionsBoundary.split("/").pop() ?? "boundary", arn: entity.permissionsBoundary, group: null });
  if (entity.trust?.documentHash) wanted.push({ source: "trust", name: "Trust policy", arn: null, group: null, hash: entity.trust.documentHash });

  const arns = [...new Set(wanted.filter((w) => w.arn).map((w) => w.arn!))];
  // Managed policies are stored per account (AWS managed ones too); pick each one's default version.
  const { rows: managed } = await options.pool.query(
    `SELECT s.arn, v->>'versionId' AS "versionId", v->>'documentHash' AS hash FROM snapshot_record s
     CROSS JOIN LATERAL jsonb_array_elements(s.data->'versions') v
     WHERE s.scope = $1 AND s.kind = 'iam.policy' AND s.arn = ANY($2) AND (v->>'isDefault')::boolean
       AND s.valid_from <= $3 AND (s.valid_to IS NULL OR s.valid_to > $3)`,
    [options.accountId, arns, options.runId],
  );
  const versionOf = new Map(managed.map((r) => [r.arn as string, r as { versionId: string; hash: string }]));
  const hashes = [...new Set([...wanted.map((w) => w.hash), ...managed.map((r) => r.hash)].filter(Boolean))];
  const { rows: docs } = await options.pool.query("SELECT hash, document FROM policy_document WHERE hash = ANY($1)", [hashes]);
  const documentOf = new Map(docs.map((d) => [d.hash as string, d.document]));
  return wanted.map(({ hash, ...w }) => {
    const version = w.arn ? versionOf.get(w.arn) : undefined;
    const document = documentOf.get(hash ?? version?.hash ?? "");
    // The trust policy is shown, never highlighted: it grants assumption, not permissions.
    const segments = document === undefined
      ? [{ text: "document not in the snapshot", highlight: false }]
      : policySegments({ document, actions: w.source === "trust" ? [] : options.actions, service: w.source === "trust" ? undefined : options.service });
    return { ...w, versionId: version?.versionId ?? null, segments, highlighted: segments.filter((s) => s.highlight).length };
  });
}
