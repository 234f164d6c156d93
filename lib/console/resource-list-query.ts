import { z } from "zod";
import { RESOURCE_TYPES } from "../resources/resource-model";
import { firstValues, toQueryString, zAccountId, zDirection, zPage, zPageSize, zSearch, type TRawSearchParams } from "./search-params";

export const RESOURCE_EXPOSURES = ["public", "outside-organization", "organization", "account"] as const;
export const RESOURCE_SORTS = ["name", "type", "account", "exposure"] as const;

export const EXPOSURE_LABELS: Record<(typeof RESOURCE_EXPOSURES)[number], string> = {
  public: "public",
  "outside-organization": "outside the organization",
  organization: "other accounts of the organization",
  account: "own account only",
};

/** The resource list's URL state. */
export const ZResourceListQuery = z.object({
  /** Name or ARN, anywhere in the text. */
  q: zSearch.catch(undefined),
  type: z.enum(RESOURCE_TYPES).optional().catch(undefined),
  account: zAccountId.optional().catch(undefined),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/).optional().catch(undefined),
  exposure: z.enum(RESOURCE_EXPOSURES).optional().catch(undefined),
  sort: z.enum(RESOURCE_SORTS).catch("name"),
  dir: zDirection,
  page: zPage,
  pageSize: zPageSize,
});
export type TResourceListQuery = z.infer<typeof ZResourceListQuery>;

const DEFAULTS = { sort: "name", dir: "asc", page: 1, pageSize: 50 };

export function parseResourceListQuery(raw: TRawSearchParams | URLSearchParams): TResourceListQuery {
  return ZResourceListQuery.parse(firstValues(raw));
}

export function resourceListHref(query: Partial<TResourceListQuery>, overrides: Partial<TResourceListQuery> = {}): string {
  return `/resources${toQueryString({ values: query, defaults: DEFAULTS, overrides })}`;
}

/** A resource's detail page: the ARN as one encoded path segment. */
export function resourceHref(arn: string, level?: string): string {
  return `/resources/${encodeURIComponent(arn)}${level ? `?level=${encodeURIComponent(level)}` : ""}`;
}
