import { SEVERITY_ORDER } from "@/lib/analysis/findings/make-finding";
import type { TAccountOption } from "@/lib/console/list-accounts";
import { PRINCIPAL_KINDS, PRINCIPAL_SORTS, type TPrincipalListQuery } from "@/lib/console/principal-list-query";

export const KIND_LABELS: Record<string, string> = { "iam-user": "IAM user", "iam-role": "IAM role", "iam-group": "IAM group", "sso-user": "Identity Center user" };

/** A plain GET form: submitting it puts the filter state in the URL, so every view is a link. */
export function PrincipalFilters({ query, accounts, rules }: { query: TPrincipalListQuery; accounts: TAccountOption[]; rules: Array<{ rule: string; open: number }> }) {
  return (
    <form className="filters" method="get" action="/principals" data-testid="principal-filters">
      <label>Search<input type="search" name="q" defaultValue={query.q ?? ""} placeholder="name, ARN or email" /></label>
      <label>Account
        <select name="account" defaultValue={query.account ?? ""}>
          <option value="">all</option>
          {accounts.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.id})</option>)}
        </select>
      </label>
      <label>Kind
        <select name="kind" defaultValue={query.kind ?? ""}>
          <option value="">all</option>
          {PRINCIPAL_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
        </select>
      </label>
      <label>Admin-equivalent
        <select name="admin" defaultValue={query.admin ?? ""}><option value="">any</option><option value="yes">yes</option><option value="no">no</option></select>
      </label>
      <label>Unused for days<input type="number" name="unusedDays" min={1} max={3650} defaultValue={query.unusedDays ?? ""} style={{ width: 90 }} /></label>
      <label>Access keys
        <select name="keys" defaultValue={query.keys ?? ""}><option value="">any</option><option value="yes">has keys</option><option value="no">no keys</option></select>
      </label>
      <label>Open finding
        <select name="finding" defaultValue={query.finding ?? ""}>
          <option value="">any or none</option>
          <option value="any">any rule</option>
          {rules.map((r) => <option key={r.rule} value={r.rule}>{r.rule} ({r.open})</option>)}
        </select>
      </label>
      <label>Severity
        <select name="severity" defaultValue={query.severity ?? ""}>
          <option value="">any</option>
          {SEVERITY_ORDER.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>Sort
        <select name="sort" defaultValue={query.sort}>{PRINCIPAL_SORTS.map((s) => <option key={s} value={s}>{s}</option>)}</select>
      </label>
      <label>Order
        <select name="dir" defaultValue={query.dir}><option value="asc">ascending</option><option value="desc">descending</option></select>
      </label>
      <label>Per page
        <select name="pageSize" defaultValue={String(query.pageSize)}>{[25, 50, 100, 200].map((n) => <option key={n} value={n}>{n}</option>)}</select>
      </label>
      <button type="submit">Apply</button>
      <a href="/principals" className="small">Clear</a>
    </form>
  );
}
