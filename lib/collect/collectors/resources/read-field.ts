import { describeAwsError } from "../../../aws/aws-error";
import type { TResource } from "../../../resources/resource-model";
import type { TRegionContext } from "./types";

/**
 * One detail call of one resource. Codes in `absent` are AWS's documented answer for "none
 * configured" (NoSuchBucketPolicy, PolicyNotFoundException, …) and give null; any other
 * failure (AccessDenied above all) marks the field unavailable on the resource and for the
 * account, and gives undefined, so the rest of the resource is still stored.
 */
export async function readField<T>(options: {
  ctx: TRegionContext; resource: TResource; field: string; absent?: string[]; call: (signal: AbortSignal) => Promise<T>;
}): Promise<T | null | undefined> {
  const { ctx, resource, field } = options;
  try {
    return await options.call(ctx.account.signal);
  } catch (error) {
    if (ctx.account.signal.aborted) throw error;
    const info = describeAwsError(error);
    if (options.absent?.includes(info.code) || options.absent?.includes((error as { name?: string }).name ?? "")) return null;
    // Stored with the resource: without the session name (it changes every run) a lasting denial is no change.
    const message = info.message.replace(/(assumed-role\/[^/\s]+)\/\S+/g, "$1");
    resource.unavailable = { ...resource.unavailable, [field]: `${info.code}: ${message}` };
    ctx.account.noteUnavailable({ kind: `resource.${resource.type}`, collector: "resources", code: info.code, message: `${resource.arn} ${field}: ${info.message}` });
    return undefined;
  }
}

/** A policy document from its JSON text; a document that does not parse is an unavailable field. */
export function parsePolicy(options: { ctx: TRegionContext; resource: TResource; text: string | null | undefined }): unknown | null {
  if (!options.text) return null;
  try {
    return JSON.parse(options.text);
  } catch (error) {
    options.resource.unavailable = { ...options.resource.unavailable, policy: `unparsable policy document: ${(error as Error).message}` };
    return null;
  }
}

export function tagMap(list: Array<{ Key?: string; Value?: string }> | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
}

export function newResource(options: Pick<TResource, "arn" | "type" | "accountId" | "region" | "name"> & Partial<TResource>): TResource {
  return { policy: null, tags: {}, ...options };
}

/** Detail calls of many resources at once, bounded by the account's resource-call limit; order kept. */
export function mapLimited<T, R>(ctx: TRegionContext, items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  return Promise.all(items.map((item) => ctx.limit(() => fn(item))));
}

/** The ARN partition of a region (aws, aws-cn, aws-us-gov), for ARNs the APIs do not return. */
export function partitionOf(region: string): string {
  return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}
