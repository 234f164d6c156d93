// Constructors for IAM entities with deterministic ids and real-looking ARNs.
import type { AccessKey, IamGroup, IamRole, IamUser, InstanceProfile, ManagedPolicy, PolicyVersion } from "./model";
import { accessKeyId, b36Chars, hexChars, secretKey, uniqueId, uuidLike } from "./ids";

export const EMPTY: never[] = [];

export function normPath(path: string | undefined): string {
  if (!path || path === "/") return "/";
  let p = path.startsWith("/") ? path : "/" + path;
  if (!p.endsWith("/")) p += "/";
  return p;
}

export function roleArn(account: string, path: string, name: string): string {
  return `arn:aws:iam::${account}:role${path}${name}`;
}

type UserInit = Omit<IamUser, "id" | "arn" | "path"> & { path?: string };
export function makeUser(seed: string, account: string, u: UserInit): IamUser {
  const path = normPath(u.path);
  return { ...u, path, id: uniqueId("AIDA", `${seed}:${account}:user:${u.name}`), arn: `arn:aws:iam::${account}:user${path}${u.name}` };
}

type GroupInit = Omit<IamGroup, "id" | "arn" | "path"> & { path?: string };
export function makeGroup(seed: string, account: string, g: GroupInit): IamGroup {
  const path = normPath(g.path);
  return { ...g, path, id: uniqueId("AGPA", `${seed}:${account}:group:${g.name}`), arn: `arn:aws:iam::${account}:group${path}${g.name}` };
}

type RoleInit = Omit<IamRole, "id" | "arn" | "path"> & { path?: string };
export function makeRole(seed: string, account: string, r: RoleInit): IamRole {
  const path = normPath(r.path);
  return { ...r, path, id: uniqueId("AROA", `${seed}:${account}:role:${r.name}`), arn: roleArn(account, path, r.name) };
}

export function makeInstanceProfile(seed: string, account: string, name: string, path: string, createDate: string): InstanceProfile {
  const p = normPath(path);
  return { name, path: p, createDate, id: uniqueId("AIPA", `${seed}:${account}:ip:${name}`), arn: `arn:aws:iam::${account}:instance-profile${p}${name}` };
}

export function makePolicy(
  seed: string,
  account: string,
  p: { name: string; path?: string; description?: string; versions: Array<{ document: string; createDate: string; isDefault?: boolean }> },
): ManagedPolicy {
  const path = normPath(p.path);
  const n = p.versions.length;
  let defaultIdx = p.versions.findIndex((v) => v.isDefault);
  if (defaultIdx < 0) defaultIdx = n - 1;
  const versions: PolicyVersion[] = p.versions.map((v, i) => ({
    versionId: `v${i + 1}`,
    document: v.document,
    isDefault: i === defaultIdx,
    createDate: v.createDate,
  }));
  return {
    name: p.name,
    id: uniqueId("ANPA", `${seed}:${account}:policy:${p.name}`),
    arn: `arn:aws:iam::${account}:policy${path}${p.name}`,
    path,
    description: p.description,
    createDate: versions[0].createDate,
    updateDate: versions[n - 1].createDate,
    defaultVersionId: versions[defaultIdx].versionId,
    versions,
    awsManaged: false,
  };
}

export function makeAccessKey(
  seed: string,
  account: string,
  owner: string,
  index: number,
  k: Omit<AccessKey, "id" | "secret"> & { id?: string; secret?: string },
): AccessKey {
  const key = `${seed}:${account}:key:${owner}:${index}`;
  return { ...k, id: k.id ?? accessKeyId("AKIA", key), secret: k.secret ?? secretKey(key) };
}

// ---------------- Organizations / Identity Center ids ----------------

export function orgIds(seed: string, managementAccountId: string, explicitOrgId?: string) {
  const orgId = explicitOrgId ?? `o-${b36Chars(`${seed}:org`, 10)}`;
  const rootId = `r-${b36Chars(`${seed}:root`, 4)}`;
  const base = `arn:aws:organizations::${managementAccountId}`;
  return {
    orgId,
    rootId,
    orgArn: `${base}:organization/${orgId}`,
    rootArn: `${base}:root/${orgId}/${rootId}`,
    ouId: (ouPath: string) => `ou-${rootId.slice(2)}-${b36Chars(`${seed}:ou:${ouPath}`, 8)}`,
    ouArn: (ouId: string) => `${base}:ou/${orgId}/${ouId}`,
    accountArn: (accountId: string) => `${base}:account/${orgId}/${accountId}`,
    policyId: (name: string) => `p-${b36Chars(`${seed}:orgpolicy:${name}`, 8)}`,
    policyArn: (type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY", id: string) => `${base}:policy/${orgId}/${type.toLowerCase()}/${id}`,
  };
}

export function idcIds(seed: string) {
  const instanceId = `ssoins-${hexChars(`${seed}:ssoins`, 16)}`;
  return {
    instanceId,
    instanceArn: `arn:aws:sso:::instance/${instanceId}`,
    identityStoreId: `d-${hexChars(`${seed}:idstore`, 10)}`,
    permissionSetArn: (name: string) => `arn:aws:sso:::permissionSet/${instanceId}/ps-${hexChars(`${seed}:ps:${name}`, 16)}`,
    userId: (userName: string) => uuidLike(`${seed}:idc-user:${userName}`),
    groupId: (name: string) => uuidLike(`${seed}:idc-group:${name}`),
    membershipId: (groupName: string, userName: string) => uuidLike(`${seed}:idc-member:${groupName}:${userName}`),
  };
}
