import { requirePageUser } from "@/lib/auth/require-user";
import { can } from "@/lib/auth/permissions";
import { findingListHref, parseFindingListQuery } from "@/lib/console/finding-list-query";
import { listAccounts } from "@/lib/console/list-accounts";
import { listFindingRules } from "@/lib/console/list-finding-rules";
import { listFindings } from "@/lib/console/list-findings";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { FindingFilters } from "../findings/finding-filters";
import { FindingTable } from "../findings/finding-table";
import { ListPagination } from "../findings/list-pagination";

/** The findings list narrowed to the "unused" rule category, with Access Advisor window, data age and excess permissions. */
export default async function UnusedAccessPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("findings.read");
  const query = parseFindingListQuery(await searchParams);
  const [list, { accounts }, rules] = await Promise.all([listFindings({ user, query, unusedOnly: true }), listAccounts({ user }), listFindingRules({ user, unusedOnly: true })]);
  const href = (page?: number) => findingListHref(query, { page }, "/unused");
  const filters = findingListHref(query, { page: undefined }, "");
  const exportHref = `/api/export/findings${filters ? `${filters}&` : "?"}view=unused`;
  return (
    <>
      <div className="page-head">
        <h1>Unused access</h1>
        {can(user, "exports.download") && <a href={exportHref} className="button secondary">Export CSV</a>}
      </div>
      <p className="small muted">
        Roles and users not used, granted services not used within the Access Advisor window, and credentials idle for CIS 1.11&apos;s 45 days.
        Excess permissions: granted services not used in the window, as a share of all granted services. Access Advisor counts denied attempts as use, so it is a floor.
      </p>
      <FindingFilters query={query} accounts={accounts} rules={rules} showCis={false} />
      <ListPagination page={query.page} pageSize={query.pageSize} total={list.total} href={href} />
      <FindingTable rows={list.rows} canAccept={can(user, "findings.accept")} unused />
      <ListPagination page={query.page} pageSize={query.pageSize} total={list.total} href={href} />
    </>
  );
}
