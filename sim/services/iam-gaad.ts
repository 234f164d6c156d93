// IAM GetAccountAuthorizationDetails: every user, group, role and managed policy of the
// caller's account, with policy documents URL-encoded as AWS returns them.
import type { IamGroup, IamRole, IamUser, InlinePolicy, ManagedPolicy, Tag } from "../model";
import type { AccountIndex } from "../state";
import { paginate, SimError } from "../protocol/common";
import type { QueryCtx } from "./types";

const enc = encodeURIComponent;
const policyName = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);
const attached = (arns: string[]) => arns.map((arn) => ({ PolicyName: policyName(arn), PolicyArn: arn }));
const inline = (list: InlinePolicy[]) => list.map((p) => ({ PolicyName: p.name, PolicyDocument: enc(p.document) }));
const boundary = (arn?: string) => (arn ? { PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: arn } : undefined);
const tags = (t: Tag[]) => (t.length ? t : undefined);

export function userDetail(u: IamUser) {
  return {
    Path: u.path,
    UserName: u.name,
    UserId: u.id,
    Arn: u.arn,
    CreateDate: u.createDate,
    UserPolicyList: inline(u.inlinePolicies),
    GroupList: u.groups,
    AttachedManagedPolicies: attached(u.managedPolicyArns),
    PermissionsBoundary: boundary(u.permissionsBoundaryArn),
    Tags: tags(u.tags),
  };
}

function groupDetail(g: IamGroup) {
  return {
    Path: g.path,
    GroupName: g.name,
    GroupId: g.id,
    Arn: g.arn,
    CreateDate: g.createDate,
    GroupPolicyList: inline(g.inlinePolicies),
    AttachedManagedPolicies: attached(g.managedPolicyArns),
  };
}

function roleDetail(r: IamRole, withoutId = false) {
  const trust = enc(r.trustPolicy);
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: withoutId ? undefined : r.id,
    Arn: r.arn,
    CreateDate: r.createDate,
    AssumeRolePolicyDocument: trust,
    InstanceProfileList: r.instanceProfiles.map((ip) => ({
      Path: ip.path,
      InstanceProfileName: ip.name,
      InstanceProfileId: ip.id,
      Arn: ip.arn,
      CreateDate: ip.createDate,
      Roles: [{ Path: r.path, RoleName: r.name, RoleId: r.id, Arn: r.arn, CreateDate: r.createDate, AssumeRolePolicyDocument: trust }],
    })),
    RolePolicyList: inline(r.inlinePolicies),
    AttachedManagedPolicies: attached(r.managedPolicyArns),
    PermissionsBoundary: boundary(r.permissionsBoundaryArn),
    Tags: tags(r.tags),
    RoleLastUsed: r.lastUsed ? { LastUsedDate: r.lastUsed.date, Region: r.lastUsed.region } : {},
  };
}

function policyDetail(p: ManagedPolicy, idx: AccountIndex, withoutId: boolean) {
  return {
    PolicyName: p.name,
    PolicyId: withoutId ? undefined : p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: idx.attachmentCount.get(p.arn) ?? 0,
    PermissionsBoundaryUsageCount: idx.boundaryCount.get(p.arn) ?? 0,
    IsAttachable: true,
    Description: p.description,
    CreateDate: p.createDate,
    UpdateDate: p.updateDate,
    PolicyVersionList: p.versions.map((v) => ({ Document: enc(v.document), VersionId: v.versionId, IsDefaultVersion: v.isDefault, CreateDate: v.createDate })),
  };
}

const FILTERS = new Set(["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"]);

export function getAccountAuthorizationDetails(ctx: QueryCtx, idx: AccountIndex, maxItems: number) {
  const filter = ctx.params.list("Filter");
  for (const f of filter) {
    if (!FILTERS.has(f)) throw new SimError("ValidationError", `1 validation error detected: Value '[${f}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]]`);
  }
  const list = idx.entitiesFor(filter);
  const scope = `gaad:${idx.account.id}:${[...filter].sort().join(",")}`;
  const { page, next } = paginate(list, ctx.params.str("Marker"), maxItems, scope, () => new SimError("InvalidInput", "Invalid Marker."));
  const users = [], groups = [], roles = [], policies = [];
  for (const x of page) {
    if (x.kind === "User") users.push(userDetail(x.e));
    else if (x.kind === "Group") groups.push(groupDetail(x.e));
    else if (x.kind === "Role") roles.push(roleDetail(x.e, ctx.faults.omitsRoleId(x.e.arn)));
    else policies.push(policyDetail(x.e, idx, ctx.faults.omitsPolicyId(x.e.arn)));
  }
  return { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies, IsTruncated: next !== undefined, Marker: next };
}
