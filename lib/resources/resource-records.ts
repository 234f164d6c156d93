// How resources, region statuses and account settings are stored in the versioned snapshot:
// one record per resource (kind resource.<type>, key = ARN), its policy document stored once
// by content hash (policy_document), so an unchanged resource hashes equal and is not rewritten.
import { contentHash } from "../snapshot/canonical-json";
import type { TSnapshotRecord } from "../snapshot/types";
import type { TAccountResourceSettings, TRegionStatus, TResource, TResourceType } from "./resource-model";

export const REGION_STATUS_KIND = "resource.region";
export const ACCOUNT_SETTINGS_KIND = "resource.account-settings";
export const resourceKind = (type: TResourceType) => `resource.${type}`;
export const RESOURCE_KIND_PREFIX = "resource.";

type TStored = { scope: string; kind: string; key: string; name: string | null; arn: string | null; data: any };

export function resourceRecord(options: { resource: TResource; documents: Map<string, unknown> }): TSnapshotRecord {
  const { policy, arn, name, ...rest } = options.resource;
  let policyHash: string | null = null;
  if (policy !== null && policy !== undefined) {
    policyHash = contentHash(policy);
    options.documents.set(policyHash, policy);
  }
  return { kind: resourceKind(rest.type), key: arn, name, arn, data: { ...rest, policyHash } };
}

export function resourceFromRecord(options: { record: TStored; documents: Map<string, unknown> }): TResource {
  const { policyHash, ...data } = options.record.data;
  return { ...data, arn: options.record.arn ?? options.record.key, name: options.record.name ?? options.record.key, accountId: options.record.scope, policy: policyHash ? options.documents.get(policyHash) ?? null : null };
}

export function regionStatusRecord(status: TRegionStatus): TSnapshotRecord {
  return { kind: REGION_STATUS_KIND, key: status.region, name: status.region, data: { status: status.status, reason: status.reason } };
}

export function regionStatusFromRecord(record: TStored): TRegionStatus {
  return { accountId: record.scope, region: record.key, status: record.data.status, reason: record.data.reason ?? null };
}

export function accountSettingsRecord(settings: TAccountResourceSettings): TSnapshotRecord {
  return { kind: ACCOUNT_SETTINGS_KIND, key: "s3", data: { s3BlockPublicAccess: settings.s3BlockPublicAccess } };
}

export function accountSettingsFromRecord(record: TStored): TAccountResourceSettings {
  return { accountId: record.scope, s3BlockPublicAccess: record.data.s3BlockPublicAccess ?? null };
}
