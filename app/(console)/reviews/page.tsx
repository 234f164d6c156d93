import Link from "next/link";
import { requirePageUser } from "@/lib/auth/require-user";
import { can } from "@/lib/auth/permissions";
import { listAccounts } from "@/lib/console/list-accounts";
import { getDb } from "@/lib/db/client";
import { listCampaigns } from "@/lib/reviews/list-campaigns";
import { listSchedules } from "@/lib/reviews/manage-schedules";
import { setScheduleActiveAction } from "./actions";
import { ScheduleFormClient } from "./schedule-form-client";
import { EmptyState } from "../../_components/empty-state";

export const dynamic = "force-dynamic";
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

export default async function ReviewsPage() {
  const user = await requirePageUser("reviews.read");
  const manage = can(user, "reviews.manage");
  const campaigns = await listCampaigns({ user });
  const schedules = manage ? await listSchedules({ pool: getDb().pool, user }) : [];
  const org = manage ? await listAccounts({ user }) : null;
  return (
    <>
      <div className="page-head">
        <h1>Access reviews</h1>
        {manage && <Link href="/reviews/new" className="button">New campaign</Link>}
      </div>
      {campaigns.length === 0 ? (
        <EmptyState title={manage ? "No campaign yet" : "Nothing to review"} testId="reviews-empty">
          {manage ? <>A campaign freezes who can reach what from one analysis and asks each account&apos;s reviewer to keep or revoke it. <Link href="/reviews/new">Create the first one</Link>, or set a recurring schedule below.</> : "No review item is assigned to you: a reviewer sees only the items of the accounts mapped to them."}
        </EmptyState>
      ) : (
        <table>
          <thead><tr><th>Campaign</th><th>Status</th><th>Due</th><th>Snapshot</th><th className="num">Items</th><th>Progress</th><th className="num">Revoked</th></tr></thead>
          <tbody>
            {campaigns.map((c) => {
              const overdue = c.status === "active" && c.dueAt.getTime() < Date.now();
              return (
                <tr key={c.id}>
                  <td><Link href={`/reviews/${c.id}`}>{c.name}</Link></td>
                  <td><span className={`badge ${c.status === "signed-off" ? "ok" : overdue ? "bad" : "warn"}`}>{overdue ? "overdue" : c.status}</span></td>
                  <td>{day(c.dueAt)}</td>
                  <td className="small">run {c.collectionRunId} · analysis {c.analysisId}</td>
                  <td className="num">{c.total}</td>
                  <td><progress value={c.decided} max={c.total} /> {c.decided}/{c.total}</td>
                  <td className="num">{c.revoked}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {manage && org && (
        <>
          <h2>Recurring campaigns</h2>
          {schedules.length === 0 ? <p className="muted">No schedule: PCI DSS 7.2.4 asks for a review at least every six months.</p> : (
            <table>
              <thead><tr><th>Schedule</th><th>Every</th><th>Due in</th><th>Next run</th><th className="num">Campaigns</th><th>State</th><th /></tr></thead>
              <tbody>
                {schedules.map((s) => (
                  <tr key={s.id}>
                    <td>{s.name}</td><td>{s.everyMonths} month(s)</td><td>{s.dueDays} days</td><td>{day(s.nextRunAt)}</td><td className="num">{s.campaigns}</td>
                    <td><span className={`badge ${s.active ? "ok" : "info"}`}>{s.active ? "active" : "inactive"}</span></td>
                    <td>
                      <form action={setScheduleActiveAction}>
                        <input type="hidden" name="scheduleId" value={s.id} /><input type="hidden" name="active" value={String(!s.active)} />
                        <button type="submit" className="secondary">{s.active ? "Deactivate" : "Activate"}</button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <ScheduleFormClient accounts={org.accounts} organizationalUnits={org.organizationalUnits} defaultFirst={new Date().toISOString().slice(0, 10)} />
        </>
      )}
    </>
  );
}
