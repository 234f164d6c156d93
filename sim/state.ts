// Indexes over an Organization, built once at server start (per-account IAM indexes lazily, on
// first use), plus the mutable runtime state: STS sessions, credential reports, Access Advisor jobs.
import type { Account, IamGroup, IamRole, IamUser, IdcUser, ManagedPolicy, Organization, OrganizationalUnit, OrgPolicy, PermissionSet } from "./model";
import { AWS_MANAGED_POLICIES } from "./catalog/managed-policies";
import { accessKeyId, hashChars, secretKey } from "./ids";
import { emptyResources, type AccountResources } from "./resource-model";

/** Who is calling: resolved from the access key id of the request. */
export interface Caller {
  kind: "user" | "session";
  /** account the credentials act in */
  accountId: string;
  /** account charged by the per-caller throttle bucket */
  callingAccountId: string;
  /** IAM user ARN or arn:aws:sts::ACCT:assumed-role/ROLE/SESSION */
  arn: string;
  /** AIDA… or AROA…:session */
  userId: string;
  /** ARNs a trust policy may name for this caller (user ARN, or role ARN + session ARN) */
  principalArns: string[];
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: number;
  userName?: string;
  roleName?: string;
}

export type GaadKind = "User" | "Group" | "Role" | "LocalManagedPolicy" | "AWSManagedPolicy";
export type GaadEntity =
  | { kind: "User"; e: IamUser }
  | { kind: "Group"; e: IamGroup }
  | { kind: "Role"; e: IamRole }
  | { kind: "LocalManagedPolicy" | "AWSManagedPolicy"; e: ManagedPolicy };

export class AccountIndex {
  readonly usersByName = new Map<string, IamUser>();
  readonly groupsByName = new Map<string, IamGroup>();
  readonly rolesByName = new Map<string, IamRole>();
  /** customer managed + AWS managed in use in this account */
  readonly policiesByArn = new Map<string, ManagedPolicy>();
  readonly attachmentCount = new Map<string, number>();
  readonly boundaryCount = new Map<string, number>();
  readonly groupMembers = new Map<string, IamUser[]>();
  readonly entities: GaadEntity[] = [];
  private readonly filtered = new Map<string, GaadEntity[]>();
  credentialReportCsv?: string;
  summaryMap?: Array<[string, number]>;

  constructor(readonly account: Account) {
    const iam = account.iam;
    const bump = (m: Map<string, number>, arn: string) => m.set(arn, (m.get(arn) ?? 0) + 1);
    for (const p of iam.policies) this.policiesByArn.set(p.arn, p);
    const attach = (arns: string[], boundary?: string) => {
      for (const a of arns) bump(this.attachmentCount, a);
      if (boundary) bump(this.boundaryCount, boundary);
    };
    for (const g of iam.groups) { this.groupsByName.set(g.name, g); this.groupMembers.set(g.name, []); attach(g.managedPolicyArns); }
    for (const u of iam.users) {
      this.usersByName.set(u.name, u);
      for (const g of u.groups) this.groupMembers.get(g)?.push(u);
      attach(u.managedPolicyArns, u.permissionsBoundaryArn);
    }
    for (const r of iam.roles) { this.rolesByName.set(r.name, r); attach(r.managedPolicyArns, r.permissionsBoundaryArn); }
    const awsUsed: ManagedPolicy[] = [];
    for (const arn of new Set([...this.attachmentCount.keys(), ...this.boundaryCount.keys()])) {
      const p = AWS_MANAGED_POLICIES.get(arn);
      if (p && !this.policiesByArn.has(arn)) { this.policiesByArn.set(arn, p); awsUsed.push(p); }
    }
    awsUsed.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of iam.users) this.entities.push({ kind: "User", e });
    for (const e of iam.groups) this.entities.push({ kind: "Group", e });
    for (const e of iam.roles) this.entities.push({ kind: "Role", e });
    for (const e of iam.policies) this.entities.push({ kind: "LocalManagedPolicy", e });
    for (const e of awsUsed) this.entities.push({ kind: "AWSManagedPolicy", e });
  }

  /** GAAD entity list for a Filter (empty = everything); cached per filter */
  entitiesFor(filter: string[]): GaadEntity[] {
    if (filter.length === 0) return this.entities;
    const key = [...filter].sort().join(",");
    let list = this.filtered.get(key);
    if (!list) {
      const want = new Set(filter);
      list = this.entities.filter((x) => want.has(x.kind));
      this.filtered.set(key, list);
    }
    return list;
  }

  policyDocument(arn: string): string | undefined {
    const p = this.policiesByArn.get(arn) ?? AWS_MANAGED_POLICIES.get(arn);
    return p?.versions.find((v) => v.isDefault)?.document;
  }
}

