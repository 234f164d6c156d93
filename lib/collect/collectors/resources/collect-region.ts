import { describeAwsError } from "../../../aws/aws-error";
import type { TRegionStatus, TResource } from "../../../resources/resource-model";
import type { TAccountContext, TSdkClient } from "../../types";
import type { TRegionContext, TResourceCollector } from "./types";

export type TRegionOutcome = {
  status: TRegionStatus;
  resources: TResource[];
  /** Collectors whose listing failed here: their previous resources in this region stay current. */
  failed: Array<{ collector: TResourceCollector; code: string; message: string; denied: boolean }>;
};

/**
 * Every resource collector in one region. A listing refused everywhere (an SCP region
 * guardrail refuses them all) makes the region unavailable, not the account failed.
 */
export async function collectRegion(options: { account: TAccountContext; region: string; collectors: TResourceCollector[]; limit: TRegionContext["limit"] }): Promise<TRegionOutcome> {
  const { account, region } = options;
  const clients = new Map<string, TSdkClient>();
  const client = <T extends TSdkClient>(key: string, create: Parameters<TAccountContext["makeClient"]>[0]["create"]): T => {
    if (!clients.has(key)) clients.set(key, account.makeClient({ region, create }));
    return clients.get(key) as T;
  };
  const resources: TResource[] = [];
  const failed: TRegionOutcome["failed"] = [];
  // Collectors run side by side (calls are paced per account by the rate governor); results keep their order.
  const results = await Promise.all(options.collectors.map(async (collector) => {
    try {
      return await collector.collect({ account, region, limit: options.limit, client: client as never });
    } catch (error) {
      if (account.signal.aborted) throw error;
      const info = describeAwsError(error);
      failed.push({ collector, code: info.code, message: info.message, denied: info.kind === "access-denied" });
      return [];
    }
  }));
  for (const list of results) resources.push(...list);
  failed.sort((a, b) => options.collectors.indexOf(a.collector) - options.collectors.indexOf(b.collector));
  const base = { accountId: account.accountId, region };
  let status: TRegionStatus = { ...base, status: "collected", reason: null };
  if (failed.length === options.collectors.length && failed.length > 0) {
    // Reasons are stored with the region, so they name no session or request id that changes every run.
    const scp = failed.every((f) => f.denied) && failed.some((f) => /service control policy/i.test(f.message));
    const action = /perform: (\S+)/.exec(failed[0].message)?.[1];
    status = failed.every((f) => f.denied)
      ? { ...base, status: "unavailable", reason: `${scp ? "denied by a service control policy" : `access denied (${failed[0].code})`}: every listing refused${action ? `, e.g. ${action}` : ""}` }
      : { ...base, status: "failed", reason: `${failed[0].collector.name}: ${failed[0].code}` };
  } else if (failed.length) {
    status = { ...base, status: "collected", reason: `not readable here: ${failed.map((f) => `${f.collector.name} (${f.code})`).join(", ")}` };
  }
  return { status, resources, failed };
}
