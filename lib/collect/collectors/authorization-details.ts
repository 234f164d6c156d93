import { paginateGetAccountAuthorizationDetails } from "@aws-sdk/client-iam";
import type { AttachedPolicy, EntityType, GetAccountAuthorizationDetailsCommandOutput, ManagedPolicyDetail, PolicyDetail, Tag } from "@aws-sdk/client-iam";
import { registerDocument, decodePolicyDocument } from "../parse/policy-document";
import { trustPrincipals } from "../parse/trust-principals";
import { describeAwsError } from "../../aws/aws-error";
import type { TAccountCollector, TAccountContext } from "../types";
import type { TSnapshotRecord } from "../../snapshot/types";

const iso = (date?: Date) => (date ? date.toISOString() : null);
const tags = (list?: Tag[]) => Object.fromEntries((list ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
const attached = (list?: AttachedPolicy[]) =>
  (list ?? []).map((p) => ({ arn: p.PolicyArn ?? "", name: p.PolicyName ?? "" })).sort((a, b) => a.arn.localeCompare(b.arn));
const isAwsManaged = (arn: string) => /^arn:aws[\w-]*:iam::aws:policy\//.test(arn);

// The account's own entities; AWS-managed policies come once per run from the catalogue.
const ENTITY_FILTER: EntityType[] = ["User", "Role", "Group", "LocalManagedPolicy"];

function inline(ctx: TAccountContext, owner: string, list?: PolicyDetail[]) {
  return (list ?? [])
    .map((p) => ({
      name: p.PolicyName ?? "",
      documentHash: registerDocument({ documents: ctx.documents, raw: p.PolicyDocument, context: `${owner} inline policy ${p.PolicyName}` }),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Builds one record, or sets it aside as a record error when a field it is keyed by is
 * missing or a document cannot be parsed: one bad entity never costs the account the rest.
 */
function build(options: { ctx: TAccountContext; kind: string; label: string | undefined; required: Record<string, unknown>; make: () => TSnapshotRecord[] }): TSnapshotRecord[] {
  const { ctx, kind } = options;
  const label = options.label ?? "(unnamed)";
  const missing = Object.entries(options.required).filter(([, value]) => value === undefined || value === null || value === "").map(([field]) => field);
  if (missing.length) {
    ctx.recordError({ kind, record: label, missing, message: `${kind} ${label} lacks ${missing.join(", ")} in GetAccountAuthorizationDetails and was not stored` });
    return [];
  }
  try {
    return options.make();
  } catch (error) {
    ctx.recordError({ kind, record: label, missing: [], message: `${kind} ${label} could not be read: ${(error as Error).message}` });
    return [];
  }
}

type TPolicyRecordInput = { arn: string; id: string | null; name: string; path: string; defaultVersionId: string | null; versions: Array<{ versionId?: string; isDefault: boolean; createDate: string | null; documentHash: string }>;
  attachmentCount: number; permissionsBoundaryUsageCount: number; isAttachable: boolean; createDate: string | null; updateDate: string | null };

// Managed policies are keyed by ARN, as AWS identifies them everywhere they are referenced; the id is kept when the answer has one.
function policyRecord(p: TPolicyRecordInput): TSnapshotRecord {
  return {
    kind: "iam.policy", key: p.arn, name: p.name, arn: p.arn,
    data: {
      policyId: p.id, path: p.path, awsManaged: isAwsManaged(p.arn), defaultVersionId: p.defaultVersionId,
      documentHash: p.versions.find((v) => v.isDefault)?.documentHash ?? null, versions: p.versions,
      attachmentCount: p.attachmentCount, permissionsBoundaryUsageCount: p.permissionsBoundaryUsageCount,
      isAttachable: p.isAttachable, createDate: p.createDate, updateDate: p.updateDate,
    },
  };
}

function customerPolicy(ctx: TAccountContext, p: ManagedPolicyDetail): TSnapshotRecord {
  const versions = (p.PolicyVersionList ?? []).map((v) => ({
    versionId: v.VersionId, isDefault: Boolean(v.IsDefaultVersion), createDate: iso(v.CreateDate),
    documentHash: registerDocument({ documents: ctx.documents, raw: v.Document, context: `policy ${p.PolicyName} ${v.VersionId}` }),
  }));
  return policyRecord({
    arn: p.Arn!, id: p.PolicyId ?? null, name: p.PolicyName ?? p.Arn!.slice(p.Arn!.lastIndexOf("/") + 1), path: p.Path ?? "/",
    defaultVersionId: p.DefaultVersionId ?? null, versions, attachmentCount: p.AttachmentCount ?? 0,
    permissionsBoundaryUsageCount: p.PermissionsBoundaryUsageCount ?? 0, isAttachable: p.IsAttachable ?? true,
    createDate: iso(p.CreateDate), updateDate: iso(p.UpdateDate),
  });
}

/** Counts, from the account's own entities, how often each policy is attached and used as a boundary. */
function usageOf(records: TSnapshotRecord[]) {
  const attachments = new Map<string, number>();
  const boundaries = new Map<string, number>();
  for (const r of records) {
    const data = r.data as { attachedPolicies?: Array<{ arn: string }>; permissionsBoundary?: string | null };
    for (const p of data.attachedPolicies ?? []) attachments.set(p.arn, (attachments.get(p.arn) ?? 0) + 1);
    if (data.permissionsBoundary) boundaries.set(data.permissionsBoundary, (boundaries.get(data.permissionsBoundary) ?? 0) + 1);
  }
  return { attachments, boundaries };
}

/** The AWS-managed policies the account's entities attach or use as boundaries, from the run's catalogue. */
async function awsManagedPolicies(ctx: TAccountContext, entities: TSnapshotRecord[]): Promise<TSnapshotRecord[]> {
  const { attachments, boundaries } = usageOf(entities);
  const arns = [...new Set([...attachments.keys(), ...boundaries.keys()])].filter(isAwsManaged).sort();
  const records = await Promise.all(arns.map((arn) => ctx.limit(async () => {
    try {
      const p = await ctx.awsManagedPolicies.get({ arn, iam: ctx.iam, signal: ctx.signal });
      ctx.documents.set(p.documentHash, p.document);
      return [policyRecord({
        arn, id: p.id, name: p.name, path: p.path, defaultVersionId: p.defaultVersionId,
        versions: [{ versionId: p.defaultVersionId, isDefault: true, createDate: p.updateDate, documentHash: p.documentHash }],
        attachmentCount: attachments.get(arn) ?? 0, permissionsBoundaryUsageCount: boundaries.get(arn) ?? 0, isAttachable: true,
        createDate: p.createDate, updateDate: p.updateDate,
      })];
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      const info = describeAwsError(error);
      ctx.recordError({ kind: "iam.policy", record: arn, missing: ["document"], message: `AWS managed policy ${arn} could not be read: ${info.code}: ${info.message}` });
      return [];
    }
  })));
  return records.flat();
}

/**
 * Users, groups, roles (trust, instance profiles, last used) and the account's own
 * managed policies in one paginated call filtered to those entity types, as AWS
 * recommends for inventory; the AWS-managed policies they use come from the run's
 * catalogue (read once for the organization).
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
    const pages = paginateGetAccountAuthorizationDetails({ client: ctx.iam, pageSize: 1000 }, { Filter: ENTITY_FILTER });
    for await (const page of pages as AsyncIterable<GetAccountAuthorizationDetailsCommandOutput>) {
      for (const u of page.UserDetailList ?? []) {
        users.push(...build({ ctx, kind: "iam.user", label: u.Arn ?? u.UserName, required: { UserId: u.UserId, UserName: u.UserName, Arn: u.Arn }, make: () => [{
          kind: "iam.user", key: u.UserId!, name: u.UserName, arn: u.Arn,
          data: {
            path: u.Path, createDate: iso(u.CreateDate), groups: [...(u.GroupList ?? [])].sort(),
            attachedPolicies: attached(u.AttachedManagedPolicies), inlinePolicies: inline(ctx, `user ${u.UserName}`, u.UserPolicyList),
            permissionsBoundary: u.PermissionsBoundary?.PermissionsBoundaryArn ?? null, tags: tags(u.Tags),
          },
        }] }));
      }
      for (const g of page.GroupDetailList ?? []) {
        groups.push(...build({ ctx, kind: "iam.group", label: g.Arn ?? g.GroupName, required: { GroupId: g.GroupId, GroupName: g.GroupName }, make: () => [{
          kind: "iam.group", key: g.GroupId!, name: g.GroupName, arn: g.Arn,
          data: { path: g.Path, createDate: iso(g.CreateDate), attachedPolicies: attached(g.AttachedManagedPolicies), inlinePolicies: inline(ctx, `group ${g.GroupName}`, g.GroupPolicyList) },
        }] }));
      }
      for (const r of page.RoleDetailList ?? []) {
        const made = build({ ctx, kind: "iam.role", label: r.Arn ?? r.RoleName, required: { RoleId: r.RoleId, RoleName: r.RoleName, Arn: r.Arn, AssumeRolePolicyDocument: r.AssumeRolePolicyDocument }, make: () => {
          const trustDocument = decodePolicyDocument(r.AssumeRolePolicyDocument, `role ${r.RoleName} trust policy`);
          return [{
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
          }];
        } });
        roles.push(...made);
        // Last-used changes daily for busy roles; a kind of its own keeps that churn out of the role row.
        if (made.length) {
          roleUsage.push({
            kind: "iam.role-usage", key: r.RoleId!, name: r.RoleName, arn: r.Arn,
            data: { lastUsedDate: iso(r.RoleLastUsed?.LastUsedDate), lastUsedRegion: r.RoleLastUsed?.Region ?? null },
          });
        }
      }
      for (const p of page.Policies ?? []) {
        // An endpoint that ignores the filter may still list AWS-managed policies: the catalogue has them.
        if (p.Arn && isAwsManaged(p.Arn)) continue;
        policies.push(...build({ ctx, kind: "iam.policy", label: p.Arn ?? p.PolicyName, required: { Arn: p.Arn }, make: () => [customerPolicy(ctx, p)] }));
      }
    }
    policies.push(...(await awsManagedPolicies(ctx, [...users, ...groups, ...roles])));
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
