import { SEVERITY_ORDER } from "@/lib/analysis/findings/make-finding";
import type { TAccountOption } from "@/lib/console/list-accounts";
import { PRINCIPAL_KINDS, PRINCIPAL_SORTS, type TPrincipalListQuery } from "@/lib/console/principal-list-query";
import { AccountSelect, FilterSelect } from "../../_components/filter-select";

export const KIND_LABELS: Record<string, string> = { "iam-user": "IAM user", "iam-role": "IAM role", "iam-group": "IAM group", "sso-user": "Identity Center user" };

/** A plain GET form: submitting it puts the filter state in the URL, so every view is a link. */
export function PrincipalFilters({ query, accounts, rules }: { query: TPrincipalListQuery; accounts: TAccountOption[]; rules: Array<{ rule: string; open: number }> }) {
  return (
    <form className="filters" method="get" action="/principals" data-testid="principal-filters">
      <label>Search<input type="search" name="q" defaultValue={query.q ?? ""} placeholder="name, ARN or email" /></label>
      <AccountSelect value={query.account} accounts={accounts} any="all" withIds />
      <FilterSelect label="Kind" name="kind" value={query.kind} any="all" options={PRINCIPAL_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
      <FilterSelect label="Admin-equivalent" name="admin" value={query.admin} options={["yes", "no"]} />
      <label>Unused for days<input type="number" name="unusedDays" min={1} max={3650} defaultValue={query.unusedDays ?? ""} style={{ width: 90 }} /></label>
      <FilterSelect label="Access keys" name="keys" value={query.keys} options={[{ value: "yes", label: "has keys" }, { value: "no", label: "no keys" }]} />
      <FilterSelect label="Open finding" name="finding" value={query.finding} any="any or none"
        options={[{ value: "any", label: "any rule" }, ...rules.map((r) => ({ value: r.rule, label: `${r.rule} (${r.open})` }))]} />
      <FilterSelect label="Severity" name="severity" value={query.severity} options={SEVERITY_ORDER} />
      <FilterSelect label="Sort" name="sort" value={query.sort} any={null} options={PRINCIPAL_SORTS} />
      <FilterSelect label="Order" name="dir" value={query.dir} any={null} options={[{ value: "asc", label: "ascending" }, { value: "desc", label: "descending" }]} />
      <FilterSelect label="Per page" name="pageSize" value={query.pageSize} any={null} options={["25", "50", "100", "200"]} />
      <button type="submit">Apply</button>
      <a href="/principals" className="small">Clear</a>
    </form>
  );
}
