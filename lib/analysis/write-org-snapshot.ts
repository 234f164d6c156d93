// Writes a generated organization (generate-org-model.ts) into Postgres as one collection
// run's snapshot, record for record as the collector stores it (lib/collect/: the same
// kinds, keys and data shapes, policy documents once by content hash), so the product's
// own analysis (loadOrgModel, the analyze-snapshot job) can read it: what the analysis
// benchmark and its tests analyse. Accounts are written one after another through
// storeRecords (bulk inserts; an unchanged record adds no version), so a second run of a
// partly changed model only versions what changed, as a real re-collection does.
import { createHash } from "node:crypto";
import os from "node:os";
import type pg from "pg";
import { countResources, countSnapshot } from "../collect/finish-run";
import { contentHash } from "../snapshot/canonical-json";
import { storePolicyDocuments, storeRecords } from "../snapshot/store-records";
import type { TRecordBatch, TSnapshotRecord, TStoreStats } from "../snapshot/types";
import { RESOURCE_TYPES } from "../resources/resource-model";
import { ACCOUNT_SETTINGS_KIND, REGION_STATUS_KIND, accountSettingsRecord, regionStatusRecord, resourceKind, resourceRecord } from "../resources/resource-records";
import type { TAccount, TOrgModel, TPolicyDocRef, TPrincipal } from "./model";

const INSTANCE_ARN = "arn:aws:sso:::instance/ssoins-gen1";
const IDENTITY_STORE_ID = "d-gen0000001";
const FIXED_DATE = "2020-01-01T00:00:00.000Z";
const isAwsManaged = (arn: string) => /^arn:aws[\w-]*:iam::aws:policy\//.test(arn);

export type TWrittenSnapshot = { runId: number; stored: TStoreStats; documents: number; seconds: number };

/**
 * Policy documents by content hash, hashed once per document object (the generator shares
 * one object wherever the text is equal) and stored once per database.
 */
function createDocumentStore(pool: pg.Pool) {
  const hashes = new WeakMap<object, string>();
  const stored = new Set<string>();
  let pending = new Map<string, unknown>();
  return {
    hash(document: unknown): string {
      const cached = typeof document === "object" && document !== null ? hashes.get(document) : undefined;
      if (cached) return cached;
      const hash = contentHash(document);
      if (typeof document === "object" && document !== null) hashes.set(document, hash);
      if (!stored.has(hash)) pending.set(hash, document);
      return hash;
    },
    /** Resources register theirs through resourceRecord's map: keep only the new ones. */
    adopt(documents: Map<string, unknown>) {
      for (const [hash, document] of documents) if (!stored.has(hash)) pending.set(hash, document);
    },
    async flush(): Promise<number> {
      if (pending.size === 0) return 0;
      const batch = pending;
      pending = new Map();
      for (const hash of batch.keys()) stored.add(hash);
      await storePolicyDocuments({ pool, documents: batch });
      return batch.size;
    },
    get size() {
      return stored.size;
    },
  };
}
type TDocumentStore = ReturnType<typeof createDocumentStore>;

function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

const policyId = (arn: string) => `ANPA${createHash("sha1").update(arn).digest("hex").slice(0, 17).toUpperCase()}`;
const byString = <T>(key: (item: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));

/**
 * Writes `model` as a new, succeeded collection run and returns its id. `concurrency`
 * accounts are stored at once (each in its own transaction).
 */
