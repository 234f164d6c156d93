import { z } from "zod";
import { firstValues, toQueryString, zAccountId, zPage, zPageSize, zSearch, type TRawSearchParams } from "./search-params";

export const KEY_SORTS = ["age", "lastUsed", "user", "account"] as const;

/** The access-key list's URL state; ages in whole days, minAge inclusive and maxAge exclusive. */
export const ZKeyListQuery = z.object({
  q: zSearch.catch(undefined),
  account: zAccountId.optional().catch(undefined),
  status: z.enum(["Active", "Inactive"]).optional().catch(undefined),
  minAge: z.coerce.number().int().min(0).max(100_000).optional().catch(undefined),
  maxAge: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  /** Keys not used for this many days, or never. */
  unusedDays: z.coerce.number().int().min(1).max(3_650).optional().catch(undefined),
  sort: z.enum(KEY_SORTS).catch("age"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: zPage,
  pageSize: zPageSize,
});
export type TKeyListQuery = z.infer<typeof ZKeyListQuery>;

const DEFAULTS = { sort: "age", dir: "desc", page: 1, pageSize: 50 };

export function parseKeyListQuery(raw: TRawSearchParams | URLSearchParams): TKeyListQuery {
  return ZKeyListQuery.parse(firstValues(raw));
}

export function keyListHref(query: Partial<TKeyListQuery>, overrides: Partial<TKeyListQuery> = {}): string {
  return `/keys${toQueryString({ values: query, defaults: DEFAULTS, overrides })}`;
}
