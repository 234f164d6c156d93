// Loads a declarative org file (YAML or JSON), validates it with zod and resolves it into an
// Organization. Relative dates (ageDays, lastUsedDaysAgo, …) are resolved once against `now`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import type { AccessKey, Account, AccountIam, IamRole, IdentityCenter, Organization, OrganizationalUnit, OrgPolicy, PasswordPolicy, ServiceAccess, Tag } from "./model";
import { OrgFileSchema, type OrgFile, type OrgFileAccount, type OrgFileKey, type OrgFileLastAccessed, type OrgFileOu, type OrgFileRole } from "./org-schema";
import { awsManagedPolicy } from "./catalog/managed-policies";
import { DAY_MS, iso } from "./ids";
import { idcIds, makeAccessKey, makeGroup, makeInstanceProfile, makePolicy, makeRole, makeUser, normPath, orgIds } from "./factory";
import { finalizeOrg } from "./finalize";
import { resolveResources } from "./load-resources";

export class OrgFileError extends Error {
  constructor(readonly field: string, message: string, readonly source = "org file") {
    super(`${source}: ${field ? field + ": " : ""}${message}`);
    this.name = "OrgFileError";
  }
}

export interface LoadOptions {
  /** reference time for relative dates (default: now, truncated to the second) */
  now?: Date | number;
}

const ORGS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "orgs");

/** `demo` (or any name in sim/orgs/) or a path to a .yaml/.yml/.json file */
export function loadOrg(nameOrPath: string, opts: LoadOptions = {}): Organization {
  const file = /^[\w-]+$/.test(nameOrPath) ? path.join(ORGS_DIR, `${nameOrPath}.yaml`) : nameOrPath;
  const text = readFileSync(file, "utf8");
  return parseOrg(text, { ...opts, sourceName: path.basename(file) });
}

export function parseOrg(text: string, opts: LoadOptions & { sourceName?: string } = {}): Organization {
  const source = opts.sourceName ?? "org file";
  let raw: unknown;
  try {
    raw = source.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new OrgFileError("", `cannot parse: ${(e as Error).message}`, source);
  }
  return orgFromObject(raw, { ...opts, sourceName: source });
}

function fieldPath(p: ReadonlyArray<PropertyKey>): string {
  return p.map((k, i) => (typeof k === "number" ? `[${k}]` : `${i ? "." : ""}${String(k)}`)).join("");
}

export function orgFromObject(raw: unknown, opts: LoadOptions & { sourceName?: string } = {}): Organization {
  const source = opts.sourceName ?? "org file";
  const parsed = OrgFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const extra = parsed.error.issues.length > 1 ? ` (+${parsed.error.issues.length - 1} more)` : "";
    throw new OrgFileError(fieldPath(issue.path), issue.message + extra, source);
  }
  const nowMs = Math.floor((opts.now === undefined ? Date.now() : +opts.now) / 1000) * 1000;
  try {
    return resolve(parsed.data, nowMs, source);
  } catch (e) {
    if (e instanceof OrgFileError) throw e;
    throw new OrgFileError("", (e as Error).message, source);
  }
}

// ------------------------------------------------------------------------------------

const toTags = (t?: Record<string, string>): Tag[] => (t ? Object.entries(t).map(([Key, Value]) => ({ Key, Value })) : []);
const docStr = (d: unknown) => JSON.stringify(d);

