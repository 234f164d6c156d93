import { paginateGetAccountAuthorizationDetails } from "@aws-sdk/client-iam";
import type { AttachedPolicy, PolicyDetail, Tag } from "@aws-sdk/client-iam";
import { registerDocument, decodePolicyDocument } from "../parse/policy-document";
import { trustPrincipals } from "../parse/trust-principals";
import type { TAccountCollector, TAccountContext } from "../types";
import type { TSnapshotRecord } from "../../snapshot/types";

const iso = (date?: Date) => (date ? date.toISOString() : null);
const tags = (list?: Tag[]) => Object.fromEntries((list ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
const attached = (list?: AttachedPolicy[]) =>
  (list ?? []).map((p) => ({ arn: p.PolicyArn ?? "", name: p.PolicyName ?? "" })).sort((a, b) => a.arn.localeCompare(b.arn));

function inline(ctx: TAccountContext, owner: string, list?: PolicyDetail[]) {
  return (list ?? [])
    .map((p) => ({
      name: p.PolicyName ?? "",
      documentHash: registerDocument({ documents: ctx.documents, raw: p.PolicyDocument, context: `${owner} inline policy ${p.PolicyName}` }),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Users, groups, roles (trust, instance profiles, last used) and managed policies of the
 * account in one paginated call, as AWS recommends for inventory.
 */
export const authorizationDetailsCollector: TAccountCollector = {
  name: "authorization-details",
  kinds: ["iam.user", "iam.group", "iam.role", "iam.role-usage", "iam.policy"],
  async collect(ctx) {
    const users: TSnapshotRecord[] = [];
    const groups: TSnapshotRecord[] = [];
    const roles: TSnapshotRecord[] = [];
    const roleUsage: TSnapshotRecord[] = [];
    const policies: TSnapshotRecord[] = [];
    const pages = paginateGetAccountAuthorizationDetails({ client: ctx.iam, pageSize: 1000 }, {});
    for await (const page of pages) {
      for (const u of page.UserDetailList ?? []) {
        users.push({
          kind: "iam.user", key: u.UserId!, name: u.UserName, arn: u.Arn,
          data: {
            path: u.Path, createDate: iso(u.CreateDate), groups: [...(u.GroupList ?? [])].sort(),
            attachedPolicies: attached(u.AttachedManagedPolicies), inlinePolicies: inline(ctx, `user ${u.UserName}`, u.UserPolicyList),
            permissionsBoundary: u.PermissionsBoundary?.PermissionsBoundaryArn ?? null, tags: tags(u.Tags),
          },
        });
      }
      for (const g of page.GroupDetailList ?? []) {
        groups.push({
          kind: "iam.group", key: g.GroupId!, name: g.GroupName, arn: g.Arn,
          data: { path: g.Path, createDate: iso(g.CreateDate), attachedPolicies: attached(g.AttachedManagedPolicies), inlinePolicies: inline(ctx, `group ${g.GroupName}`, g.GroupPolicyList) },
        });
      }
      for (const r of page.RoleDetailList ?? []) {
        const trustDocument = decodePolicyDocument(r.AssumeRolePolicyDocument, `role ${r.RoleName} trust policy`);
        roles.push({
          kind: "iam.role", key: r.RoleId!, name: r.RoleName, arn: r.Arn,
          data: {
            path: r.Path, createDate: iso(r.CreateDate),
            trust: {
              documentHash: registerDocument({ documents: ctx.documents, raw: trustDocument, context: `role ${r.RoleName} trust policy` }),
              principals: trustPrincipals(trustDocument),
            },
            attachedPolicies: attached(r.AttachedManagedPolicies), inlinePolicies: inline(ctx, `role ${r.RoleName}`, r.RolePolicyList),
            permissionsBoundary: r.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
            instanceProfiles: (r.InstanceProfileList ?? []).map((ip) => ({ id: ip.InstanceProfileId, name: ip.InstanceProfileName, arn: ip.Arn })),
            tags: tags(r.Tags),
          },
        });
        // Last-used changes daily for busy roles; a kind of its own keeps that churn out of the role row.
        roleUsage.push({
          kind: "iam.role-usage", key: r.RoleId!, name: r.RoleName, arn: r.Arn,
          data: { lastUsedDate: iso(r.RoleLastUsed?.LastUsedDate), lastUsedRegion: r.RoleLastUsed?.Region ?? null },
        });
      }
      for (const p of page.Policies ?? []) {
        const versions = (p.PolicyVersionList ?? []).map((v) => ({
          versionId: v.VersionId, isDefault: Boolean(v.IsDefaultVersion), createDate: iso(v.CreateDate),
          documentHash: registerDocument({ documents: ctx.documents, raw: v.Document, context: `policy ${p.PolicyName} ${v.VersionId}` }),
        }));
        policies.push({
          kind: "iam.policy", key: p.PolicyId!, name: p.PolicyName, arn: p.Arn,
          data: {
            path: p.Path, awsManaged: (p.Arn ?? "").includes(":iam::aws:policy/"), defaultVersionId: p.DefaultVersionId,
            documentHash: versions.find((v) => v.isDefault)?.documentHash ?? null, versions,
            attachmentCount: p.AttachmentCount ?? 0, permissionsBoundaryUsageCount: p.PermissionsBoundaryUsageCount ?? 0,
            isAttachable: p.IsAttachable ?? true, createDate: iso(p.CreateDate), updateDate: iso(p.UpdateDate),
          },
        });
      }
    }
    ctx.principals = [
      ...users.map((u) => ({ id: u.key, name: u.name!, arn: u.arn!, type: "user" as const })),
      ...roles.map((r) => ({ id: r.key, name: r.name!, arn: r.arn!, type: "role" as const })),
    ];
    return [
      { kind: "iam.user", records: users, mode: "replace" },
      { kind: "iam.group", records: groups, mode: "replace" },
      { kind: "iam.role", records: roles, mode: "replace" },
      { kind: "iam.role-usage", records: roleUsage, mode: "replace" },
      { kind: "iam.policy", records: policies, mode: "replace" },
    ];
  },
};
