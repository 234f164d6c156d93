import { z } from "zod";
import { SEVERITY_ORDER } from "../analysis/findings/make-finding";
import { firstValues, toQueryString, zAccountId, zDirection, zPage, zPageSize, zSearch, type TRawSearchParams } from "./search-params";

export const FINDING_STATUSES = ["open", "accepted", "resolved", "all"] as const;
export const FINDING_SORTS = ["severity", "rule", "resource", "account", "lastSeen", "firstSeen"] as const;

/** The findings list's URL state (the unused-access list is the same list narrowed to category "unused"). */
export const ZFindingListQuery = z.object({
  q: zSearch.catch(undefined),
  severity: z.enum(SEVERITY_ORDER as [string, ...string[]]).optional().catch(undefined),
  rule: z.string().regex(/^[a-z0-9-]+$/).optional().catch(undefined),
  cis: z.string().regex(/^\d+\.\d+$/).optional().catch(undefined),
  account: zAccountId.optional().catch(undefined),
  status: z.enum(FINDING_STATUSES).catch("open"),
  /** A principal key: its own findings and its access keys'. */
  principal: z.string().max(200).optional().catch(undefined),
  sort: z.enum(FINDING_SORTS).catch("severity"),
  dir: zDirection,
  page: zPage,
  pageSize: zPageSize,
});
export type TFindingListQuery = z.infer<typeof ZFindingListQuery>;

const DEFAULTS = { status: "open", sort: "severity", dir: "asc", page: 1, pageSize: 50 };

export function parseFindingListQuery(raw: TRawSearchParams | URLSearchParams): TFindingListQuery {
  return ZFindingListQuery.parse(firstValues(raw));
}

export function findingListHref(query: Partial<TFindingListQuery>, overrides: Partial<TFindingListQuery> = {}, base = "/findings"): string {
  return `${base}${toQueryString({ values: query, defaults: DEFAULTS, overrides })}`;
}
