import type pg from "pg";
import { readPolicyDocuments, readRecords, type TStoredRecord } from "../snapshot/read-records";
import type { TAccount, TOrgModel, TPolicyDocRef, TPrincipal } from "./model";
import { RESOURCE_TYPES } from "../resources/resource-model";
import { ACCOUNT_SETTINGS_KIND, REGION_STATUS_KIND, accountSettingsFromRecord, regionStatusFromRecord, resourceFromRecord, resourceKind } from "../resources/resource-records";

type TPolicyLink = { arn: string; name: string };
type TInline = { name: string; documentHash: string };

const latest = (...dates: Array<string | null | undefined>) =>
  dates.filter((d): d is string => Boolean(d)).sort().at(-1) ?? null;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(item);
  }
  return out;
}

/**
 * Builds the analysis model of the organization as it was at run `runId`: each account as
 * of its latest collection up to that run, policy documents resolved, groups expanded into
 * their members' policies, Identity Center assignments linked to their roles.
 */
export async function loadOrgModel(options: { pool: pg.Pool; runId: number; asOf?: Date; accountIds?: string[] }): Promise<TOrgModel> {
  const { pool, runId } = options;
  // accountIds: the organization-wide records and only these accounts' (enough to evaluate
  // their principals' own effective access, not reach across accounts).
  const records = await readRecords({ pool, runId, scopes: options.accountIds && ["org", ...options.accountIds] });
  const byKind = groupBy(records, (r) => r.kind);
  const kind = (k: string) => byKind.get(k) ?? [];
  const hashes = new Set<string>();
  for (const r of records) collectHashes(r, hashes);
  const documents = await readPolicyDocuments({ pool, hashes: [...hashes] });
  const doc = (hash: string | null | undefined) => (hash ? documents.get(hash) ?? null : null);

  const org = kind("org.organization")[0];
  const managementAccountId = (org?.data.managementAccountId as string | undefined) ?? null;
  const ouNames = new Map(kind("org.ou").map((ou) => [ou.key, ou.name ?? ou.key]));
  const collectedAccounts = new Set(kind("iam.role").map((r) => r.scope));
  const accounts: TAccount[] = kind("org.account").map((a) => ({
    id: a.key, name: a.name ?? a.key, status: a.data.state ?? a.data.status, isManagement: a.key === managementAccountId,
    ouPath: a.data.ouPath ?? [], ouNames: (a.data.ouPath ?? []).slice(1).map((id: string) => ouNames.get(id) ?? id),
    tags: a.data.tags ?? {}, collected: collectedAccounts.has(a.key),
  }));

  const orgPolicies = kind("org.policy").map((p) => ({
    id: p.key, name: p.name ?? p.key, kind: p.data.type === "RESOURCE_CONTROL_POLICY" ? ("rcp" as const) : ("scp" as const),
    document: doc(p.data.documentHash), targets: (p.data.targets ?? []).map((t: { targetId: string }) => t.targetId),
  }));

  const managedByAccount = groupBy(kind("iam.policy"), (p) => p.scope);
  const managedRef = (accountId: string) => {
    const byArn = new Map((managedByAccount.get(accountId) ?? []).map((p) => [p.arn!, p]));
    return (link: TPolicyLink): TPolicyDocRef | null => {
      const p = byArn.get(link.arn);
      if (!p) return null;
      return { id: link.arn, name: link.name, kind: p.data.awsManaged ? "aws-managed" : "customer-managed", document: doc(p.data.documentHash) };
    };
  };
  const inlineRef = (ownerArn: string) => (i: TInline): TPolicyDocRef => ({ id: `inline:${ownerArn}:${i.name}`, name: i.name, kind: "inline", document: doc(i.documentHash) });
  const policiesOf = (r: TStoredRecord) => {
    const resolve = managedRef(r.scope);
    return [
      ...(r.data.attachedPolicies as TPolicyLink[]).map(resolve).filter((p): p is TPolicyDocRef => p !== null),
      ...(r.data.inlinePolicies as TInline[]).map(inlineRef(r.arn ?? r.key)),
    ];
  };
  const boundaryOf = (r: TStoredRecord) => (r.data.permissionsBoundary ? managedRef(r.scope)({ arn: r.data.permissionsBoundary, name: r.data.permissionsBoundary.split("/").pop() }) : null);

  const groups = kind("iam.group").map((g) => ({ key: `${g.scope}/${g.key}`, accountId: g.scope, name: g.name ?? g.key, arn: g.arn ?? "", policies: policiesOf(g) }));
  const groupPolicies = new Map(groups.map((g) => [`${g.accountId}|${g.name}`, g.policies]));
  const lastAccessed = new Map(kind("iam.last-accessed").map((r) => [`${r.scope}/${r.key}`, r.data]));
  const roleUsage = new Map(kind("iam.role-usage").map((r) => [`${r.scope}/${r.key}`, r.data.lastUsedDate as string | null]));
  const keys = kind("iam.access-key");
  const keysByUser = groupBy(keys, (k) => `${k.scope}/${k.data.userId}`);
  const reportByArn = new Map(kind("iam.credential-report").map((r) => [r.arn!, r.data]));

  const base = (r: TStoredRecord) => ({
    key: `${r.scope}/${r.key}`, id: r.key, accountId: r.scope, name: r.name ?? r.key, arn: r.arn, path: r.data.path ?? "/",
    createDate: r.data.createDate ?? null, tags: r.data.tags ?? {}, identityPolicies: policiesOf(r), permissionsBoundary: boundaryOf(r),
    lastAccessed: lastAccessed.get(`${r.scope}/${r.key}`) ?? null, emails: [] as string[],
  });
  const users: TPrincipal[] = kind("iam.user").map((u) => {
    const report = reportByArn.get(u.arn!);
    const keyUse = (keysByUser.get(`${u.scope}/${u.key}`) ?? []).map((k) => k.data.lastUsedDate as string | null);
    return {
      ...base(u), kind: "iam-user", groups: u.data.groups ?? [],
      groupPolicies: (u.data.groups as string[]).flatMap((g) => groupPolicies.get(`${u.scope}|${g}`) ?? []),
      trustPolicy: null, trustPrincipals: [], instanceProfileCount: 0, ssoPermissionSetName: null, serviceLinked: false,
      lastUsed: latest(report?.passwordLastUsed, ...keyUse),
    };
  });
  const roles: TPrincipal[] = kind("iam.role").map((r) => ({
    ...base(r), kind: "iam-role", groups: [], groupPolicies: [],
    trustPolicy: doc(r.data.trust?.documentHash), trustPrincipals: r.data.trust?.principals ?? [],
    instanceProfileCount: (r.data.instanceProfiles ?? []).length,
    ssoPermissionSetName: /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/.exec(r.name ?? "")?.[1] ?? null,
    serviceLinked: String(r.data.path ?? "").startsWith("/aws-service-role/"),
    lastUsed: roleUsage.get(`${r.scope}/${r.key}`) ?? null,
  }));
  const ssoUsers: TPrincipal[] = kind("sso.user").map((u) => ({
    key: `sso/${u.key}`, kind: "sso-user", id: u.key, accountId: null, name: u.name ?? u.key, arn: null, path: "/", createDate: null,
    tags: {}, identityPolicies: [], groupPolicies: [], groups: [], permissionsBoundary: null, trustPolicy: null, trustPrincipals: [],
    instanceProfileCount: 0, lastUsed: null, lastAccessed: null, ssoPermissionSetName: null, serviceLinked: false, emails: u.data.emails ?? [],
  }));

  const memberships = groupBy(kind("sso.membership"), (m) => m.data.groupId);
  const links = new Map(kind("sso.assignment-role").map((l) => [l.key, l.data]));
  const settingsOf = (kindName: string) => groupBy(kind(kindName), (r) => r.scope);
  const summaries = settingsOf("iam.account-summary");
  const passwordPolicies = settingsOf("iam.password-policy");
  const mfa = settingsOf("iam.mfa-device");
  const saml = settingsOf("iam.saml-provider");
  const oidc = settingsOf("iam.oidc-provider");
  const reportMeta = settingsOf("iam.credential-report-meta");

  return {
    runId, asOf: (options.asOf ?? new Date()).toISOString(),
    organizationId: org?.key ?? null, managementAccountId, accounts,
    scps: orgPolicies.filter((p) => p.kind === "scp"), rcps: orgPolicies.filter((p) => p.kind === "rcp"),
    principals: [...users, ...roles, ...ssoUsers],
    customerManagedPolicies: kind("iam.policy").filter((p) => !p.data.awsManaged).map((p) => ({
      key: `${p.scope}/${p.arn ?? p.key}`, accountId: p.scope, arn: p.arn ?? p.key, name: p.name ?? p.key,
      attachmentCount: p.data.attachmentCount ?? 0, permissionsBoundaryUsageCount: p.data.permissionsBoundaryUsageCount ?? 0,
      document: doc(p.data.documentHash),
    })),
    groups,
    accessKeys: keys.map((k) => ({
      id: k.key, accountId: k.scope, userKey: `${k.scope}/${k.data.userId}`, userName: k.data.userName, status: k.data.status,
      createDate: k.data.createDate, lastUsedDate: k.data.lastUsedDate, lastUsedService: k.data.lastUsedService,
    })),
    credentialReport: kind("iam.credential-report").map((r) => ({ accountId: r.scope, ...r.data })),
    accountSettings: accounts.filter((a) => a.collected).map((a) => ({
      accountId: a.id,
      summary: summaries.get(a.id)?.[0]?.data.summary ?? null,
      passwordPolicy: passwordPolicies.get(a.id)?.[0]?.data ?? null,
      mfaDevices: (mfa.get(a.id) ?? []).map((d) => ({ serialNumber: d.key, virtual: d.data.virtual, userName: d.data.userName })),
      samlProviders: (saml.get(a.id) ?? []).map((p) => ({ arn: p.key, name: p.name ?? p.key })),
      oidcProviders: (oidc.get(a.id) ?? []).map((p) => ({ arn: p.key, url: p.data.url, clientIds: p.data.clientIds ?? [] })),
      credentialReportGeneratedAt: reportMeta.get(a.id)?.[0]?.data.generatedAt ?? null,
    })),
    identityCenter: {
      groups: kind("sso.group").map((g) => ({ id: g.key, name: g.name ?? g.key, memberIds: (memberships.get(g.key) ?? []).map((m) => m.data.userId) })),
      permissionSets: kind("sso.permission-set").map((p) => ({
        arn: p.key, name: p.name ?? p.key, managedPolicyArns: p.data.managedPolicies ?? [], customerManagedPolicies: p.data.customerManagedPolicies ?? [],
        inlinePolicy: p.data.inlinePolicyHash ? { id: `inline:${p.key}`, name: `${p.name} inline`, kind: "permission-set-inline", document: doc(p.data.inlinePolicyHash) } : null,
        permissionsBoundary: p.data.permissionsBoundary ?? null,
      })),
      assignments: kind("sso.assignment").map((a) => {
        const link = links.get(a.key);
        return {
          permissionSetArn: a.data.permissionSetArn, permissionSetName: a.data.permissionSetName, accountId: a.data.accountId,
          principalType: a.data.principalType, principalId: a.data.principalId,
          roleKey: link?.roleId ? `${a.data.accountId}/${link.roleId}` : null,
        };
      }),
    },
    resources: RESOURCE_TYPES.flatMap((type) => kind(resourceKind(type)).map((record) => resourceFromRecord({ record, documents }))),
    accountResourceSettings: kind(ACCOUNT_SETTINGS_KIND).map(accountSettingsFromRecord),
    regionStatus: kind(REGION_STATUS_KIND).map(regionStatusFromRecord),
  };
}

function collectHashes(r: TStoredRecord, into: Set<string>) {
  const d = r.data ?? {};
  for (const h of [d.documentHash, d.trust?.documentHash, d.inlinePolicyHash, d.policyHash]) if (typeof h === "string") into.add(h);
  for (const i of d.inlinePolicies ?? []) into.add(i.documentHash);
}
