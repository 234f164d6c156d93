import type pg from "pg";
import { diffResourceExposure, type TResourceExposureDiff } from "./resources/diff-resource-exposure";

type TPrincipalRef = { key: string; kind: string; name: string; accountId: string | null };
type TAccessRow = { principal_key: string; name: string; account_id: string | null; admin_equivalent: boolean; levels: string[] };

export type TSnapshotDiff = {
  fromRun: number;
  toRun: number;
  principalsAdded: TPrincipalRef[];
  principalsRemoved: TPrincipalRef[];
  newAdminEquivalents: TPrincipalRef[];
  noLongerAdminEquivalent: TPrincipalRef[];
  newExternalTrusts: Array<{ roleKey: string; accountId: string; partyKind: string; party: string }>;
  removedExternalTrusts: Array<{ roleKey: string; accountId: string; partyKind: string; party: string }>;
  keysAdded: Array<{ id: string; accountId: string; userName: string }>;
  keysRemoved: Array<{ id: string; accountId: string; userName: string }>;
  /** Principals present in both whose (service, access level) grants grew or shrank. */
  permissionsWidened: Array<{ principalKey: string; name: string; added: string[] }>;
  permissionsNarrowed: Array<{ principalKey: string; name: string; removed: string[] }>;
  /** Resources newly public, newly shared outside the organization, no longer public. */
  resources: TResourceExposureDiff;
};

const PRINCIPAL_KINDS = { "iam.user": "iam-user", "iam.role": "iam-role", "sso.user": "sso-user" } as const;

async function principalsAt(pool: pg.Pool, runId: number): Promise<Map<string, TPrincipalRef>> {
  const { rows } = await pool.query(
    `SELECT scope, kind, key, name FROM snapshot_record WHERE kind = ANY($2)
       AND valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)`,
    [runId, Object.keys(PRINCIPAL_KINDS)],
  );
  return new Map(rows.map((r) => {
    const key = r.kind === "sso.user" ? `sso/${r.key}` : `${r.scope}/${r.key}`;
    return [key, { key, kind: PRINCIPAL_KINDS[r.kind as keyof typeof PRINCIPAL_KINDS], name: r.name ?? r.key, accountId: r.kind === "sso.user" ? null : r.scope }];
  }));
}

async function analysisOf(pool: pg.Pool, runId: number): Promise<number> {
  const { rows } = await pool.query("SELECT max(id)::int AS id FROM analysis_run WHERE collection_run_id = $1 AND status = 'succeeded'", [runId]);
  if (!rows[0].id) throw new Error(`run ${runId} has no successful analysis: run \`npm run analyze -- --run ${runId}\``);
  return rows[0].id;
}

async function accessOf(pool: pg.Pool, analysisId: number): Promise<Map<string, TAccessRow>> {
  const { rows } = await pool.query<TAccessRow>(
    `SELECT principal_key, name, account_id, admin_equivalent,
       ARRAY(SELECT s || ':' || l FROM (VALUES ('List', list_services), ('Read', read_services), ('Write', write_services),
         ('Permissions management', permissions_services), ('Tagging', tagging_services)) AS v(l, arr), unnest(v.arr) AS s) AS levels
     FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1))`,
    [analysisId],
  );
  return new Map(rows.map((r) => [r.principal_key, r]));
}

async function externalTrustsOf(pool: pg.Pool, analysisId: number) {
  const { rows } = await pool.query(
    `SELECT role_key AS "roleKey", account_id AS "accountId", party_kind AS "partyKind", party FROM external_trust
     WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND party_kind <> 'service'`,
    [analysisId],
  );
  return new Map(rows.map((r) => [`${r.roleKey}|${r.party}`, r]));
}

async function keysAt(pool: pg.Pool, runId: number) {
  const { rows } = await pool.query(
    `SELECT key AS id, scope AS "accountId", data->>'userName' AS "userName" FROM snapshot_record
     WHERE kind = 'iam.access-key' AND valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)`,
    [runId],
  );
  return new Map(rows.map((r) => [r.id as string, r]));
}

const minus = <K, V>(a: Map<K, V>, b: Map<K, V>) => [...a.entries()].filter(([k]) => !b.has(k)).map(([, v]) => v);

/** What changed between two snapshots: who appeared or left, who became admin, new trusts and keys, grants widened or narrowed. */
export async function diffSnapshots(options: { pool: pg.Pool; fromRun: number; toRun: number }): Promise<TSnapshotDiff> {
  const { pool, fromRun, toRun } = options;
  if (fromRun === toRun) throw new Error("fromRun and toRun are the same run");
  const [fromPrincipals, toPrincipals, fromKeys, toKeys] = await Promise.all([principalsAt(pool, fromRun), principalsAt(pool, toRun), keysAt(pool, fromRun), keysAt(pool, toRun)]);
  const [fromAnalysis, toAnalysis] = await Promise.all([analysisOf(pool, fromRun), analysisOf(pool, toRun)]);
  const [fromAccess, toAccess, fromTrusts, toTrusts] = await Promise.all([accessOf(pool, fromAnalysis), accessOf(pool, toAnalysis), externalTrustsOf(pool, fromAnalysis), externalTrustsOf(pool, toAnalysis)]);
  const ref = (r: TAccessRow): TPrincipalRef => toPrincipals.get(r.principal_key) ?? fromPrincipals.get(r.principal_key) ?? { key: r.principal_key, kind: "unknown", name: r.name, accountId: r.account_id };
  const widened: TSnapshotDiff["permissionsWidened"] = [];
  const narrowed: TSnapshotDiff["permissionsNarrowed"] = [];
  for (const [key, after] of toAccess) {
    const before = fromAccess.get(key);
    if (!before) continue;
    const was = new Set(before.levels);
    const now = new Set(after.levels);
    const added = [...now].filter((x) => !was.has(x)).sort();
    const removed = [...was].filter((x) => !now.has(x)).sort();
    if (added.length) widened.push({ principalKey: key, name: after.name, added });
    if (removed.length) narrowed.push({ principalKey: key, name: after.name, removed });
  }
  return {
    fromRun, toRun,
    principalsAdded: minus(toPrincipals, fromPrincipals),
    principalsRemoved: minus(fromPrincipals, toPrincipals),
    newAdminEquivalents: [...toAccess.values()].filter((r) => r.admin_equivalent && !fromAccess.get(r.principal_key)?.admin_equivalent).map(ref),
    noLongerAdminEquivalent: [...fromAccess.values()].filter((r) => r.admin_equivalent && toAccess.has(r.principal_key) && !toAccess.get(r.principal_key)!.admin_equivalent).map(ref),
    newExternalTrusts: minus(toTrusts, fromTrusts),
    removedExternalTrusts: minus(fromTrusts, toTrusts),
    keysAdded: minus(toKeys, fromKeys),
    keysRemoved: minus(fromKeys, toKeys),
    permissionsWidened: widened,
    permissionsNarrowed: narrowed,
    resources: await diffResourceExposure({ pool, fromAnalysis, toAnalysis }),
  };
}
