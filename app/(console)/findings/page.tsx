import Link from "next/link";
import { requirePageUser } from "@/lib/auth/require-user";
import { can } from "@/lib/auth/permissions";
import { findingListHref, parseFindingListQuery } from "@/lib/console/finding-list-query";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { FindingsView } from "./findings-view";

export default async function FindingsPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  // Reviewers too: listFindings scopes them to the principals of their own review items.
  const user = await requirePageUser("evidence.read");
  const query = parseFindingListQuery(await searchParams);
  return (
    <>
      <div className="page-head">
        <h1>Findings</h1>
        {can(user, "exports.download") && <a href={`/api/export/findings${findingListHref(query, { page: undefined, view: undefined }, "")}`} className="button secondary">Export CSV</a>}
      </div>
      <FindingsView user={user} query={query} />
      <p className="small muted">Accepted findings lapse by themselves: the first analysis after the end date reopens them if still present. See also <Link href="/unused">unused access</Link>.</p>
    </>
  );
}