export interface AccessAdvisorJob {
  id: string;
  accountId: string;
  arn: string;
  granularity: "SERVICE_LEVEL" | "ACTION_LEVEL";
  created: number;
  completed?: number;
  polls: number;
}

export class SimState {
  readonly accounts = new Map<string, Account>();
  private readonly accountIndexes = new Map<string, AccountIndex>();
  /** long-term access key id → owning user */
  readonly userKeys = new Map<string, { accountId: string; user: IamUser }>();
  readonly sessions = new Map<string, Caller>();
  private sessionCounter = 0;

  // organizations
  readonly ousById = new Map<string, OrganizationalUnit>();
  readonly childOus = new Map<string, OrganizationalUnit[]>();
  readonly childAccounts = new Map<string, Account[]>();
  readonly orgPoliciesById = new Map<string, OrgPolicy>();

  // identity center
  readonly idcUsersById = new Map<string, IdcUser>();
  readonly idcUserByToken = new Map<string, IdcUser>();
  readonly idcGroupIdsByUser = new Map<string, Set<string>>();
  readonly membershipsByGroup = new Map<string, Array<{ id: string; groupId: string; userId: string }>>();
  readonly permissionSetsByArn = new Map<string, PermissionSet>();
  readonly permissionSetsByName = new Map<string, PermissionSet>();
  /** `${psArn}|${accountId}` → assignments */
  readonly assignmentsByPsAccount = new Map<string, Array<{ principalType: "USER" | "GROUP"; principalId: string }>>();
  readonly accountsByPs = new Map<string, string[]>();
  readonly ssoRoleByPsAccount = new Map<string, IamRole>();

  // runtime state
  readonly credentialReports = new Map<string, { started: number; completed?: number }>();
  readonly jobs = new Map<string, AccessAdvisorJob>();
  private jobCounter = 0;

  constructor(readonly org: Organization) {
    for (const a of org.accounts) {
      this.accounts.set(a.id, a);
      for (const u of a.iam.users) for (const k of u.accessKeys) this.userKeys.set(k.id, { accountId: a.id, user: u });
      const list = this.childAccounts.get(a.parentId) ?? [];
      list.push(a);
      this.childAccounts.set(a.parentId, list);
    }
    for (const ou of org.ous) {
      this.ousById.set(ou.id, ou);
      const list = this.childOus.get(ou.parentId) ?? [];
      list.push(ou);
      this.childOus.set(ou.parentId, list);
    }
    for (const p of org.policies) this.orgPoliciesById.set(p.id, p);

    const idc = org.identityCenter;
    if (idc) {
      for (const u of idc.users) {
        this.idcUsersById.set(u.id, u);
        if (u.accessToken) this.idcUserByToken.set(u.accessToken, u);
      }
      for (const g of idc.groups) this.membershipsByGroup.set(g.id, []);
      for (const m of idc.memberships) {
        this.membershipsByGroup.get(m.groupId)?.push(m);
        const set = this.idcGroupIdsByUser.get(m.userId) ?? new Set<string>();
        set.add(m.groupId);
        this.idcGroupIdsByUser.set(m.userId, set);
      }
      for (const ps of idc.permissionSets) { this.permissionSetsByArn.set(ps.arn, ps); this.permissionSetsByName.set(ps.name, ps); }
      for (const a of idc.assignments) {
        const key = `${a.permissionSetArn}|${a.accountId}`;
        let list = this.assignmentsByPsAccount.get(key);
        if (!list) {
          list = [];
          this.assignmentsByPsAccount.set(key, list);
          const accts = this.accountsByPs.get(a.permissionSetArn) ?? [];
          accts.push(a.accountId);
          this.accountsByPs.set(a.permissionSetArn, accts);
        }
        list.push({ principalType: a.principalType, principalId: a.principalId });
      }
      const prefix = "/aws-reserved/sso.amazonaws.com/";
      for (const [key] of this.assignmentsByPsAccount) {
        const [psArn, acctId] = key.split("|");
        const ps = this.permissionSetsByArn.get(psArn)!;
        const role = this.accounts.get(acctId)!.iam.roles.find((r) => r.system === "sso" && r.path.startsWith(prefix) && r.name.startsWith(`AWSReservedSSO_${ps.name}_`));
        if (role) this.ssoRoleByPsAccount.set(key, role);
      }
    }
  }

