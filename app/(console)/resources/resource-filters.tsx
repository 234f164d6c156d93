import type { TAccountOption } from "@/lib/console/list-accounts";
import { EXPOSURE_LABELS, RESOURCE_EXPOSURES, RESOURCE_SORTS, type TResourceListQuery } from "@/lib/console/resource-list-query";
import { RESOURCE_TYPES } from "@/lib/resources/resource-model";
import { AccountSelect, FilterSelect } from "../../_components/filter-select";

/** A plain GET form: the filter state lives in the URL, so every view is a link. */
export function ResourceFilters({ query, accounts, regions }: { query: TResourceListQuery; accounts: TAccountOption[]; regions: string[] }) {
  return (
    <form className="filters" method="get" action="/resources" data-testid="resource-filters">
      <label>Search<input type="search" name="q" defaultValue={query.q ?? ""} placeholder="name or ARN" /></label>
      <FilterSelect label="Type" name="type" value={query.type} any="all" options={[...RESOURCE_TYPES]} />
      <AccountSelect value={query.account} accounts={accounts} any="all" withIds />
      <FilterSelect label="Region" name="region" value={query.region} any="all" options={regions} />
      <FilterSelect label="Exposure" name="exposure" value={query.exposure} any="any" options={RESOURCE_EXPOSURES.map((value) => ({ value, label: EXPOSURE_LABELS[value] }))} />
      <FilterSelect label="Sort" name="sort" value={query.sort} any={null} options={[...RESOURCE_SORTS]} />
      <FilterSelect label="Order" name="dir" value={query.dir} any={null} options={[{ value: "asc", label: "ascending" }, { value: "desc", label: "descending" }]} />
      <FilterSelect label="Per page" name="pageSize" value={query.pageSize} any={null} options={["25", "50", "100", "200"]} />
      <button type="submit">Apply</button>
      <a href="/resources" className="small">Clear</a>
    </form>
  );
}
