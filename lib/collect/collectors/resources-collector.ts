import pLimit from "p-limit";
import { RESOURCE_TYPES, type TRegionStatus } from "../../resources/resource-model";
import { ACCOUNT_SETTINGS_KIND, REGION_STATUS_KIND, accountSettingsRecord, regionStatusRecord, resourceKind, resourceRecord } from "../../resources/resource-records";
import { describeAwsError } from "../../aws/aws-error";
import type { TRecordBatch } from "../../snapshot/types";
import { discoverRegions } from "../regions/discover-regions";
import type { TAccountCollector, TAccountContext } from "../types";
import { collectRegion, type TRegionOutcome } from "./resources/collect-region";
import { RESOURCE_COLLECTORS } from "./resources/registry";
import { collectS3AccountSettings } from "./resources/s3-account-settings";

const REGIONS_AT_ONCE = 4;
/** Resource detail calls in flight per account: enough to keep a throttled account busy at high latency. */
const DETAIL_CALLS_AT_ONCE = 16;

/**
 * Per type: the resources of every region whose listing succeeded replace what was stored
 * there; regions that failed or were denied keep their previous resources (merge with
 * those keys live), so one unreadable region never makes resources look deleted.
 */
async function resourceBatches(options: { ctx: TAccountContext; outcomes: TRegionOutcome[] }): Promise<TRecordBatch[]> {
  const { ctx, outcomes } = options;
  const batches: TRecordBatch[] = [];
  for (const type of RESOURCE_TYPES) {
    const kind = resourceKind(type);
    const records = outcomes.flatMap((o) => o.resources.filter((r) => r.type === type)).map((resource) => resourceRecord({ resource, documents: ctx.documents }));
    const stale = new Set(outcomes.filter((o) => o.failed.some((f) => f.collector.types.includes(type))).map((o) => o.status.region));
    if (stale.size === 0) {
      batches.push({ kind, mode: "replace", records });
      continue;
    }
    const kept = (await ctx.readCurrent(kind)).filter((r) => stale.has(r.data.region)).map((r) => r.key);
    batches.push({ kind, mode: "merge", records, liveKeys: [...new Set([...records.map((r) => r.key), ...kept])] });
  }
  return batches;
}

/**
 * Data resources and their resource-based policies in every enabled region of the account
 * (narrowed by COLLECT_REGIONS), each region with its own status, plus account-level S3
 * Block Public Access.
 */
export const resourcesCollector: TAccountCollector = {
  name: "resources",
  kinds: [...RESOURCE_TYPES.map(resourceKind), REGION_STATUS_KIND, ACCOUNT_SETTINGS_KIND],
  async collect(ctx) {
    const { regions } = await discoverRegions(ctx);
    const regionLimit = pLimit(REGIONS_AT_ONCE);
    const detailLimit = pLimit(DETAIL_CALLS_AT_ONCE);
    const outcomes = await Promise.all(regions.filter((r) => r.collect).map((r) => regionLimit(() => collectRegion({ account: ctx, region: r.region, collectors: RESOURCE_COLLECTORS, limit: detailLimit }))));
    const statuses: TRegionStatus[] = [
      ...outcomes.map((o) => o.status),
      ...regions.filter((r) => !r.collect).map((r): TRegionStatus => ({ accountId: ctx.accountId, region: r.region, status: "unavailable", reason: r.reason })),
    ];
    for (const o of outcomes) {
      // A region an SCP closes is the organization's design: recorded on the region only.
      if (o.status.status === "unavailable") continue;
      for (const f of o.failed) for (const type of f.collector.types) ctx.noteUnavailable({ kind: resourceKind(type), collector: "resources", code: f.code, message: `${o.status.region}: ${f.message}` });
    }
    const batches = await resourceBatches({ ctx, outcomes });
    batches.push({ kind: REGION_STATUS_KIND, mode: "replace", records: statuses.map(regionStatusRecord) });
    try {
      batches.push({ kind: ACCOUNT_SETTINGS_KIND, mode: "replace", records: [accountSettingsRecord(await collectS3AccountSettings(ctx))] });
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      const info = describeAwsError(error);
      ctx.noteUnavailable({ kind: ACCOUNT_SETTINGS_KIND, collector: "resources", code: info.code, message: `s3control GetPublicAccessBlock: ${info.message}` });
    }
    return batches;
  },
};