  account(id: string): AccountIndex | undefined {
    let idx = this.accountIndexes.get(id);
    if (!idx) {
      const a = this.accounts.get(id);
      if (!a) return undefined;
      idx = new AccountIndex(a);
      this.accountIndexes.set(id, idx);
    }
    return idx;
  }

  /** the account's regions and data resources (an account without any gets the default regions) */
  resources(accountId: string): AccountResources {
    const a = this.accounts.get(accountId);
    if (!a) return emptyResources([]);
    a.resources ??= emptyResources();
    return a.resources;
  }

  /** resolve the access key id of a request */
  callerForKey(akid: string): Caller | undefined {
    const s = this.sessions.get(akid);
    if (s) return s;
    const owner = this.userKeys.get(akid);
    if (!owner) return undefined;
    const key = owner.user.accessKeys.find((k) => k.id === akid)!;
    if (key.status !== "Active") return undefined;
    return {
      kind: "user",
      accountId: owner.accountId,
      callingAccountId: owner.accountId,
      arn: owner.user.arn,
      userId: owner.user.id,
      principalArns: [owner.user.arn],
      accessKeyId: akid,
      secretAccessKey: key.secret,
      userName: owner.user.name,
    };
  }

  /** create temporary credentials acting as `role` in `accountId` */
  createSession(role: IamRole, accountId: string, sessionName: string, callingAccountId: string, durationSeconds: number): Caller {
    const n = ++this.sessionCounter;
    const k = `${this.org.seed}:session:${n}`;
    const akid = accessKeyId("ASIA", k);
    const caller: Caller = {
      kind: "session",
      accountId,
      callingAccountId,
      arn: `arn:aws:sts::${accountId}:assumed-role/${role.name}/${sessionName}`,
      userId: `${role.id}:${sessionName}`,
      principalArns: [role.arn, `arn:aws:sts::${accountId}:assumed-role/${role.name}/${sessionName}`],
      accessKeyId: akid,
      secretAccessKey: secretKey(k),
      sessionToken: "IQoJb3JpZ2luX2VjE" + hashChars(k + ":token", 240, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
      expiration: Math.floor(Date.now() / 1000) * 1000 + durationSeconds * 1000,
      roleName: role.name,
    };
    this.sessions.set(akid, caller);
    if (n % 10_000 === 0) {
      const now = Date.now();
      for (const [k, v] of this.sessions) if (v.expiration !== undefined && v.expiration < now) this.sessions.delete(k);
    }
    return caller;
  }

  newJobId(): string {
    const n = ++this.jobCounter;
    const h = hashChars(`${this.org.seed}:job:${n}`, 32, "0123456789abcdef");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** the AWSReservedSSO role of a permission set in an account, if provisioned */
  ssoRole(psArn: string, accountId: string): IamRole | undefined {
    return this.ssoRoleByPsAccount.get(`${psArn}|${accountId}`);
  }
}
