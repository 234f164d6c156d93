import type { TItemFilters } from "./review-schemas";

/**
 * WHERE clause (alias i) for a campaign's items under the list filters and the caller's
 * visibility: `reviewer` non-null restricts to that reviewer's items in the query itself.
 */
export function itemFilterSql(options: { campaignId: number; filters: Partial<TItemFilters>; reviewer: string | null }): { where: string; params: unknown[] } {
  const { filters } = options;
  const params: unknown[] = [options.campaignId];
  const clauses = ["i.campaign_id = $1"];
  const add = (sql: (n: string) => string, value: unknown) => { params.push(value); clauses.push(sql(`$${params.length}`)); };
  if (options.reviewer !== null) add((n) => `i.reviewer_email = ${n}`, options.reviewer);
  if (filters.reviewer) add((n) => `i.reviewer_email = ${n}`, filters.reviewer);
  if (filters.account) add((n) => `i.account_id = ${n}`, filters.account);
  if (filters.kind) add((n) => `i.principal_kind = ${n}`, filters.kind);
  if (filters.adminOnly) clauses.push("coalesce((i.evidence->'access'->>'adminEquivalent')::boolean, false)");
  if (filters.state === "open") clauses.push("i.decision IS NULL");
  else if (filters.state === "decided") clauses.push("i.decision IS NOT NULL");
  else if (filters.state && filters.state !== "all") add((n) => `i.decision = ${n}`, filters.state);
  return { where: clauses.join(" AND "), params };
}