function resolve(f: OrgFile, nowMs: number, source: string): Organization {
  const fail = (field: string, msg: string): never => { throw new OrgFileError(field, msg, source); };
  const ago = (d: number | undefined, dflt: number) => iso(nowMs - (d ?? dflt) * DAY_MS);
  const seed = f.seed ?? source.replace(/\.(ya?ml|json)$/, "");
  const mgmtId = f.organization.managementAccount;
  const ids = orgIds(seed, mgmtId, f.organization.id);
  const hubArn = `arn:aws:iam::${f.hub.account}:user/${f.hub.userName}`;

  // ---- OUs ----
  const ous: OrganizationalUnit[] = [];
  const ouByPath = new Map<string, OrganizationalUnit>();
  const walk = (list: OrgFileOu[], parentId: string, parentPath: string, parentOrgPath: string) => {
    for (const o of list) {
      const p = parentPath ? `${parentPath}/${o.name}` : o.name;
      if (ouByPath.has(p)) fail("ous", `duplicate OU ${p}`);
      const id = ids.ouId(p);
      const unit: OrganizationalUnit = { id, arn: ids.ouArn(id), name: o.name, parentId, path: `${parentOrgPath}${id}/`, tags: toTags(o.tags) };
      ous.push(unit);
      ouByPath.set(p, unit);
      walk(o.children ?? [], id, p, unit.path);
    }
  };
  walk(f.ous ?? [], ids.rootId, "", `${ids.orgId}/${ids.rootId}/`);

  // ---- accounts ----
  const seen = new Set<string>();
  const accounts: Account[] = f.accounts.map((a, i) => {
    const field = `accounts[${i}]`;
    if (seen.has(a.id)) fail(`${field}.id`, `duplicate account id ${a.id}`);
    seen.add(a.id);
    let parentId = ids.rootId;
    if (a.ou && a.ou !== "Root") {
      const unit = ouByPath.get(a.ou);
      if (!unit) fail(`${field}.ou`, `unknown OU path ${a.ou}`);
      parentId = unit!.id;
    }
    const status = a.status ?? "ACTIVE";
    return {
      id: a.id,
      arn: ids.accountArn(a.id),
      name: a.name,
      email: a.email,
      status,
      state: a.state ?? status,
      joinedMethod: a.joinedMethod ?? (a.id === mgmtId ? "CREATED" : "CREATED"),
      joinedTimestamp: ago(a.ageDays, 1000),
      parentId,
      tags: toTags(a.tags),
      alias: a.alias,
      auditRole: a.auditRole ?? true,
      iam: resolveIam(a, field, seed, nowMs, hubArn, fail),
      resources: resolveResources({ spec: a.resources, regions: a.regions ?? f.regions, accountId: a.id, seed, nowMs }),
    };
  });
  const byId = new Map(accounts.map((a) => [a.id, a]));
  if (!byId.has(mgmtId)) fail("organization.managementAccount", `account ${mgmtId} is not listed in accounts`);
  if (!byId.has(f.hub.account)) fail("hub.account", `account ${f.hub.account} is not listed in accounts`);

  // ---- SCPs / RCPs ----
  const targetId = (t: string, field: string): string => {
    if (t === "Root") return ids.rootId;
    if (/^\d{12}$/.test(t)) { if (!byId.has(t)) fail(field, `unknown account ${t}`); return t; }
    const unit = ouByPath.get(t);
    if (!unit) fail(field, `unknown target ${t} (use Root, an OU path or an account id)`);
    return unit!.id;
  };
  const policies: OrgPolicy[] = (f.scps ?? []).map((p, i) => {
    const type = p.type === "RCP" ? "RESOURCE_CONTROL_POLICY" : "SERVICE_CONTROL_POLICY";
    const id = ids.policyId(p.name);
    return {
      id,
      arn: ids.policyArn(type, id),
      name: p.name,
      description: p.description ?? "",
      type,
      awsManaged: false,
      content: docStr(p.document),
      targets: p.targets.map((t, j) => targetId(t, `scps[${i}].targets[${j}]`)),
      tags: toTags(p.tags),
    };
  });

  const org: Organization = {
    id: ids.orgId,
    arn: ids.orgArn,
    featureSet: "ALL",
    seed,
    now: iso(nowMs),
    managementAccountId: mgmtId,
    root: { id: ids.rootId, arn: ids.rootArn, name: "Root", tags: toTags(f.organization.rootTags) },
    ous,
    accounts,
    policies,
    hub: { accountId: f.hub.account, userName: f.hub.userName, principalArn: hubArn, accessKeyId: f.hub.accessKeyId, secretAccessKey: f.hub.secretAccessKey },
    auditRoleName: f.organization.auditRoleName ?? "GovernanceAuditRole",
  };
  if (f.identityCenter) org.identityCenter = resolveIdc(f, seed, mgmtId, byId, ago, fail);
  return finalizeOrg(org, { orgReaderRoleName: f.organization.orgReaderRole });
}

type Fail = (field: string, msg: string) => never;

function resolveLastAccessed(list: OrgFileLastAccessed | undefined, nowMs: number): ServiceAccess[] {
  if (!list) return [];
  return list.map((la) => {
    const region = la.region ?? "us-east-1";
    return {
      service: la.service,
      date: iso(nowMs - la.daysAgo * DAY_MS),
      region,
      actions: la.actions ? Object.entries(la.actions).map(([action, d]) => ({ action: action.replace(/^[\w-]+:/, ""), date: iso(nowMs - d * DAY_MS), region })) : undefined,
    };
  });
}

function resolveKey(seed: string, account: string, owner: string, index: number, k: OrgFileKey, nowMs: number): AccessKey {
  return makeAccessKey(seed, account, owner, index, {
    id: k.id,
    secret: k.secret,
    status: k.status ?? "Active",
    createDate: iso(nowMs - k.ageDays * DAY_MS),
    lastUsed: k.lastUsedDaysAgo === undefined ? undefined : {
      date: iso(nowMs - Math.min(k.lastUsedDaysAgo, k.ageDays) * DAY_MS),
      service: k.service ?? "sts",
      region: k.region ?? "us-east-1",
    },
  });
}

