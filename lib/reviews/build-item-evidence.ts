import type pg from "pg";
import type { TEvidenceAccess, TEvidenceAssignment, TItemEvidence } from "./item-evidence";
import type { TAccessDraft } from "./select-review-access";
import { readSnapshotRows, type TSnapshotRow } from "./snapshot-as-of";

type TEvidenceResult = { evidence: TItemEvidence; identities: string[] };
const DAY = 86_400_000;
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const ageDays = (v: unknown, now: Date) => (v ? Math.floor((now.getTime() - new Date(v as string).getTime()) / DAY) : null);
const splitKey = (key: string) => { const i = key.indexOf("/"); return { scope: key.slice(0, i), id: key.slice(i + 1) }; };

function toAccess(row: Record<string, any>): TEvidenceAccess {
  return {
    principalKey: row.principal_key, principalName: row.name, adminEquivalent: row.admin_equivalent, adminDefinite: row.admin_definite,
    servicesByLevel: { list: row.list_services ?? [], read: row.read_services ?? [], write: row.write_services ?? [], permissions: row.permissions_services ?? [], tagging: row.tagging_services ?? [] },
    grantedServices: row.granted_services, usedServices: row.used_services,
    adminPaths: (row.admin_paths ?? []).map((p: Record<string, any>) => ({ id: p.id, kind: p.kind, description: p.description, actions: p.actions ?? [] })),
  };
}

/** The people behind a principal: email-looking tag values and the user name (IAM), emails and names (Identity Center). */
function identitiesOf(draft: TAccessDraft, record: TSnapshotRow | undefined): string[] {
  const out = new Set<string>();
  if (draft.principalKind === "iam-user") {
    out.add(draft.principalName);
    for (const value of Object.values((record?.data.tags as Record<string, string>) ?? {})) if (/@/.test(value)) out.add(value);
  } else if (draft.principalKind === "sso-user") {
    out.add(draft.principalName);
    for (const email of (record?.data.emails as string[]) ?? []) out.add(email);
    if (record?.data.displayName) out.add(String(record.data.displayName));
  }
  return [...out].map((v) => v.trim().toLowerCase()).filter(Boolean);
}

