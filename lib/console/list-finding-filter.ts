import "server-only";
import { UNUSED_RULES } from "../analysis/findings/finding-rules";
import type { TFindingListQuery } from "./finding-list-query";
import { assignedPrincipalsSql } from "../reviews/assigned-evidence";
import { containsPattern } from "./search-params";

export type TFindingFilter = { where: string; params: unknown[] };

/** The principal a finding is about: its resource when that is a principal key, else the key owner named in the evidence. */
export const FINDING_PRINCIPAL_SQL = `CASE WHEN f.resource_key ~ '^([0-9]{12}|sso)/' THEN f.resource_key ELSE f.evidence->>'userKey' END`;

/**
 * The WHERE clause of the findings list (alias `f`), shared by the page and its CSV export
 * so the download holds exactly the rows the list shows.
 */
export function findingFilter(options: { query: TFindingListQuery; unusedOnly?: boolean; firstParam?: number; /** A reviewer: only findings about principals of their review items. */ assignedTo?: string | null }): TFindingFilter {
  const { query } = options;
  const params: unknown[] = [];
  const offset = (options.firstParam ?? 1) - 1;
  const param = (value: unknown) => `$${params.push(value) + offset}`;
  const clauses: string[] = [];
  if (options.assignedTo) clauses.push(`${FINDING_PRINCIPAL_SQL} IN (${assignedPrincipalsSql(param(options.assignedTo))})`);
  if (query.status !== "all") clauses.push(`f.status = ${param(query.status)}`);
  if (options.unusedOnly) clauses.push(`f.rule = ANY(${param(UNUSED_RULES.map((rule) => rule.id))})`);
  if (query.severity) clauses.push(`f.severity = ${param(query.severity)}`);
  if (query.rule) clauses.push(`f.rule = ${param(query.rule)}`);
  if (query.cis) clauses.push(`f.cis_control = ${param(query.cis)}`);
  if (query.account) clauses.push(`f.account_id = ${param(query.account)}`);
  if (query.principal) clauses.push(`${FINDING_PRINCIPAL_SQL} = ${param(query.principal)}`);
  if (query.q) {
    const pattern = param(containsPattern(query.q));
    clauses.push(`(f.title ILIKE ${pattern} OR f.resource_name ILIKE ${pattern} OR f.resource_key ILIKE ${pattern} OR f.rule ILIKE ${pattern})`);
  }
  return { where: clauses.length ? clauses.join(" AND ") : "TRUE", params };
}

const SORT_COLUMNS: Record<TFindingListQuery["sort"], string> = {
  severity: "array_position(ARRAY['critical','high','medium','low','info'], f.severity)",
  rule: "f.rule",
  resource: "f.resource_name",
  account: "coalesce(a.name, f.account_id)",
  lastSeen: "f.last_seen_at",
  firstSeen: "f.first_seen_at",
};

/** ORDER BY with the id as tie-breaker, so pages never overlap or skip a row. */
export function findingOrderBy(query: TFindingListQuery): string {
  const dir = query.dir === "desc" ? "DESC" : "ASC";
  return `${SORT_COLUMNS[query.sort]} ${dir} NULLS LAST, f.id ${dir}`;
}
