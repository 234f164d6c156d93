import { SEVERITY_ORDER } from "@/lib/analysis/findings/make-finding";
import type { TAccountOption } from "@/lib/console/list-accounts";
import { CIS_CONTROL_OPTIONS } from "@/lib/console/cis-control-title";
import { FINDING_ORDERS, FINDING_STATUSES, type TFindingListQuery } from "@/lib/console/finding-list-query";
import { AccountSelect, FilterSelect } from "../../_components/filter-select";

/** The filter bar: a GET form, so the list state stays in the URL. */
export function FindingFilters({ query, accounts, rules, showCis = true }: { query: TFindingListQuery; accounts: TAccountOption[]; rules: Array<{ value: string; label: string }>; showCis?: boolean }) {
  return (
    <form className="filters" method="get" aria-label="Filter findings">
      <label>Search<input name="q" defaultValue={query.q ?? ""} placeholder="title, resource, rule" /></label>
      <FilterSelect label="Severity" name="severity" value={query.severity} options={SEVERITY_ORDER} />
      <FilterSelect label="Rule" name="rule" value={query.rule} options={rules} />
      {showCis && <FilterSelect label="CIS v5 control" name="cis" value={query.cis} options={CIS_CONTROL_OPTIONS} />}
      <AccountSelect value={query.account} accounts={accounts} />
      <FilterSelect label="Status" name="status" value={query.status} any={null} options={FINDING_STATUSES} />
      {query.principal && <label>Principal<input name="principal" defaultValue={query.principal} /></label>}
      <FilterSelect label="Show" name="view" value={query.view} any="grouped until filtered" options={[{ value: "rules", label: "grouped by rule" }, { value: "list", label: "every finding" }]} />
      <FilterSelect label="Order" name="order" value={`${query.sort}.${query.dir}`} any={null} options={FINDING_ORDERS} />
      <FilterSelect label="Per page" name="pageSize" value={query.pageSize} any={null} options={["25", "50", "100", "200"]} />
      <button type="submit">Apply</button>
    </form>
  );
}