function resolveIam(a: OrgFileAccount, field: string, seed: string, nowMs: number, hubArn: string, fail: Fail): AccountIam {
  const acct = a.id;
  const ago = (d: number | undefined, dflt: number) => iso(nowMs - (d ?? dflt) * DAY_MS);

  const policies = (a.policies ?? []).map((p) => makePolicy(seed, acct, {
    name: p.name,
    path: p.path,
    description: p.description,
    versions: p.versions
      ? p.versions.map((v, i, all) => ({ document: docStr(v.document), createDate: ago(v.ageDays, (p.ageDays ?? 365) * (all.length - i) / all.length), isDefault: v.default }))
      : [{ document: docStr(p.document), createDate: ago(p.ageDays, 365) }],
  }));
  const policyByName = new Map(policies.map((p) => [p.name, p]));
  const policyArns = new Set(policies.map((p) => p.arn));
  const ref = (r: string, fld: string): string => {
    if (r.startsWith("arn:")) {
      if (policyArns.has(r) || awsManagedPolicy(r)) return r;
      return fail(fld, `unknown managed policy ${r}`);
    }
    const local = policyByName.get(r);
    if (local) return local.arn;
    const aws = awsManagedPolicy(r);
    if (aws) return aws.arn;
    return fail(fld, `unknown managed policy ${r} (not a customer policy of this account nor a known AWS managed policy)`);
  };
  const refs = (list: string[] | undefined, fld: string) => (list ?? []).map((r, i) => ref(r, `${fld}[${i}]`));
  const inline = (m: Record<string, unknown> | undefined) => Object.entries(m ?? {}).map(([name, d]) => ({ name, document: docStr(d) }));

  const groups = (a.groups ?? []).map((g, i) => makeGroup(seed, acct, {
    name: g.name,
    path: g.path,
    createDate: ago(g.ageDays, 500),
    managedPolicyArns: refs(g.managedPolicies, `${field}.groups[${i}].managedPolicies`),
    inlinePolicies: inline(g.inlinePolicies),
  }));
  const groupNames = new Set(groups.map((g) => g.name));

  const users = (a.users ?? []).map((u, i) => {
    const fld = `${field}.users[${i}]`;
    const created = u.ageDays ?? 365;
    for (const [j, g] of (u.groups ?? []).entries()) if (!groupNames.has(g)) fail(`${fld}.groups[${j}]`, `unknown group ${g}`);
    const consoleSpec = u.console === true ? {} : u.console;
    const mfa = u.mfa ?? "none";
    return makeUser(seed, acct, {
      name: u.name,
      path: u.path,
      createDate: ago(created, 0),
      password: consoleSpec ? {
        lastChanged: ago(consoleSpec.passwordAgeDays ?? created, 0),
        lastUsed: consoleSpec.lastUsedDaysAgo === undefined ? undefined : ago(consoleSpec.lastUsedDaysAgo, 0),
      } : undefined,
      mfaDevices: mfa === "none" ? [] : [{
        type: mfa,
        serialNumber: mfa === "virtual" ? `arn:aws:iam::${acct}:mfa/${u.name}` : `GAHT${String(1e7 + i).slice(-8)}`,
        enableDate: ago(Math.max(0, created - 1), 0),
      }],
      accessKeys: (u.keys ?? []).map((k, j) => resolveKey(seed, acct, u.name, j, k, nowMs)),
      groups: u.groups ?? [],
      managedPolicyArns: refs(u.managedPolicies, `${fld}.managedPolicies`),
      inlinePolicies: inline(u.inlinePolicies),
      permissionsBoundaryArn: u.boundary ? ref(u.boundary, `${fld}.boundary`) : undefined,
      tags: toTags(u.tags),
      lastAccessed: resolveLastAccessed(u.lastAccessed, nowMs),
    });
  });

  const roles: IamRole[] = (a.roles ?? []).map((r, i) => {
    const fld = `${field}.roles[${i}]`;
    const createDate = ago(r.ageDays, 400);
    const path = normPath(r.path);
    const ipName = r.instanceProfile === true ? r.name : typeof r.instanceProfile === "string" ? r.instanceProfile : undefined;
    return makeRole(seed, acct, {
      name: r.name,
      path,
      createDate,
      trustPolicy: r.trustPolicy ? docStr(r.trustPolicy) : trustFromShorthand(r.trust!, hubArn),
      description: r.description,
      maxSessionDuration: (r.maxSessionHours ?? 1) * 3600,
      managedPolicyArns: refs(r.managedPolicies, `${fld}.managedPolicies`),
      inlinePolicies: inline(r.inlinePolicies),
      permissionsBoundaryArn: r.boundary ? ref(r.boundary, `${fld}.boundary`) : undefined,
      tags: toTags(r.tags),
      lastUsed: r.lastUsedDaysAgo === undefined ? undefined : { date: ago(r.lastUsedDaysAgo, 0), region: r.lastUsedRegion ?? "us-east-1" },
      instanceProfiles: ipName ? [makeInstanceProfile(seed, acct, ipName, path, createDate)] : [],
      lastAccessed: resolveLastAccessed(r.lastAccessed, nowMs),
    });
  });

  const pp = a.passwordPolicy;
  const passwordPolicy: PasswordPolicy | undefined = pp ? {
    MinimumPasswordLength: pp.minimumPasswordLength,
    RequireSymbols: pp.requireSymbols ?? false,
    RequireNumbers: pp.requireNumbers ?? false,
    RequireUppercaseCharacters: pp.requireUppercaseCharacters ?? false,
    RequireLowercaseCharacters: pp.requireLowercaseCharacters ?? false,
    AllowUsersToChangePassword: pp.allowUsersToChangePassword ?? false,
    ExpirePasswords: pp.maxPasswordAge !== undefined,
    MaxPasswordAge: pp.maxPasswordAge,
    PasswordReusePrevention: pp.passwordReusePrevention,
    HardExpiry: pp.hardExpiry ?? false,
  } : undefined;

  const rootMfa = a.root?.mfa ?? "virtual";
  const acctCreated = ago(a.ageDays, 1000);
  return {
    users,
    groups,
    roles,
    policies,
    passwordPolicy,
    root: {
      createDate: acctCreated,
      mfa: rootMfa === "none" ? undefined : {
        type: rootMfa,
        serialNumber: rootMfa === "virtual" ? `arn:aws:iam::${acct}:mfa/root-account-mfa-device` : `GAHT${acct.slice(-8)}`,
        enableDate: acctCreated,
      },
      passwordLastUsed: a.root?.passwordLastUsedDaysAgo === undefined ? undefined : ago(a.root.passwordLastUsedDaysAgo, 0),
      accessKeys: (a.root?.accessKeys ?? []).map((k, j) => resolveKey(seed, acct, "<root>", j, k, nowMs)),
    },
    samlProviders: (a.samlProviders ?? []).map((s) => {
      const createDate = ago(s.ageDays, 600);
      return { name: s.name, arn: `arn:aws:iam::${acct}:saml-provider/${s.name}`, createDate, validUntil: iso(Date.parse(createDate) + 3650 * DAY_MS) };
    }),
    oidcProviders: (a.oidcProviders ?? []).map((o) => {
      const url = o.url.replace(/^https:\/\//, "");
      return {
        arn: `arn:aws:iam::${acct}:oidc-provider/${url}`,
        url,
        clientIds: o.clientIds ?? ["sts.amazonaws.com"],
        thumbprints: o.thumbprints ?? ["6938fd4d98bab03faadb97b34396831e3780aea1"],
        createDate: ago(o.ageDays, 300),
        tags: toTags(o.tags),
      };
    }),
  };
}

/** trust shorthand → policy document string. `$hub` in aws expands to the hub principal ARN. */
export function trustFromShorthand(t: NonNullable<OrgFileRole["trust"]>, hubArn: string): string {
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const principal: Record<string, string | string[]> = {};
  const aws = list(t.aws).map((p) => (p === "$hub" ? hubArn : /^\d{12}$/.test(p) ? `arn:aws:iam::${p}:root` : p));
  let action: string | string[] = "sts:AssumeRole";
  let wholePrincipal: string | undefined;
  if (aws.length === 1 && aws[0] === "*" && t.service === undefined && t.federated === undefined) wholePrincipal = "*";
  else if (aws.length) principal.AWS = aws.length === 1 ? aws[0] : aws;
  const svc = list(t.service);
  if (svc.length) principal.Service = svc.length === 1 ? svc[0] : svc;
  if (t.federated) {
    principal.Federated = t.federated;
    action = t.federated.includes(":saml-provider/") ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";
  }
  if (t.action) action = t.action;
  const condition: Record<string, Record<string, unknown>> = {};
  for (const [op, block] of Object.entries(t.condition ?? {})) condition[op] = { ...block };
  if (t.externalId) condition.StringEquals = { ...(condition.StringEquals ?? {}), "sts:ExternalId": t.externalId };
  const st: Record<string, unknown> = { Effect: "Allow", Principal: wholePrincipal ?? principal, Action: action };
  if (Object.keys(condition).length) st.Condition = condition;
  return JSON.stringify({ Version: "2012-10-17", Statement: [st] });
}

function resolveIdc(
  f: OrgFile,
  seed: string,
  mgmtId: string,
  byId: Map<string, Account>,
  ago: (d: number | undefined, dflt: number) => string,
  fail: Fail,
): IdentityCenter {
  const spec = f.identityCenter!;
  const ids = idcIds(seed);
  const createdDate = ago(spec.ageDays, 700);
  const users = spec.users.map((u) => ({
    id: ids.userId(u.userName),
    userName: u.userName,
    displayName: u.displayName ?? `${u.givenName} ${u.familyName}`,
    givenName: u.givenName,
    familyName: u.familyName,
    email: u.email,
    accessToken: u.accessToken,
    createdAt: ago(u.ageDays, 400),
  }));
  const userByName = new Map(users.map((u) => [u.userName, u]));
  const groups = (spec.groups ?? []).map((g) => ({ id: ids.groupId(g.name), displayName: g.name, description: g.description, createdAt: createdDate }));
  const groupByName = new Map(groups.map((g) => [g.displayName, g]));
  const memberships = (spec.groups ?? []).flatMap((g, i) => (g.members ?? []).map((m, j) => {
    const u = userByName.get(m);
    if (!u) fail(`identityCenter.groups[${i}].members[${j}]`, `unknown Identity Center user ${m}`);
    return { id: ids.membershipId(g.name, m), groupId: groupByName.get(g.name)!.id, userId: u!.id };
  }));
  const mgmt = byId.get(mgmtId)!;
  const policyRef = (r: string, fld: string) => {
    const p = awsManagedPolicy(r);
    if (!p) fail(fld, `unknown AWS managed policy ${r}`);
    return p!.arn;
  };
  const permissionSets = spec.permissionSets.map((p, i) => {
    const fld = `identityCenter.permissionSets[${i}]`;
    const b = p.boundary;
    return {
      arn: ids.permissionSetArn(p.name),
      name: p.name,
      description: p.description,
      createdDate: ago(p.ageDays, 500),
      sessionDuration: p.sessionDuration ?? "PT1H",
      managedPolicyArns: (p.managedPolicies ?? []).map((r, j) => policyRef(r, `${fld}.managedPolicies[${j}]`)),
      customerManagedPolicies: (p.customerManagedPolicies ?? []).map((c) => ({ name: c.name, path: normPath(c.path) })),
      inlinePolicy: p.inlinePolicy ? docStr(p.inlinePolicy) : undefined,
      permissionsBoundary: !b ? undefined : "managedPolicy" in b
        ? { managedPolicyArn: policyRef(b.managedPolicy, `${fld}.boundary.managedPolicy`) }
        : { customerManagedPolicy: { name: b.customerManagedPolicy.name, path: normPath(b.customerManagedPolicy.path) } },
    };
  });
  const psByName = new Map(permissionSets.map((p) => [p.name, p]));
  const assignments = (spec.assignments ?? []).flatMap((a, i) => {
    const fld = `identityCenter.assignments[${i}]`;
    const ps = psByName.get(a.permissionSet);
    if (!ps) fail(`${fld}.permissionSet`, `unknown permission set ${a.permissionSet}`);
    const principals = [
      ...(a.groups ?? []).map((g, j) => {
        const grp = groupByName.get(g);
        if (!grp) fail(`${fld}.groups[${j}]`, `unknown Identity Center group ${g}`);
        return { principalType: "GROUP" as const, principalId: grp!.id };
      }),
      ...(a.users ?? []).map((u, j) => {
        const usr = userByName.get(u);
        if (!usr) fail(`${fld}.users[${j}]`, `unknown Identity Center user ${u}`);
        return { principalType: "USER" as const, principalId: usr!.id };
      }),
    ];
    return a.accounts.flatMap((acct, j) => {
      if (!byId.has(acct)) fail(`${fld}.accounts[${j}]`, `unknown account ${acct}`);
      return principals.map((p) => ({ accountId: acct, permissionSetArn: ps!.arn, ...p }));
    });
  });
  return {
    instanceArn: ids.instanceArn,
    identityStoreId: ids.identityStoreId,
    ownerAccountId: mgmt.id,
    region: spec.region ?? "us-east-1",
    name: spec.name,
    createdDate,
    users,
    groups,
    memberships,
    permissionSets,
    assignments,
    samlProviderByAccount: {},
  };
}
