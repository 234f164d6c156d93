import { requirePageUser } from "@/lib/auth/require-user";
import { can } from "@/lib/auth/permissions";
import { findingListHref, parseFindingListQuery } from "@/lib/console/finding-list-query";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { FindingsView } from "../findings/findings-view";

/** The findings list narrowed to the "unused" rule category, with Access Advisor window, data age and excess permissions. */
export default async function UnusedAccessPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("findings.read");
  const query = parseFindingListQuery(await searchParams);
  const filters = findingListHref(query, { page: undefined, view: undefined }, "");
  const exportHref = `/api/export/findings${filters ? `${filters}&` : "?"}view=unused`;
  return (
    <>
      <div className="page-head">
        <h1>Unused access</h1>
        {can(user, "exports.download") && <a href={exportHref} className="button secondary">Export CSV</a>}
      </div>
      <p className="small muted">
        Roles and users not used, granted services not used within the Access Advisor window, and credentials idle for 45 days (CIS 1.11, Ensure credentials unused for 45 days or more are disabled).
        Excess permissions: granted services not used in the window, as a share of all granted services. Access Advisor counts denied attempts as use, so it is a floor.
      </p>
      <FindingsView user={user} query={query} unused />
    </>
  );
}