export async function writeOrgSnapshot(options: { pool: pg.Pool; model: TOrgModel; trigger?: string; concurrency?: number; onProgress?: (done: number, total: number) => void }): Promise<TWrittenSnapshot> {
  const { pool, model } = options;
  const started = performance.now();
  const { rows: [run] } = await pool.query<{ id: number }>(
    "INSERT INTO collection_run (trigger, mode, host, pid, options) VALUES ($1, 'organization', $2, $3, $4) RETURNING id",
    [options.trigger ?? "generated", os.hostname(), process.pid, JSON.stringify({ generated: true })],
  );
  const runId = run.id;
  const stored: TStoreStats = { inserted: 0, closed: 0, unchanged: 0 };
  const add = (stats: TStoreStats) => {
    stored.inserted += stats.inserted;
    stored.closed += stats.closed;
    stored.unchanged += stats.unchanged;
  };
  const documents = createDocumentStore(pool);
  await pool.query(
    `INSERT INTO account_run (run_id, account_id, account_name, status, started_at, finished_at, duration_ms)
     SELECT $1, id, name, status::"AccountRunStatus", now(), now(), 0 FROM unnest($2::text[], $3::text[], $4::text[]) AS t(id, name, status)`,
    [runId, model.accounts.map((a) => a.id), model.accounts.map((a) => a.name), model.accounts.map((a) => (a.collected ? "succeeded" : "skipped"))],
  );

  const principalsByAccount = groupBy(model.principals, (p) => p.accountId);
  const index = {
    principals: principalsByAccount,
    groups: groupBy(model.groups, (g) => g.accountId),
    keys: groupBy(model.accessKeys, (k) => k.accountId),
    report: groupBy(model.credentialReport, (r) => r.accountId),
    settings: new Map(model.accountSettings.map((s) => [s.accountId, s])),
    customerPolicies: groupBy(model.customerManagedPolicies ?? [], (p) => p.accountId),
    resources: groupBy(model.resources, (r) => r.accountId),
    resourceSettings: new Map(model.accountResourceSettings.map((s) => [s.accountId, s])),
    regions: groupBy(model.regionStatus, (r) => r.accountId),
  };
  const orgBatches = organizationBatches({ model, documents });
  const roleArns = new Map<string, string>();
  const wantedRoles = new Set(model.identityCenter.assignments.map((a) => a.roleKey).filter((key): key is string => key !== null));
  for (const p of model.principals) if (wantedRoles.has(p.key) && p.arn) roleArns.set(p.key, p.arn);
  orgBatches.push(assignmentRoleBatch({ model, roleArns }));
  await documents.flush();
  add(await storeRecords({ pool, runId, scope: "org", batches: orgBatches }));

  const accounts = model.accounts.filter((a) => a.collected);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < accounts.length) {
      const account = accounts[next++];
      const batches = accountBatches({ account, index, documents });
      await documents.flush();
      add(await storeRecords({ pool, runId, scope: account.id, batches }));
      options.onProgress?.(++done, accounts.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));

  const counts = await countSnapshot({ pool, runId });
  const resources = await countResources({ pool, runId });
  const accountCounts = { succeeded: accounts.length, partial: 0, failed: 0, skipped: model.accounts.length - accounts.length };
  const summary = { runId, status: "succeeded", accountsDiscovered: model.accounts.length, accounts: accountCounts, counts, apiCalls: { accounts: 0, organization: 0, total: 0 }, identityCenterRegion: "us-east-1", resources, generated: true };
  await pool.query("UPDATE collection_run SET status = 'succeeded', finished_at = now(), summary = $2 WHERE id = $1", [runId, JSON.stringify(summary)]);
  return { runId, stored, documents: documents.size, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------- organization-wide records

function organizationBatches(options: { model: TOrgModel; documents: TDocumentStore }): TRecordBatch[] {
  const { model, documents } = options;
  const management = model.managementAccountId;
  const roots = new Set<string>();
  const ous = new Map<string, { name: string; path: string[]; parentId: string }>();
  for (const account of model.accounts) {
    roots.add(account.ouPath[0]);
    account.ouPath.slice(1).forEach((ouId, i) => ous.set(ouId, { name: account.ouNames[i], path: account.ouNames.slice(0, i + 1), parentId: account.ouPath[i] }));
  }
  const targetType = (id: string) => (roots.has(id) ? "ROOT" : ous.has(id) ? "ORGANIZATIONAL_UNIT" : "ACCOUNT");
  const accountNames = new Map(model.accounts.map((a) => [a.id, a.name]));
  const targetName = (id: string) => (roots.has(id) ? "Root" : ous.get(id)?.name ?? accountNames.get(id) ?? id);
  const orgPolicy = (p: TOrgModel["scps"][number]): TSnapshotRecord => {
    const type = p.kind === "rcp" ? "RESOURCE_CONTROL_POLICY" : "SERVICE_CONTROL_POLICY";
    return {
      kind: "org.policy", key: p.id, name: p.name, arn: `arn:aws:organizations::${management}:policy/${model.organizationId}/${type.toLowerCase()}/${p.id}`,
      data: {
        type, description: "", awsManaged: /^p-(RCP)?FullAWSAccess$/.test(p.id), documentHash: documents.hash(p.document),
        targets: p.targets.map((targetId) => ({ targetId, type: targetType(targetId), name: targetName(targetId) })).sort(byString((t) => t.targetId)),
      },
    };
  };
  const ic = model.identityCenter;
  const provisioned = groupBy(ic.assignments, (a) => a.permissionSetArn);
  const assignments = new Map<string, TSnapshotRecord>();
  for (const a of ic.assignments) {
    const key = `${a.permissionSetArn}|${a.accountId}|${a.principalType}|${a.principalId}`;
    assignments.set(key, { kind: "sso.assignment", key, data: {
      instanceArn: INSTANCE_ARN, permissionSetArn: a.permissionSetArn, permissionSetName: a.permissionSetName, accountId: a.accountId, principalType: a.principalType, principalId: a.principalId,
    } });
  }
  const ssoUsers = model.principals.filter((p) => p.kind === "sso-user");
  const batch = (kind: string, records: TSnapshotRecord[]): TRecordBatch => ({ kind, mode: "replace", records });
  return [
    batch("org.organization", model.organizationId ? [{ kind: "org.organization", key: model.organizationId, name: model.organizationId, arn: `arn:aws:organizations::${management}:organization/${model.organizationId}`, data: { managementAccountId: management, managementAccountEmail: null, featureSet: "ALL" } }] : []),
    batch("org.root", [...roots].map((key) => ({ kind: "org.root", key, name: "Root", arn: `arn:aws:organizations::${management}:root/${model.organizationId}/${key}`, data: { policyTypes: [{ type: "SERVICE_CONTROL_POLICY", status: "ENABLED" }, { type: "RESOURCE_CONTROL_POLICY", status: "ENABLED" }] } }))),
    batch("org.ou", [...ous].map(([key, ou]) => ({ kind: "org.ou", key, name: ou.name, arn: `arn:aws:organizations::${management}:ou/${model.organizationId}/${key}`, data: { parentId: ou.parentId, path: ou.path, tags: {} } }))),
    batch("org.account", model.accounts.map((a) => ({ kind: "org.account", key: a.id, name: a.name, arn: null, data: { email: `aws+${a.id}@example.com`, status: a.status, state: null, parentId: a.ouPath.at(-1) ?? null, ouPath: a.ouPath, tags: a.tags } }))),
    batch("org.policy", [...model.scps, ...model.rcps].map(orgPolicy)),
    batch("sso.instance", ic.permissionSets.length ? [{ kind: "sso.instance", key: INSTANCE_ARN, name: "ssoins-gen1", arn: INSTANCE_ARN, data: { identityStoreId: IDENTITY_STORE_ID, ownerAccountId: management, status: "ACTIVE" } }] : []),
    batch("sso.permission-set", ic.permissionSets.map((ps) => ({
      kind: "sso.permission-set", key: ps.arn, name: ps.name, arn: ps.arn,
      data: {
        instanceArn: INSTANCE_ARN, description: "", sessionDuration: "PT8H", managedPolicies: [...ps.managedPolicyArns].sort(), customerManagedPolicies: ps.customerManagedPolicies,
        inlinePolicyHash: ps.inlinePolicy ? documents.hash(ps.inlinePolicy.document) : null, permissionsBoundary: ps.permissionsBoundary,
        provisionedAccounts: [...new Set((provisioned.get(ps.arn) ?? []).map((a) => a.accountId))].sort(),
      },
    }))),
    batch("sso.assignment", [...assignments.values()]),
    batch("sso.user", ssoUsers.map((u) => ({ kind: "sso.user", key: u.id, name: u.name, arn: null, data: { identityStoreId: IDENTITY_STORE_ID, displayName: u.name, emails: [...u.emails].sort() } }))),
    batch("sso.group", ic.groups.map((g) => ({ kind: "sso.group", key: g.id, name: g.name, arn: null, data: { identityStoreId: IDENTITY_STORE_ID, description: null } }))),
    batch("sso.membership", ic.groups.flatMap((g) => [...new Set(g.memberIds)].map((userId) => ({ kind: "sso.membership", key: `${g.id}|${userId}`, data: { groupId: g.id, userId } })))),
  ];
}

/** What the collector's finish step links: each assignment to the AWSReservedSSO role it made. */
function assignmentRoleBatch(options: { model: TOrgModel; roleArns: Map<string, string> }): TRecordBatch {
  const links = new Map<string, TSnapshotRecord>();
  for (const a of options.model.identityCenter.assignments) {
    const key = `${a.permissionSetArn}|${a.accountId}|${a.principalType}|${a.principalId}`;
    const roleId = a.roleKey ? a.roleKey.slice(a.roleKey.indexOf("/") + 1) : null;
    links.set(key, { kind: "sso.assignment-role", key, data: { accountId: a.accountId, permissionSetName: a.permissionSetName, roleId, roleArn: a.roleKey ? options.roleArns.get(a.roleKey) ?? null : null } });
  }
  return { kind: "sso.assignment-role", mode: "replace", records: [...links.values()] };
}

// ---------------------------------------------------------------- one account

type TIndex = {
  principals: Map<string, TPrincipal[]>;
  groups: Map<string, TOrgModel["groups"]>;
  keys: Map<string, TOrgModel["accessKeys"]>;
  report: Map<string, TOrgModel["credentialReport"]>;
  settings: Map<string, TOrgModel["accountSettings"][number]>;
  customerPolicies: Map<string, NonNullable<TOrgModel["customerManagedPolicies"]>>;
  resources: Map<string, TOrgModel["resources"]>;
  resourceSettings: Map<string, TOrgModel["accountResourceSettings"][number]>;
  regions: Map<string, TOrgModel["regionStatus"]>;
};

function accountBatches(options: { account: TAccount; index: TIndex; documents: TDocumentStore }): TRecordBatch[] {
  const { account, index, documents } = options;
  const accountId = account.id;
  const principals = index.principals.get(accountId) ?? [];
  const groups = index.groups.get(accountId) ?? [];
  // Managed policies the account's entities use, with the counts AWS reports for them.
  const managed = new Map<string, { ref: TPolicyDocRef; attachments: number; boundaries: number }>();
  const use = (ref: TPolicyDocRef, field: "attachments" | "boundaries") => {
    let entry = managed.get(ref.id);
    if (!entry) managed.set(ref.id, (entry = { ref, attachments: 0, boundaries: 0 }));
    entry[field]++;
  };
  const links = (refs: TPolicyDocRef[]) => {
    const attached: Array<{ arn: string; name: string }> = [];
    const inline: Array<{ name: string; documentHash: string }> = [];
    for (const ref of refs) {
      if (ref.kind === "inline" || ref.kind === "permission-set-inline") inline.push({ name: ref.name, documentHash: documents.hash(ref.document) });
      else {
        attached.push({ arn: ref.id, name: ref.name });
        use(ref, "attachments");
      }
    }
    return { attachedPolicies: attached.sort(byString((p) => p.arn)), inlinePolicies: inline.sort(byString((p) => p.name)) };
  };
  const boundary = (ref: TPolicyDocRef | null) => {
    if (!ref) return null;
    use(ref, "boundaries");
    return ref.id;
  };
  const users: TSnapshotRecord[] = [];
  const roles: TSnapshotRecord[] = [];
  const roleUsage: TSnapshotRecord[] = [];
  const lastAccessed: TSnapshotRecord[] = [];
  for (const p of principals) {
    if (p.kind === "iam-user") {
      users.push({ kind: "iam.user", key: p.id, name: p.name, arn: p.arn, data: {
        path: p.path, createDate: p.createDate, groups: [...p.groups].sort(), ...links(p.identityPolicies), permissionsBoundary: boundary(p.permissionsBoundary), tags: p.tags,
      } });
    } else if (p.kind === "iam-role") {
      roles.push({ kind: "iam.role", key: p.id, name: p.name, arn: p.arn, data: {
        path: p.path, createDate: p.createDate, trust: { documentHash: documents.hash(p.trustPolicy), principals: p.trustPrincipals },
        ...links(p.identityPolicies), permissionsBoundary: boundary(p.permissionsBoundary),
        instanceProfiles: Array.from({ length: p.instanceProfileCount }, (_, i) => ({ id: `AIPA${p.id.slice(4)}${i || ""}`, name: i ? `${p.name}-${i + 1}` : p.name, arn: `arn:aws:iam::${accountId}:instance-profile/${i ? `${p.name}-${i + 1}` : p.name}` })),
        tags: p.tags,
      } });
      roleUsage.push({ kind: "iam.role-usage", key: p.id, name: p.name, arn: p.arn, data: { lastUsedDate: p.lastUsed, lastUsedRegion: p.lastUsed ? "eu-central-1" : null } });
    }
    if (p.lastAccessed) {
      const la = p.lastAccessed;
      lastAccessed.push({ kind: "iam.last-accessed", key: p.id, name: p.name, arn: p.arn, data: {
        principalType: p.kind === "iam-user" ? "user" : "role", granularity: "ACTION_LEVEL", jobCreationDate: la.jobCompletionDate, jobCompletionDate: la.jobCompletionDate,
        usedServices: la.usedServices.map((s) => ({
          namespace: s.namespace, name: s.namespace, lastAuthenticated: s.lastAuthenticated, lastAuthenticatedEntity: p.arn, lastAuthenticatedRegion: s.lastAuthenticated ? "eu-central-1" : null,
          totalAuthenticatedEntities: 1, actions: s.actions.map((a) => ({ action: a.action, lastAccessed: a.lastAccessed, region: null, entity: null })).sort(byString((a) => a.action)), actionLevel: s.actionLevel,
        })).sort(byString((s) => s.namespace)),
        unusedServices: [...la.unusedServices].sort(),
      } });
    }
  }
  const groupRecords = groups.map((g): TSnapshotRecord => ({ kind: "iam.group", key: g.key.slice(g.key.indexOf("/") + 1), name: g.name, arn: g.arn, data: { path: "/", createDate: FIXED_DATE, ...links(g.policies) } }));
  const customer = new Map((index.customerPolicies.get(accountId) ?? []).map((p) => [p.arn, p]));
  const policyRecord = (arn: string, name: string, document: unknown, attachments: number, boundaries: number): TSnapshotRecord => {
    const documentHash = documents.hash(document);
    const awsManaged = isAwsManaged(arn);
    const path = awsManaged ? arn.slice("arn:aws:iam::aws:policy".length, arn.lastIndexOf("/") + 1) : "/";
    return { kind: "iam.policy", key: arn, name, arn, data: {
      policyId: policyId(arn), path, awsManaged, defaultVersionId: "v1", documentHash, versions: [{ versionId: "v1", isDefault: true, createDate: FIXED_DATE, documentHash }],
      attachmentCount: attachments, permissionsBoundaryUsageCount: boundaries, isAttachable: true, createDate: FIXED_DATE, updateDate: FIXED_DATE,
    } };
  };
  const policies = [...managed.values()].map(({ ref, attachments, boundaries }) => policyRecord(ref.id, ref.name, ref.document, attachments, boundaries));
  // Customer managed policies no entity uses are collected too (GetAccountAuthorizationDetails lists them).
  for (const p of customer.values()) if (!managed.has(p.arn)) policies.push(policyRecord(p.arn, p.name, p.document, p.attachmentCount, p.permissionsBoundaryUsageCount));

  const keys = (index.keys.get(accountId) ?? []).map((k): TSnapshotRecord => ({ kind: "iam.access-key", key: k.id, name: k.id, arn: null, data: {
    userId: k.userKey.slice(k.userKey.indexOf("/") + 1), userName: k.userName, userArn: `arn:aws:iam::${accountId}:user/${k.userName}`, status: k.status,
    createDate: k.createDate, lastUsedDate: k.lastUsedDate, lastUsedService: k.lastUsedService, lastUsedRegion: k.lastUsedDate ? "eu-central-1" : null,
  } }));
  const reportRows = index.report.get(accountId) ?? [];
  const report = reportRows.map(({ accountId: _account, ...row }): TSnapshotRecord => ({ kind: "iam.credential-report", key: row.arn, name: row.user, arn: row.arn, data: {
    user: row.user, arn: row.arn, isRoot: row.isRoot, userCreationTime: row.userCreationTime, passwordEnabled: row.passwordEnabled, passwordLastUsed: row.passwordLastUsed,
    passwordLastChanged: null, passwordNextRotation: null, mfaActive: row.mfaActive,
    accessKeys: ([1, 2] as const).map((slot) => {
      const key = row.accessKeys.find((k) => k.slot === slot);
      return { slot, active: key?.active ?? false, lastRotated: key?.lastRotated ?? null, lastUsedDate: key?.lastUsedDate ?? null, lastUsedRegion: null, lastUsedService: null };
    }),
    certificates: ([1, 2] as const).map((slot) => ({ slot, active: false, lastRotated: null })),
  } }));
  const settings = index.settings.get(accountId);
  const batch = (kind: string, records: TSnapshotRecord[]): TRecordBatch => ({ kind, mode: "replace", records });
  const batches: TRecordBatch[] = [
    batch("iam.user", users), batch("iam.group", groupRecords), batch("iam.role", roles), batch("iam.role-usage", roleUsage), batch("iam.policy", policies),
    { kind: "iam.last-accessed", mode: "merge", records: lastAccessed, liveKeys: principals.filter((p) => p.kind !== "sso-user").map((p) => p.id) },
    batch("iam.access-key", keys),
  ];
  if (settings) {
    batches.push(
      batch("iam.credential-report", report),
      batch("iam.credential-report-meta", [{ kind: "iam.credential-report-meta", key: "report", data: { generatedAt: settings.credentialReportGeneratedAt, rows: report.length } }]),
      batch("iam.account-summary", settings.summary ? [{ kind: "iam.account-summary", key: "summary", data: { summary: settings.summary, aliases: [] } }] : []),
      batch("iam.password-policy", settings.passwordPolicy ? [{ kind: "iam.password-policy", key: "password-policy", data: settings.passwordPolicy }] : []),
      batch("iam.mfa-device", settings.mfaDevices.map((d) => ({ kind: "iam.mfa-device", key: d.serialNumber, name: d.serialNumber, arn: null, data: { serialNumber: d.serialNumber, virtual: d.virtual, userName: d.userName, userArn: d.userName ? `arn:aws:iam::${accountId}:user/${d.userName}` : null, enableDate: null } }))),
      batch("iam.saml-provider", settings.samlProviders.map((p) => ({ kind: "iam.saml-provider", key: p.arn, name: p.arn.split("/").pop(), arn: p.arn, data: { validUntil: null, createDate: FIXED_DATE } }))),
      batch("iam.oidc-provider", settings.oidcProviders.map((p) => ({ kind: "iam.oidc-provider", key: p.arn, name: p.url, arn: p.arn, data: { url: p.url, clientIds: [...p.clientIds].sort(), thumbprints: [], createDate: FIXED_DATE } }))),
    );
  }
  const resourceDocuments = new Map<string, unknown>();
  const resources = index.resources.get(accountId) ?? [];
  const byType = groupBy(resources, (r) => r.type);
  for (const type of RESOURCE_TYPES) batches.push(batch(resourceKind(type), (byType.get(type) ?? []).map((resource) => resourceRecord({ resource, documents: resourceDocuments }))));
  documents.adopt(resourceDocuments);
  batches.push(batch(REGION_STATUS_KIND, (index.regions.get(accountId) ?? []).map(regionStatusRecord)));
  const resourceSettings = index.resourceSettings.get(accountId);
  if (resourceSettings) batches.push(batch(ACCOUNT_SETTINGS_KIND, [accountSettingsRecord(resourceSettings)]));
  return batches;
}
