import { z } from "zod";
import { SEVERITY_ORDER } from "../analysis/findings/make-finding";
import { firstValues, toQueryString, zAccountId, zDirection, zPage, zPageSize, zSearch, type TRawSearchParams } from "./search-params";

export const FINDING_STATUSES = ["open", "accepted", "resolved", "all"] as const;
export const FINDING_SORTS = ["severity", "rule", "resource", "account", "lastSeen", "firstSeen"] as const;

/** The one "Order" choice of the filter bar: sort and direction together, in words. */
export const FINDING_ORDERS = [
  { value: "severity.asc", label: "most severe first" },
  { value: "severity.desc", label: "least severe first" },
  { value: "lastSeen.desc", label: "most recently seen first" },
  { value: "firstSeen.asc", label: "oldest first (first seen)" },
  { value: "firstSeen.desc", label: "newest first (first seen)" },
  { value: "rule.asc", label: "rule, A to Z" },
  { value: "resource.asc", label: "resource, A to Z" },
  { value: "account.asc", label: "account, A to Z" },
] as const;

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
  /** "rules": one row per rule with its count; "list": every finding. Unset: rules unless a filter narrows to a few findings. */
  view: z.enum(["rules", "list"]).optional().catch(undefined),
});
export type TFindingListQuery = z.infer<typeof ZFindingListQuery>;

const DEFAULTS = { status: "open", sort: "severity", dir: "asc", page: 1, pageSize: 50 };

export function parseFindingListQuery(raw: TRawSearchParams | URLSearchParams): TFindingListQuery {
  const values = firstValues(raw);
  // The filter bar's "order" select carries sort and direction as one value.
  const order = /^(\w+)\.(asc|desc)$/.exec(values.order ?? "");
  if (order) { values.sort = order[1]; values.dir = order[2]; }
  delete values.order;
  return ZFindingListQuery.parse(values);
}

/** Grouped by rule unless asked for the list, or a filter already picks out findings (a rule, a principal, a search, a severity, a control). */
export function findingView(query: TFindingListQuery): "rules" | "list" {
  if (query.view) return query.view;
  return query.rule || query.principal || query.q || query.severity || query.cis ? "list" : "rules";
}

export function findingListHref(query: Partial<TFindingListQuery>, overrides: Partial<TFindingListQuery> = {}, base = "/findings"): string {
  return `${base}${toQueryString({ values: query, defaults: DEFAULTS, overrides })}`;
}
