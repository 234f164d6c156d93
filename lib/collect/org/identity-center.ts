import {
  SSOAdminClient, paginateListInstances, paginateListPermissionSets, DescribePermissionSetCommand,
  paginateListManagedPoliciesInPermissionSet, paginateListCustomerManagedPolicyReferencesInPermissionSet,
  GetInlinePolicyForPermissionSetCommand, GetPermissionsBoundaryForPermissionSetCommand,
  paginateListAccountsForProvisionedPermissionSet, paginateListAccountAssignments,
} from "@aws-sdk/client-sso-admin";
import { IdentitystoreClient, paginateListUsers, paginateListGroups, paginateListGroupMemberships } from "@aws-sdk/client-identitystore";
import pLimit from "p-limit";
import { describeAwsError } from "../../aws/aws-error";
import { registerDocument } from "../parse/policy-document";
import type { TSnapshotRecord, TRecordBatch } from "../../snapshot/types";
import type { TUnavailable } from "../types";

type TClients = { ssoAdmin: SSOAdminClient; identityStore: IdentitystoreClient; documents: Map<string, unknown>; unavailable: TUnavailable[] };

/**
 * A permission set's optional parts (boundary, inline policy, customer managed policy
 * references) come from calls newer than the rest of the API, which an endpoint may not
 * implement or a policy may deny. A failing one makes only that field unavailable, on the
 * record (`unavailableFields`) and in the run, once per field; everything else is kept.
 */
async function optionalPart<T>(options: TClients & { field: string; operation: string; unavailableFields: string[]; call: () => Promise<T> }): Promise<T | null> {
  try {
    return await options.call();
  } catch (error) {
    const info = describeAwsError(error);
    if ((error as { name?: string }).name === "AbortError") throw error;
    options.unavailableFields.push(options.field);
    const kind = `sso.permission-set.${options.field}`;
    if (!options.unavailable.some((u) => u.kind === kind)) {
      options.unavailable.push({ kind, collector: "identity-center", code: info.code, message: info.message, operation: options.operation });
    }
    return null;
  }
}

async function boundaryOf(client: SSOAdminClient, InstanceArn: string, PermissionSetArn: string) {
  try {
    const out = await client.send(new GetPermissionsBoundaryForPermissionSetCommand({ InstanceArn, PermissionSetArn }));
    const b = out.PermissionsBoundary;
    if (!b) return null;
    return b.ManagedPolicyArn
      ? { managedPolicyArn: b.ManagedPolicyArn }
      : { customerManagedPolicy: { name: b.CustomerManagedPolicyReference?.Name, path: b.CustomerManagedPolicyReference?.Path ?? "/" } };
  } catch (error) {
    // AWS answers ResourceNotFoundException for a permission set without a boundary.
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
  const unavailableFields: string[] = [];
  const optional = <T>(field: string, operation: string, call: () => Promise<T>) => optionalPart({ ...options, field, operation, unavailableFields, call });
  const customerManagedPolicies = await optional("customerManagedPolicies", "ListCustomerManagedPolicyReferencesInPermissionSet", async () => {
    const list: Array<{ name: string; path: string }> = [];
    for await (const page of paginateListCustomerManagedPolicyReferencesInPermissionSet({ client }, { InstanceArn, PermissionSetArn })) {
      list.push(...(page.CustomerManagedPolicyReferences ?? []).map((p) => ({ name: p.Name!, path: p.Path ?? "/" })));
    }
    return list;
  });
  const inline = await optional("inlinePolicy", "GetInlinePolicyForPermissionSet", () => client.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn, PermissionSetArn })));
  const permissionsBoundary = await optional("permissionsBoundary", "GetPermissionsBoundaryForPermissionSet", () => boundaryOf(client, InstanceArn, PermissionSetArn));
  const accounts: string[] = [];
  for await (const page of paginateListAccountsForProvisionedPermissionSet({ client }, { InstanceArn, PermissionSetArn })) {
    accounts.push(...(page.AccountIds ?? []));
  }
  return {
    record: {
      kind: "sso.permission-set", key: PermissionSetArn, name: ps?.Name, arn: PermissionSetArn,
      data: {
        instanceArn: InstanceArn, description: ps?.Description ?? "", sessionDuration: ps?.SessionDuration ?? null,
        managedPolicies: managedPolicies.sort(), customerManagedPolicies: customerManagedPolicies ?? [],
        inlinePolicyHash: inline?.InlinePolicy ? registerDocument({ documents, raw: inline.InlinePolicy, context: `permission set ${ps?.Name} inline policy` }) : null,
        permissionsBoundary,
        provisionedAccounts: accounts.sort(),
        // Fields whose call failed: their value above is unknown, not empty.
        ...(unavailableFields.length ? { unavailableFields: unavailableFields.sort() } : {}),
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

const STORE_KINDS = ["sso.user", "sso.group", "sso.membership"];

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
  const storeUnavailable = new Set<string>();
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
      try {
        const store = await identityStoreRecords(options.identityStore, instance.IdentityStoreId!);
        out["sso.user"].push(...store.users);
        out["sso.group"].push(...store.groups);
        out["sso.membership"].push(...store.memberships);
      } catch (error) {
        // The identity store is a service of its own: without it, permission sets and assignments still stand.
        const info = describeAwsError(error);
        for (const kind of STORE_KINDS) {
          storeUnavailable.add(kind);
          options.unavailable.push({ kind, collector: "identity-center", code: info.code, message: info.message });
        }
      }
    }
  }
  // A kind that could not be read keeps its earlier records (no replace).
  return Object.entries(out).filter(([kind]) => !storeUnavailable.has(kind)).map(([kind, records]) => ({ kind, records, mode: "replace" as const }));
}