/** Evidence for every draft in a few batched queries over the pinned analysis and run. */
export async function buildItemEvidence(options: { db: pg.Pool | pg.PoolClient; analysisId: number; runId: number; drafts: TAccessDraft[]; now: Date }): Promise<TEvidenceResult[]> {
  const { db, analysisId, runId, drafts, now } = options;
  const keys = [...new Set(drafts.flatMap((d) => [d.principalKey, d.accessKey, ...d.hops.flatMap((h) => [h.from, h.to])]))];
  const access = new Map((await db.query("SELECT * FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND principal_key = ANY($2::text[])", [analysisId, keys])).rows.map((r) => [r.principal_key as string, r]));
  // Key findings are about the key (resource_key) and name the user in evidence.userKey.
  const findings = (await db.query(`SELECT id, rule, severity, title, coalesce(evidence->>'userKey', resource_key) AS owner_key FROM finding
     WHERE status = 'open' AND (resource_key = ANY($1::text[]) OR evidence->>'userKey' = ANY($1::text[])) ORDER BY id`, [keys])).rows;
  const trusts = (await db.query("SELECT role_key, party_kind, party, condition_keys, known_vendor FROM external_trust WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND role_key = ANY($2::text[]) ORDER BY id", [analysisId, keys])).rows;
  const scopes = [...new Set(drafts.flatMap((d) => [d.principalAccountId, d.accountId]).filter((s): s is string => !!s)), "org"];
  const records = await readSnapshotRows({ db, runId, scopes, kinds: ["iam.user", "iam.role", "iam.access-key", "iam.last-accessed", "sso.user", "sso.assignment", "sso.membership", "sso.instance", "sso.group"] });
  const byKey = new Map(records.filter((r) => r.kind !== "iam.access-key" && r.kind.startsWith("iam.")).map((r) => [`${r.kind}:${r.scope}/${r.key}`, r]));
  const ssoUsers = new Map(records.filter((r) => r.kind === "sso.user").map((r) => [`sso/${r.key}`, r]));
  const instance = records.find((r) => r.kind === "sso.instance");
  const displayName = (key: string) => access.get(key)?.name ?? key;

  return drafts.map((draft) => {
    const own = splitKey(draft.principalKey);
    const principalRecord = draft.principalKind === "sso-user" ? ssoUsers.get(draft.principalKey)
      : byKey.get(`${draft.principalKind === "iam-user" ? "iam.user" : "iam.role"}:${draft.principalKey}`);
    const target = access.get(draft.accessKey);
    const advisor = byKey.get(`iam.last-accessed:${draft.accessKey}`);
    const keysOfUser = draft.principalKind === "iam-user" ? records.filter((r) => r.kind === "iam.access-key" && r.scope === own.scope && r.data.userId === own.id) : [];
    const assignments: TEvidenceAssignment[] = [];
    if (draft.accessKind === "sso-assignment") {
      const hop = draft.hops[0];
      const groups = new Set(records.filter((r) => r.kind === "sso.membership" && r.data.userId === own.id).map((r) => String(r.data.groupId)));
      const groupNames = new Map(records.filter((r) => r.kind === "sso.group").map((r) => [r.key, r.name]));
      for (const a of records.filter((r) => r.kind === "sso.assignment" && r.data.accountId === draft.accountId && r.data.permissionSetName === hop?.permissionSetName)) {
        const principalId = String(a.data.principalId);
        const mine = a.data.principalType === "USER" ? principalId === own.id : groups.has(principalId);
        if (!mine) continue;
        assignments.push({
          instanceArn: String(a.data.instanceArn), identityStoreId: (instance?.data.identityStoreId as string) ?? null,
          permissionSetArn: String(a.data.permissionSetArn), permissionSetName: String(a.data.permissionSetName),
          principalType: a.data.principalType === "GROUP" ? "GROUP" : "USER", principalId, groupName: hop?.throughGroup ?? groupNames.get(principalId) ?? null,
        });
      }
    }
    const evidence: TItemEvidence = {
      accessKind: draft.accessKind,
      access: target ? toAccess(target) : null,
      lastUsedAt: iso(target?.last_used),
      accessAdvisorAt: iso(advisor?.data.jobCompletionDate),
      accessAdvisorAgeDays: ageDays(advisor?.data.jobCompletionDate, now),
      accessKeys: keysOfUser.map((k) => ({ accessKeyId: k.key, status: String(k.data.status), createdAt: iso(k.data.createDate), ageDays: ageDays(k.data.createDate, now), lastUsedAt: iso(k.data.lastUsedDate) })),
      findings: findings.filter((f) => f.owner_key === draft.principalKey || f.owner_key === draft.accessKey).map((f) => ({ id: f.id, rule: f.rule, severity: f.severity, title: f.title })),
      hops: draft.hops.map((h) => ({ ...h, fromName: displayName(h.from), toName: displayName(h.to) })),
      trustParties: trusts.filter((t) => t.role_key === draft.accessKey).map((t) => ({ partyKind: t.party_kind, party: t.party, conditionKeys: t.condition_keys ?? [], knownVendor: t.known_vendor })),
      grants: draft.accessKind === "direct" && principalRecord && draft.principalKind !== "sso-user" ? {
        attachedPolicies: ((principalRecord.data.attachedPolicies as { arn: string; name: string }[]) ?? []).map((p) => ({ arn: p.arn, name: p.name })),
        inlinePolicies: ((principalRecord.data.inlinePolicies as { name: string }[]) ?? []).map((p) => p.name),
        groups: (principalRecord.data.groups as string[]) ?? [],
      } : null,
      assignments,
    };
    return { evidence, identities: identitiesOf(draft, principalRecord) };
  });
}
