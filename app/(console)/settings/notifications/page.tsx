import { requirePageUser } from "@/lib/auth/require-user";
import { z } from "zod";
import { listNotifications } from "@/lib/notify/list-notifications";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { SettingsTabs } from "../settings-tabs";

export const dynamic = "force-dynamic";

const stamp = (date: Date | null) => (date ? `${date.toISOString().replace("T", " ").slice(0, 19)} UTC` : "—");
const TONE: Record<string, string> = { sent: "info", queued: "medium", failed: "high" };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("notifications.read");
  const page = z.coerce.number().int().min(1).catch(1).parse((await searchParams).page);
  const list = await listNotifications({ user, page });
  return (
    <>
      <div className="page-head"><h1>Settings</h1></div>
      <SettingsTabs current="notifications" />
      <p className="muted small">Every mail and webhook the notifier queued: reviewers&apos; assignments, reminders and overdue notices, new critical findings, campaign events and the monthly CIS report. Failed deliveries are retried with backoff; each delivery and final failure is also in the audit log. Configure SMTP and webhooks in the environment (see .env.example).</p>
      {list.rows.length === 0 ? <p className="muted">Nothing sent yet.</p> : (
        <table data-testid="notification-table">
          <thead><tr><th>Queued</th><th>Channel</th><th>Event</th><th>To</th><th>Subject</th><th>Status</th><th>Sent</th></tr></thead>
          <tbody>
            {list.rows.map((n) => (
              <tr key={n.id} data-testid="notification-row">
                <td className="small" style={{ whiteSpace: "nowrap" }}>{stamp(n.createdAt)}</td>
                <td>{n.channel}</td>
                <td><span className="badge info">{n.event}</span></td>
                <td className="small" style={{ overflowWrap: "anywhere", maxWidth: 260 }}>{n.recipients.join(", ")}</td>
                <td className="small">{n.subject}</td>
                <td><span className={`badge ${TONE[n.status] ?? "info"}`}>{n.status}</span>{n.attempts > 1 && <div className="muted small">{n.attempts} attempts</div>}{n.error && <div className="muted small" title={n.error}>{n.error.slice(0, 120)}</div>}</td>
                <td className="small" style={{ whiteSpace: "nowrap" }}>{stamp(n.sentAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.total > 200 && <p className="small">{page > 1 && <a href={`?page=${page - 1}`}>← newer</a>} {page * 200 < list.total && <a href={`?page=${page + 1}`}>older →</a>}</p>}
    </>
  );
}
