import { SEVERITY_ORDER } from "@/lib/analysis/findings/make-finding";
import type { TAccountOption } from "@/lib/console/list-accounts";
import { FINDING_SORTS, FINDING_STATUSES, type TFindingListQuery } from "@/lib/console/finding-list-query";

/** The filter bar: a GET form, so the list state stays in the URL. */
export function FindingFilters({ query, accounts, rules, showCis = true }: { query: TFindingListQuery; accounts: TAccountOption[]; rules: string[]; showCis?: boolean }) {
  return (
    <form className="filters" method="get" aria-label="Filter findings">
      <label>Search<input name="q" defaultValue={query.q ?? ""} placeholder="title, resource, rule" /></label>
      <label>Severity
        <select name="severity" defaultValue={query.severity ?? ""}>
          <option value="">any</option>
          {SEVERITY_ORDER.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>Rule
        <select name="rule" defaultValue={query.rule ?? ""}>
          <option value="">any</option>
          {rules.map((rule) => <option key={rule} value={rule}>{rule}</option>)}
        </select>
      </label>
      {showCis && <label>CIS control<input name="cis" defaultValue={query.cis ?? ""} placeholder="1.4" size={5} /></label>}
      <label>Account
        <select name="account" defaultValue={query.account ?? ""}>
          <option value="">any</option>
          {accounts.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </label>
      <label>Status
        <select name="status" defaultValue={query.status}>
          {FINDING_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      {query.principal && <label>Principal<input name="principal" defaultValue={query.principal} /></label>}
      <label>Sort
        <select name="sort" defaultValue={query.sort}>
          {FINDING_SORTS.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>Direction
        <select name="dir" defaultValue={query.dir}>
          <option value="asc">ascending</option>
          <option value="desc">descending</option>
        </select>
      </label>
      <label>Per page
        <select name="pageSize" defaultValue={String(query.pageSize)}>
          {[25, 50, 100, 200].map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      <button type="submit">Apply</button>
    </form>
  );
}
