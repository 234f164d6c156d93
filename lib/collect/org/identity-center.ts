import {
  SSOAdminClient, paginateListInstances, paginateListPermissionSets, DescribePermissionSetCommand,
  paginateListManagedPoliciesInPermissionSet, paginateListCustomerManagedPolicyReferencesInPermissionSet,
  GetInlinePolicyForPermissionSetCommand, GetPermissionsBoundaryForPermissionSetCommand,
  paginateListAccountsForProvisionedPermissionSet, paginateListAccountAssignments,
} from "@aws-sdk/client-sso-admin";
import { IdentitystoreClient, paginateListUsers, paginateListGroups, paginateListGroupMemberships } from "@aws-sdk/client-identitystore";
import pLimit from "p-limit";
import { registerDocument } from "../parse/policy-document";
import type { TSnapshotRecord, TRecordBatch } from "../../snapshot/types";

type TClients = { ssoAdmin: SSOAdminClient; identityStore: IdentitystoreClient; documents: Map<string, unknown> };

async function boundaryOf(client: SSOAdminClient, InstanceArn: string, PermissionSetArn: string) {
  try {
    const out = await client.send(new GetPermissionsBoundaryForPermissionSetCommand({ InstanceArn, PermissionSetArn }));
    const b = out.PermissionsBoundary;
    if (!b) return null;
    return b.ManagedPolicyArn
      ? { managedPolicyArn: b.ManagedPolicyArn }
      : { customerManagedPolicy: { name: b.CustomerManagedPolicyReference?.Name, path: b.CustomerManagedPolicyReference?.Path ?? "/" } };
  } catch (error) {
    if ((error as { name?: string }).name === "ResourceNotFoundException") return null;
    throw error;
  }
}

async function permissionSet(options: TClients & { instanceArn: string; arn: string }) {
  const { ssoAdmin: client, instanceArn: InstanceArn, arn: PermissionSetArn, documents } = options;
  const { PermissionSet: ps } = await client.send(new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn }));
  const managedPolicies: string[] = [];
  for await (const page of paginateListManagedPoliciesInPermissionSet({ client }, { InstanceArn, PermissionSetArn })) {
    managedPolicies.push(...(page.AttachedManagedPolicies ?? []).map((p) => p.Arn!));
  }
  const customerManagedPolicies: Array<{ name: string; path: string }> = [];
  for await (const page of paginateListCustomerManagedPolicyReferencesInPermissionSet({ client }, { InstanceArn, PermissionSetArn })) {
    customerManagedPolicies.push(...(page.CustomerManagedPolicyReferences ?? []).map((p) => ({ name: p.Name!, path: p.Path ?? "/" })));
  }
  const inline = await client.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn, PermissionSetArn }));
  const accounts: string[] = [];
  for await (const page of paginateListAccountsForProvisionedPermissionSet({ client }, { InstanceArn, PermissionSetArn })) {
    accounts.push(...(page.AccountIds ?? []));
  }
  return {
    record: {
      kind: "sso.permission-set", key: PermissionSetArn, name: ps?.Name, arn: PermissionSetArn,
      data: {
        instanceArn: InstanceArn, description: ps?.Description ?? "", sessionDuration: ps?.SessionDuration ?? null,
        managedPolicies: managedPolicies.sort(), customerManagedPolicies,
        inlinePolicyHash: inline.InlinePolicy ? registerDocument({ documents, raw: inline.InlinePolicy, context: `permission set ${ps?.Name} inline policy` }) : null,
        permissionsBoundary: await boundaryOf(client, InstanceArn, PermissionSetArn),
        provisionedAccounts: accounts.sort(),
      },
    } satisfies TSnapshotRecord,
    accounts,
  };
}

async function identityStoreRecords(client: IdentitystoreClient, IdentityStoreId: string) {
  const users: TSnapshotRecord[] = [];
  const groups: TSnapshotRecord[] = [];
  const memberships: TSnapshotRecord[] = [];
  for await (const page of paginateListUsers({ client }, { IdentityStoreId })) {
    for (const u of page.Users ?? []) {
      users.push({ kind: "sso.user", key: u.UserId!, name: u.UserName, arn: null, data: {
        identityStoreId: IdentityStoreId, displayName: u.DisplayName ?? null,
        emails: (u.Emails ?? []).map((e) => e.Value).filter(Boolean).sort(),
      } });
    }
  }
  for await (const page of paginateListGroups({ client }, { IdentityStoreId })) {
    for (const g of page.Groups ?? []) {
      groups.push({ kind: "sso.group", key: g.GroupId!, name: g.DisplayName, arn: null, data: { identityStoreId: IdentityStoreId, description: g.Description ?? null } });
      for await (const m of paginateListGroupMemberships({ client }, { IdentityStoreId, GroupId: g.GroupId })) {
        for (const member of m.GroupMemberships ?? []) {
          const userId = (member.MemberId as { UserId?: string } | undefined)?.UserId;
          if (userId) memberships.push({ kind: "sso.membership", key: `${g.GroupId}|${userId}`, data: { groupId: g.GroupId, userId } });
        }
      }
    }
  }
  return { users, groups, memberships };
}

/**
 * IAM Identity Center: instances, permission sets with all their policy parts, every
 * account assignment, and the identity store's users, groups and memberships, so access
 * can be followed user -> group -> permission set -> account.
 */
export async function collectIdentityCenter(options: TClients): Promise<TRecordBatch[]> {
  const { ssoAdmin: client } = options;
  const out: Record<string, TSnapshotRecord[]> = {
    "sso.instance": [], "sso.permission-set": [], "sso.assignment": [], "sso.user": [], "sso.group": [], "sso.membership": [],
  };
  const limit = pLimit(4);
  for await (const page of paginateListInstances({ client }, {})) {
    for (const instance of page.Instances ?? []) {
      const InstanceArn = instance.InstanceArn!;
      out["sso.instance"].push({ kind: "sso.instance", key: InstanceArn, name: instance.Name ?? InstanceArn, arn: InstanceArn, data: { identityStoreId: instance.IdentityStoreId, ownerAccountId: instance.OwnerAccountId ?? null, status: instance.Status ?? null } });
      const arns: string[] = [];
      for await (const p of paginateListPermissionSets({ client }, { InstanceArn })) arns.push(...(p.PermissionSets ?? []));
      const sets = await Promise.all(arns.map((arn) => limit(() => permissionSet({ ...options, instanceArn: InstanceArn, arn }))));
      for (const set of sets) {
        out["sso.permission-set"].push(set.record);
        const assignments = await Promise.all(set.accounts.map((AccountId) => limit(async () => {
          const list: TSnapshotRecord[] = [];
          for await (const a of paginateListAccountAssignments({ client }, { InstanceArn, AccountId, PermissionSetArn: set.record.key })) {
            for (const x of a.AccountAssignments ?? []) {
              list.push({ kind: "sso.assignment", key: `${set.record.key}|${AccountId}|${x.PrincipalType}|${x.PrincipalId}`, data: {
                instanceArn: InstanceArn, permissionSetArn: set.record.key, permissionSetName: set.record.name,
                accountId: AccountId, principalType: x.PrincipalType, principalId: x.PrincipalId,
              } });
            }
          }
          return list;
        })));
        out["sso.assignment"].push(...assignments.flat());
      }
      const store = await identityStoreRecords(options.identityStore, instance.IdentityStoreId!);
      out["sso.user"].push(...store.users);
      out["sso.group"].push(...store.groups);
      out["sso.membership"].push(...store.memberships);
    }
  }
  return Object.entries(out).map(([kind, records]) => ({ kind, records, mode: "replace" as const }));
}
