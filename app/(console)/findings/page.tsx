import Link from "next/link";
import { requirePageUser } from "@/lib/auth/require-user";
import { can } from "@/lib/auth/permissions";
import { findingListHref, parseFindingListQuery } from "@/lib/console/finding-list-query";
import { listAccounts } from "@/lib/console/list-accounts";
import { listFindingRules } from "@/lib/console/list-finding-rules";
import { listFindings } from "@/lib/console/list-findings";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { FindingFilters } from "./finding-filters";
import { FindingTable } from "./finding-table";
import { ListPagination } from "./list-pagination";

export default async function FindingsPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  // Reviewers too: listFindings scopes them to the principals of their own review items.
  const user = await requirePageUser("evidence.read");
  const query = parseFindingListQuery(await searchParams);
  const [list, { accounts }, rules] = await Promise.all([listFindings({ user, query }), listAccounts({ user }), listFindingRules({ user })]);
  return (
    <>
      <div className="page-head">
        <h1>Findings</h1>
        {can(user, "exports.download") && <a href={`/api/export/findings${findingListHref(query, { page: undefined }, "")}`} className="button secondary">Export CSV</a>}
      </div>
      <FindingFilters query={query} accounts={accounts} rules={rules} />
      <ListPagination page={query.page} pageSize={query.pageSize} total={list.total} href={(page) => findingListHref(query, { page })} />
      <FindingTable rows={list.rows} canAccept={can(user, "findings.accept")} />
      <ListPagination page={query.page} pageSize={query.pageSize} total={list.total} href={(page) => findingListHref(query, { page })} />
      <p className="small muted">Accepted findings lapse by themselves: the first analysis after the end date reopens them if still present. See also <Link href="/unused">unused access</Link>.</p>
    </>
  );
}
