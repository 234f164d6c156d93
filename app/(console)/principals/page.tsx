import Link from "next/link";
import { EmptyState } from "../../_components/empty-state";
import { LongId } from "../../_components/long-id";
import { requirePageUser } from "@/lib/auth/require-user";
import { can } from "@/lib/auth/permissions";
import { listAccounts } from "@/lib/console/list-accounts";
import { listPrincipalFindingRules } from "@/lib/console/list-principal-finding-rules";
import { listPrincipals } from "@/lib/console/list-principals";
import { parsePrincipalListQuery, principalListHref, type TPrincipalListQuery } from "@/lib/console/principal-list-query";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { KIND_LABELS, PrincipalFilters } from "./principal-filters";

const SORTABLE: Array<{ label: string; sort: TPrincipalListQuery["sort"] }> = [
  { label: "Name", sort: "name" }, { label: "Kind", sort: "kind" }, { label: "Account", sort: "account" },
];

function day(date: Date | null) {
  return date ? date.toISOString().slice(0, 10) : "never";
}

export default async function PrincipalsPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("inventory.read");
  const query = parsePrincipalListQuery(await searchParams);
  const [list, { accounts }, rules] = await Promise.all([listPrincipals({ user, query }), listAccounts({ user }), listPrincipalFindingRules({ user })]);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const sortHref = (sort: TPrincipalListQuery["sort"]) =>
    principalListHref(query, { sort, dir: query.sort === sort && query.dir === "asc" ? "desc" : "asc", page: 1 });
  const arrow = (sort: TPrincipalListQuery["sort"]) => (query.sort === sort ? (query.dir === "asc" ? " ▲" : " ▼") : "");
  const exportHref = `/api/export/principals${principalListHref(query, { page: 1 }).replace(/^\/principals/, "")}`;
  return (
    <>
      <div className="page-head">
        <h1>Principals</h1>
        <span className="muted">
          <span data-testid="principal-total">{list.total.toLocaleString("en")}</span> matching
          {can(user, "exports.download") && <> · <a href={exportHref} data-testid="export-csv">Export CSV</a></>}
        </span>
      </div>
      <PrincipalFilters query={query} accounts={accounts} rules={rules} />
      {list.analysisId === null && <p className="muted">No analysed snapshot yet: principals appear after the first collection is analysed.</p>}
      <table data-testid="principal-table">
        <thead>
          <tr>
            {SORTABLE.map((c) => <th key={c.sort}><Link href={sortHref(c.sort)}>{c.label}{arrow(c.sort)}</Link></th>)}
            <th>Admin-equivalent</th>
            <th className="num"><Link href={sortHref("services")}>Services granted / used{arrow("services")}</Link></th>
            <th><Link href={sortHref("lastUsed")}>Last used{arrow("lastUsed")}</Link></th>
            <th className="num">Keys</th>
            <th className="num">Open findings</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((row) => (
            <tr key={row.key} data-kind={row.kind}>
              <td><Link href={`/principals/${encodeURIComponent(row.key)}`}><LongId value={row.name} /></Link></td>
              <td>{KIND_LABELS[row.kind] ?? row.kind}</td>
              <td>{row.accountId ? <>{row.accountName ?? "—"} <div className="muted mono small">{row.accountId}</div></> : <span className="muted">organization</span>}</td>
              <td>{row.adminEquivalent === null ? <span className="muted">—</span> : row.adminEquivalent ? <span className="badge bad">admin</span> : <span className="badge ok">no</span>}</td>
              <td className="num">{row.grantedServices === null ? "—" : `${row.grantedServices} / ${row.usedServices ?? "?"}`}</td>
              <td>{row.kind === "iam-group" ? "—" : day(row.lastUsed)}</td>
              <td className="num">{row.keyCount}</td>
              <td className="num">{row.openFindings}</td>
            </tr>
          ))}
          {list.rows.length === 0 && <tr><td colSpan={8}><EmptyState title="No principal matches these filters">{list.analysisId === null ? "Nothing has been collected and analysed yet: start a collection from the Collection page." : "Clear a filter or search for part of a name."}</EmptyState></td></tr>}
        </tbody>
      </table>
      <nav className="pagination" aria-label="Pages">
        {query.page > 1 && <Link href={principalListHref(query, { page: 1 })}>« first</Link>}
        {query.page > 1 && <Link href={principalListHref(query, { page: query.page - 1 })} rel="prev">‹ previous</Link>}
        <span>page {list.page} of {pages}</span>
        {query.page < pages && <Link href={principalListHref(query, { page: query.page + 1 })} rel="next">next ›</Link>}
        {query.page < pages && <Link href={principalListHref(query, { page: pages })}>last »</Link>}
      </nav>
    </>
  );
}
