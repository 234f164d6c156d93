import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/require-user";
import { listAccounts } from "@/lib/console/list-accounts";
import { listResourceRegions, listResources } from "@/lib/console/list-resources";
import { parseResourceListQuery, resourceHref, resourceListHref, type TResourceListQuery } from "@/lib/console/resource-list-query";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { ExposureBadge } from "./exposure-badge";
import { ResourceFilters } from "./resource-filters";

const SORTABLE: Array<{ label: string; sort: TResourceListQuery["sort"] }> = [
  { label: "Name", sort: "name" }, { label: "Type", sort: "type" }, { label: "Account", sort: "account" },
];

export default async function ResourcesPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("inventory.read");
  const query = parseResourceListQuery(await searchParams);
  const [list, { accounts }, regions] = await Promise.all([listResources({ user, query }), listAccounts({ user }), listResourceRegions({ user })]);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const sortHref = (sort: TResourceListQuery["sort"]) => resourceListHref(query, { sort, dir: query.sort === sort && query.dir === "asc" ? "desc" : "asc", page: 1 });
  const arrow = (sort: TResourceListQuery["sort"]) => (query.sort === sort ? (query.dir === "asc" ? " ▲" : " ▼") : "");
  const exportHref = `/api/export/resources${resourceListHref(query, { page: 1 }).replace(/^\/resources/, "")}`;
  return (
    <>
      <div className="page-head">
        <h1>Resources</h1>
        <span className="muted">
          <span data-testid="resource-total">{list.total.toLocaleString("en")}</span> matching
          {can(user, "exports.download") && <> · <a href={exportHref} data-testid="export-csv">Export CSV</a></>}
        </span>
      </div>
      <p className="muted small">Buckets, keys, queues, topics, secrets, functions, repositories, tables, file systems and snapshots of every account and region, with how far their resource policies, ACLs and sharing reach (S3 Block Public Access applied).</p>
      <ResourceFilters query={query} accounts={accounts} regions={regions} />
      {list.analysisId === null && <p className="muted">No analysed snapshot yet: resources appear after the first collection is analysed.</p>}
      <table data-testid="resource-table">
        <thead>
          <tr>
            {SORTABLE.map((c) => <th key={c.sort}><Link href={sortHref(c.sort)}>{c.label}{arrow(c.sort)}</Link></th>)}
            <th>Region</th>
            <th><Link href={sortHref("exposure")}>Exposure{arrow("exposure")}</Link></th>
            <th>Shared with</th>
            <th className="num">Owner principals (read / write)</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((row) => (
            <tr key={row.arn} data-arn={row.arn}>
              <td><Link href={resourceHref(row.arn)}>{row.name}</Link></td>
              <td>{row.type}</td>
              <td>{row.accountName ?? "—"} <span className="muted mono">{row.accountId}</span></td>
              <td className="mono small">{row.region}</td>
              <td><ExposureBadge exposure={row.exposure} />{row.policyPublic && row.exposure !== "public" && <span className="badge small" title="the policy is public but Block Public Access neutralises it"> public policy blocked</span>}</td>
              <td className="mono small">{[...row.externalAccounts, ...row.orgAccounts].join(", ") || "—"}</td>
              <td className="num">{row.principalsByLevel.Read ?? 0} / {row.principalsByLevel.Write ?? 0}</td>
            </tr>
          ))}
          {list.rows.length === 0 && <tr><td colSpan={7} className="muted">No resource matches these filters.</td></tr>}
        </tbody>
      </table>
      <nav className="pagination" aria-label="Pages">
        {query.page > 1 && <Link href={resourceListHref(query, { page: 1 })}>« first</Link>}
        {query.page > 1 && <Link href={resourceListHref(query, { page: query.page - 1 })} rel="prev">‹ previous</Link>}
        <span>page {list.page} of {pages}</span>
        {query.page < pages && <Link href={resourceListHref(query, { page: query.page + 1 })} rel="next">next ›</Link>}
        {query.page < pages && <Link href={resourceListHref(query, { page: pages })}>last »</Link>}
      </nav>
    </>
  );
}
