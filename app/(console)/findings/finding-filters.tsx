import { SEVERITY_ORDER } from "@/lib/analysis/findings/make-finding";
import type { TAccountOption } from "@/lib/console/list-accounts";
import { FINDING_SORTS, FINDING_STATUSES, type TFindingListQuery } from "@/lib/console/finding-list-query";
import { AccountSelect, FilterSelect } from "../../_components/filter-select";

/** The filter bar: a GET form, so the list state stays in the URL. */
export function FindingFilters({ query, accounts, rules, showCis = true }: { query: TFindingListQuery; accounts: TAccountOption[]; rules: string[]; showCis?: boolean }) {
  return (
    <form className="filters" method="get" aria-label="Filter findings">
      <label>Search<input name="q" defaultValue={query.q ?? ""} placeholder="title, resource, rule" /></label>
      <FilterSelect label="Severity" name="severity" value={query.severity} options={SEVERITY_ORDER} />
      <FilterSelect label="Rule" name="rule" value={query.rule} options={rules} />
      {showCis && <label>CIS control<input name="cis" defaultValue={query.cis ?? ""} placeholder="1.4" size={5} /></label>}
      <AccountSelect value={query.account} accounts={accounts} />
      <FilterSelect label="Status" name="status" value={query.status} any={null} options={FINDING_STATUSES} />
      {query.principal && <label>Principal<input name="principal" defaultValue={query.principal} /></label>}
      <FilterSelect label="Sort" name="sort" value={query.sort} any={null} options={FINDING_SORTS} />
      <FilterSelect label="Direction" name="dir" value={query.dir} any={null} options={[{ value: "asc", label: "ascending" }, { value: "desc", label: "descending" }]} />
      <FilterSelect label="Per page" name="pageSize" value={query.pageSize} any={null} options={["25", "50", "100", "200"]} />
      <button type="submit">Apply</button>
    </form>
  );
}
