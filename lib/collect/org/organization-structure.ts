import {
  OrganizationsClient, DescribeOrganizationCommand, paginateListRoots, paginateListOrganizationalUnitsForParent,
  paginateListAccountsForParent, paginateListPolicies, paginateListTargetsForPolicy, paginateListTagsForResource,
  DescribePolicyCommand,
} from "@aws-sdk/client-organizations";
import type { PolicyType } from "@aws-sdk/client-organizations";
import pLimit from "p-limit";
import { registerDocument } from "../parse/policy-document";
import { describeAwsError } from "../../aws/aws-error";
import type { TSnapshotRecord, TRecordBatch } from "../../snapshot/types";
import type { TUnavailable } from "../types";

export type TDiscoveredAccount = {
  id: string; name: string; email: string | null; status: string; state: string | null;
  parentId: string | null; ouPath: string[]; tags: Record<string, string>;
};

export type TOrganizationSnapshot = {
  managementAccountId: string | null;
  accounts: TDiscoveredAccount[];
  batches: TRecordBatch[];
  unavailable: TUnavailable[];
};

async function tagsOf(client: OrganizationsClient, resourceId: string): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  for await (const page of paginateListTagsForResource({ client }, { ResourceId: resourceId })) {
    for (const t of page.Tags ?? []) tags[t.Key!] = t.Value ?? "";
  }
  return tags;
}

async function policiesOfType(options: { client: OrganizationsClient; type: PolicyType; documents: Map<string, unknown> }): Promise<TSnapshotRecord[]> {
  const { client, type, documents } = options;
  const records: TSnapshotRecord[] = [];
  for await (const page of paginateListPolicies({ client }, { Filter: type })) {
    for (const summary of page.Policies ?? []) {
      const detail = await client.send(new DescribePolicyCommand({ PolicyId: summary.Id }));
      const targets: Array<{ targetId: string; type: string; name: string }> = [];
      for await (const t of paginateListTargetsForPolicy({ client }, { PolicyId: summary.Id })) {
        for (const target of t.Targets ?? []) targets.push({ targetId: target.TargetId!, type: target.Type!, name: target.Name ?? "" });
      }
      targets.sort((a, b) => a.targetId.localeCompare(b.targetId));
      records.push({
        kind: "org.policy", key: summary.Id!, name: summary.Name, arn: summary.Arn,
        data: {
          type, description: summary.Description ?? "", awsManaged: Boolean(summary.AwsManaged),
          documentHash: registerDocument({ documents, raw: detail.Policy?.Content, context: `${type} ${summary.Name}` }),
          targets,
        },
      });
    }
  }
  return records;
}

/**
 * The organization: OU tree walked from each root, accounts with their OU path (tags come
 * after, from addOrganizationTags),
 * and SCPs/RCPs with their targets. Suspended or closed accounts are recorded and later
 * skipped by the collector. RCPs are newer than SCPs: a partition or emulator without
 * them marks that kind unavailable instead of failing the discovery.
 */
export async function collectOrganizationStructure(options: { client: OrganizationsClient; documents: Map<string, unknown> }): Promise<TOrganizationSnapshot> {
  const { client, documents } = options;
  const { Organization: org } = await client.send(new DescribeOrganizationCommand({}));
  const records: Record<string, TSnapshotRecord[]> = { "org.organization": [], "org.root": [], "org.ou": [], "org.account": [] };
  records["org.organization"].push({
    kind: "org.organization", key: org!.Id!, name: org!.Id, arn: org!.Arn,
    data: { managementAccountId: org!.MasterAccountId, managementAccountEmail: org!.MasterAccountEmail ?? null, featureSet: org!.FeatureSet },
  });
  const accounts: TDiscoveredAccount[] = [];
  const walk = async (parentId: string, ouPath: string[], ouNames: string[]) => {
    for await (const page of paginateListAccountsForParent({ client }, { ParentId: parentId })) {
      for (const a of page.Accounts ?? []) {
        const account: TDiscoveredAccount = {
          id: a.Id!, name: a.Name ?? a.Id!, email: a.Email ?? null, status: a.Status ?? "ACTIVE",
          state: (a as { State?: string }).State ?? null, parentId, ouPath, tags: {},
        };
        accounts.push(account);
      }
    }
    for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId })) {
      for (const ou of page.OrganizationalUnits ?? []) {
        const record: TSnapshotRecord = { kind: "org.ou", key: ou.Id!, name: ou.Name, arn: ou.Arn, data: { parentId, path: [...ouNames, ou.Name], tags: {} } };
        records["org.ou"].push(record);
        await walk(ou.Id!, [...ouPath, ou.Id!], [...ouNames, ou.Name!]);
      }
    }
  };
  for await (const page of paginateListRoots({ client }, {})) {
    for (const root of page.Roots ?? []) {
      records["org.root"].push({
        kind: "org.root", key: root.Id!, name: root.Name, arn: root.Arn,
        data: { policyTypes: (root.PolicyTypes ?? []).map((p) => ({ type: p.Type, status: p.Status })) },
      });
      await walk(root.Id!, [root.Id!], []);
    }
  }
  for (const a of accounts) {
    records["org.account"].push({ kind: "org.account", key: a.id, name: a.name, arn: null, data: { email: a.email, status: a.status, state: a.state, parentId: a.parentId, ouPath: a.ouPath, tags: a.tags } });
  }
  const batches: TRecordBatch[] = Object.entries(records).map(([kind, list]) => ({ kind, records: list, mode: "replace" }));
  const unavailable: TUnavailable[] = [];
  const policies: TSnapshotRecord[] = [];
  for (const type of ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"] as PolicyType[]) {
    try {
      policies.push(...(await policiesOfType({ client, type, documents })));
    } catch (error) {
      const info = describeAwsError(error);
      if (info.kind === "other" || info.kind === "timeout") throw error;
      unavailable.push({ kind: `org.policy:${type}`, collector: "organization", code: info.code, message: info.message });
    }
  }
  // A policy type that could not be read keeps its previous rows: merge instead of replace.
  batches.push(unavailable.length
    ? { kind: "org.policy", records: policies, mode: "merge" }
    : { kind: "org.policy", records: policies, mode: "replace" });
  return { managementAccountId: org!.MasterAccountId ?? null, accounts, batches, unavailable };
}

/**
 * Tags of every account and OU (one call each, so the slow part of discovery). Runs after
 * the accounts are known, alongside their collection, and returns the tagged batches.
 */
export async function addOrganizationTags(options: { client: OrganizationsClient; snapshot: TOrganizationSnapshot }): Promise<TRecordBatch[]> {
  const { client, snapshot } = options;
  const limit = pLimit(4);
  const byKind = new Map(snapshot.batches.map((b) => [b.kind, b]));
  const tagged: TRecordBatch[] = [];
  for (const kind of ["org.account", "org.ou"]) {
    const batch = byKind.get(kind);
    if (!batch) continue;
    await Promise.all(batch.records.map((record) => limit(async () => {
      (record.data as { tags: Record<string, string> }).tags = await tagsOf(client, record.key);
    })));
    tagged.push(batch);
  }
  const tagsById = new Map(byKind.get("org.account")?.records.map((r) => [r.key, (r.data as { tags: Record<string, string> }).tags]));
  for (const account of snapshot.accounts) account.tags = tagsById.get(account.id) ?? account.tags;
  return tagged;
}
