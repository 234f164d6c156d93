import { z } from "zod";
import { SEVERITY_ORDER } from "../analysis/findings/make-finding";
import { firstValues, toQueryString, zAccountId, zDirection, zPage, zPageSize, zSearch, type TRawSearchParams } from "./search-params";

export const PRINCIPAL_KINDS = ["iam-user", "iam-role", "iam-group", "sso-user"] as const;
export type TPrincipalKind = (typeof PRINCIPAL_KINDS)[number];
export const PRINCIPAL_SORTS = ["name", "account", "kind", "lastUsed", "services"] as const;

/** The principal list's URL state. */
export const ZPrincipalListQuery = z.object({
  /** Name, ARN or email, anywhere in the text. */
  q: zSearch.catch(undefined),
  account: zAccountId.optional().catch(undefined),
  kind: z.enum(PRINCIPAL_KINDS).optional().catch(undefined),
  admin: z.enum(["yes", "no"]).optional().catch(undefined),
  /** IAM users and roles last used more than this many days ago, or never. */
  unusedDays: z.coerce.number().int().min(1).max(3_650).optional().catch(undefined),
  keys: z.enum(["yes", "no"]).optional().catch(undefined),
  /** "any" or a rule id: principals with an open finding (their own or one of their access keys'). */
  finding: z.string().regex(/^(any|[a-z0-9-]+)$/).optional().catch(undefined),
  severity: z.enum(SEVERITY_ORDER as [string, ...string[]]).optional().catch(undefined),
  sort: z.enum(PRINCIPAL_SORTS).catch("name"),
  dir: zDirection,
  page: zPage,
  pageSize: zPageSize,
});
export type TPrincipalListQuery = z.infer<typeof ZPrincipalListQuery>;

const DEFAULTS = { sort: "name", dir: "asc", page: 1, pageSize: 50 };

export function parsePrincipalListQuery(raw: TRawSearchParams | URLSearchParams): TPrincipalListQuery {
  return ZPrincipalListQuery.parse(firstValues(raw));
}

export function principalListHref(query: Partial<TPrincipalListQuery>, overrides: Partial<TPrincipalListQuery> = {}): string {
  return `/principals${toQueryString({ values: query, defaults: DEFAULTS, overrides })}`;
}
