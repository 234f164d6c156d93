import { z } from "zod";
import { firstValues, toQueryString, zPage, zPageSize, type TRawSearchParams } from "../console/search-params";
import { AUDIT_ACTIONS } from "./record-audit-event";

const zDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)));

/** The audit log's URL state: filters (dates are whole UTC days, both inclusive) and paging. */
export const ZAuditListQuery = z.object({
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  actor: z.string().trim().max(200).optional().catch(undefined),
  target: z.string().trim().max(200).optional().catch(undefined),
  from: zDay.optional().catch(undefined),
  to: zDay.optional().catch(undefined),
  page: zPage,
  pageSize: zPageSize,
});
export type TAuditListQuery = z.infer<typeof ZAuditListQuery>;

const DEFAULTS = { page: 1, pageSize: 50 };

export function parseAuditListQuery(raw: TRawSearchParams | URLSearchParams): TAuditListQuery {
  return ZAuditListQuery.parse(firstValues(raw));
}

export function auditListHref(query: Partial<TAuditListQuery>, overrides: Partial<TAuditListQuery> = {}): string {
  return `/audit${toQueryString({ values: query, defaults: DEFAULTS, overrides })}`;
}

/** The same filters for the CSV export link (no paging). */
export function auditExportHref(query: Partial<TAuditListQuery>): string {
  return `/api/export/audit${toQueryString({ values: { ...query, page: undefined, pageSize: undefined }, defaults: {} })}`;
}
