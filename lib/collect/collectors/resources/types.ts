import type { TResource, TResourceType } from "../../../resources/resource-model";
import type pLimit from "p-limit";
import type { TAccountContext, TSdkClient } from "../../types";

/** What a regional resource collector gets: the account's context, pinned to one region. */
export type TRegionContext = {
  account: TAccountContext;
  region: string;
  /** A client of this account in this region (made once per region and service). */
  /** Bounds the account's concurrent resource detail calls (shared by its regions). */
  limit: ReturnType<typeof pLimit>;
  client: <T extends TSdkClient>(key: string, create: (config: Parameters<Parameters<TAccountContext["makeClient"]>[0]["create"]>[0]) => T) => T;
};

/**
 * One resource type (or two discovered together, as DynamoDB tables and their streams), in
 * one region. A failing list call makes the types unavailable in that region (thrown); a
 * failing detail call only marks that field of that resource unavailable.
 */
export type TResourceCollector = {
  name: string;
  types: TResourceType[];
  collect: (ctx: TRegionContext) => Promise<TResource[]>;
};
