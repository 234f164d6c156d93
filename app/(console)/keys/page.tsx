import Link from "next/link";
import { EmptyState } from "../../_components/empty-state";
import { requirePageUser } from "@/lib/auth/require-user";
import { can } from "@/lib/auth/permissions";
import { findingListHref } from "@/lib/console/finding-list-query";
import { KEY_SORTS, keyListHref, parseKeyListQuery } from "@/lib/console/key-list-query";
import { listAccounts } from "@/lib/console/list-accounts";
import { listKeys } from "@/lib/console/list-keys";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { ListPagination } from "../findings/list-pagination";
import { principalHref } from "../findings/principal-href";
import { AccountSelect, FilterSelect } from "../../_components/filter-select";

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "—");

export default async function AccessKeysPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("inventory.read");
  const query = parseKeyListQuery(await searchParams);
  const [list, { accounts }] = await Promise.all([listKeys({ user, query }), listAccounts({ user })]);
  const exportQuery = keyListHref(query, { page: undefined }).replace(/^\/keys/, "");
  const showFindings = can(user, "findings.read");
  return (
    <>
      <div className="page-head">
        <h1>Access keys</h1>
        {can(user, "exports.download") && <a href={`/api/export/keys${exportQuery}`} className="button secondary">Export CSV</a>}
      </div>
      <form className="filters" method="get" aria-label="Filter access keys">
        <label>Search<input name="q" defaultValue={query.q ?? ""} placeholder="user, key id, ARN" /></label>
        <AccountSelect value={query.account} accounts={accounts} />
        <FilterSelect label="Status" name="status" value={query.status} options={["Active", "Inactive"]} />
        <label>Age from (days)<input name="minAge" type="number" min={0} defaultValue={query.minAge ?? ""} size={5} /></label>
        <label>Age below (days)<input name="maxAge" type="number" min={1} defaultValue={query.maxAge ?? ""} size={5} /></label>
        <label>Unused for (days)<input name="unusedDays" type="number" min={1} defaultValue={query.unusedDays ?? ""} size={5} /></label>
        <FilterSelect label="Sort" name="sort" value={query.sort} any={null} options={KEY_SORTS} />
        <FilterSelect label="Direction" name="dir" value={query.dir} any={null} options={[{ value: "desc", label: "descending" }, { value: "asc", label: "ascending" }]} />
        <button type="submit">Apply</button>
      </form>
      <ListPagination page={query.page} pageSize={query.pageSize} total={list.total} href={(page) => keyListHref(query, { page })} />
      {list.rows.length === 0 ? <EmptyState title="No access keys match these filters" testId="keys-empty">IAM users sign in without long-lived keys, or the filters exclude them: clear the age or status filter. (Keys appear after a collection reads the users of each account.)</EmptyState> : (
        <table data-testid="key-table">
          <thead>
            <tr><th>User</th><th>Account</th><th>Key id</th><th>Status</th><th className="num">Age (days)</th><th>Last used</th>{showFindings && <th>Open findings</th>}</tr>
          </thead>
          <tbody>
            {list.rows.map((key) => (
              <tr key={key.accessKeyId} data-testid="key-row">
                <td><Link href={principalHref(key.userKey)}>{key.userName}</Link></td>
                <td>{key.accountName ?? key.accountId}</td>
                <td className="mono small">{key.accessKeyId}</td>
                <td><span className={`badge ${key.status === "Active" ? "ok" : "info"}`}>{key.status}</span></td>
                <td className="num" data-testid="key-age">{key.ageDays ?? "—"}</td>
                <td>{key.lastUsedDate ? <>{day(key.lastUsedDate)} <span className="muted small">{key.lastUsedService}</span></> : <span className="muted">never</span>}</td>
                {showFindings && (
                  <td>
                    {key.findings.length === 0 ? <span className="muted">none</span> : key.findings.map((f) => (
                      <Link key={f.id} href={findingListHref({ q: key.accessKeyId, rule: f.rule })} className={`badge ${f.severity}`} style={{ marginRight: 4 }}>{f.rule}</Link>
                    ))}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ListPagination page={query.page} pageSize={query.pageSize} total={list.total} href={(page) => keyListHref(query, { page })} />
    </>
  );
}
