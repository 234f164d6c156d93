import type pg from "pg";
import type { TNotifyEnv } from "./notify-env";
import type { TPlannedNotification } from "./notification-types";

const day = (date: Date) => date.toISOString().slice(0, 10);
// A notifier switched on later does not mail about campaigns from long ago.
const RECENT = "interval '30 days'";

/**
 * Mails for review campaigns, one per reviewer: items assigned (once), a reminder when the
 * due date is near and items are undecided, an overdue notice after it. Webhooks get the
 * campaign's creation, sign-off and overdue state. Each has a key, so a rescan adds nothing.
 */
export async function planCampaignNotifications(options: { pool: pg.Pool; env: TNotifyEnv; now: Date }): Promise<TPlannedNotification[]> {
  const { env, now } = options;
  const planned: TPlannedNotification[] = [];
  const link = (id: number) => `${env.NEXTAUTH_URL}/reviews/${id}`;
  if (env.SMTP_HOST) {
    const { rows } = await options.pool.query(
      `SELECT c.id, c.name, c.due_at AS "dueAt", c.created_at > now() - ${RECENT} AS recent, i.reviewer_email AS reviewer,
         count(*)::int AS items, count(*) FILTER (WHERE i.decision IS NULL)::int AS undecided
       FROM review_campaign c JOIN review_item i ON i.campaign_id = c.id
       WHERE c.status = 'active' GROUP BY c.id, i.reviewer_email ORDER BY c.id, i.reviewer_email`,
    );
    for (const row of rows) {
      const due = new Date(row.dueAt);
      const daysLeft = Math.ceil((due.getTime() - now.getTime()) / 86_400_000);
      if (row.recent) {
        planned.push({
          channel: "email", event: "campaign.assigned", dedupeKey: `campaign.assigned:${row.id}:${row.reviewer}`, recipients: [row.reviewer],
          subject: `Access review "${row.name}": ${row.items} item(s) for you, due ${day(due)}`,
          payload: { text: `You have ${row.items} access item(s) to review in the campaign "${row.name}", due ${day(due)}.\n\nKeep, revoke or change each one: ${link(row.id)}\n` },
        });
      }
      if (row.undecided > 0 && daysLeft > 0 && daysLeft <= env.NOTIFY_REMINDER_DAYS) {
        planned.push({
          channel: "email", event: "campaign.reminder", dedupeKey: `campaign.reminder:${row.id}:${row.reviewer}`, recipients: [row.reviewer],
          subject: `Reminder: ${row.undecided} access item(s) in "${row.name}" due ${day(due)}`,
          payload: { text: `${row.undecided} of your ${row.items} item(s) in "${row.name}" are still undecided; the campaign is due ${day(due)} (in ${daysLeft} day(s)).\n\n${link(row.id)}\n` },
        });
      }
      if (row.undecided > 0 && due.getTime() < now.getTime()) {
        planned.push({
          channel: "email", event: "campaign.overdue", dedupeKey: `campaign.overdue:${row.id}:${row.reviewer}`, recipients: [row.reviewer],
          subject: `Overdue: ${row.undecided} access item(s) in "${row.name}" were due ${day(due)}`,
          payload: { text: `The campaign "${row.name}" was due ${day(due)} and ${row.undecided} of your ${row.items} item(s) are still undecided.\n\n${link(row.id)}\n` },
        });
      }
    }
  }
  const hooks = webhookChannels(env);
  if (hooks.length === 0) return planned;
  const { rows: campaigns } = await options.pool.query(
    `SELECT c.id, c.name, c.status, c.due_at AS "dueAt", c.created_by AS "createdBy", c.signed_off_by AS "signedOffBy",
       c.created_at > now() - ${RECENT} AS recent, c.signed_off_at > now() - ${RECENT} AS "recentSignOff",
       count(i.id)::int AS items, count(i.decision)::int AS decided, count(*) FILTER (WHERE i.decision = 'revoke')::int AS revoked
     FROM review_campaign c LEFT JOIN review_item i ON i.campaign_id = c.id GROUP BY c.id ORDER BY c.id`,
  );
  for (const c of campaigns) {
    const facts = { campaignId: c.id, name: c.name, dueAt: new Date(c.dueAt).toISOString(), items: c.items, decided: c.decided, revoked: c.revoked, url: link(c.id) };
    const events: Array<{ event: TPlannedNotification["event"]; when: boolean; text: string; extra?: Record<string, unknown> }> = [
      { event: "campaign.created", when: c.recent, text: `Access review "${c.name}" started by ${c.createdBy}: ${c.items} item(s), due ${day(new Date(c.dueAt))}`, extra: { createdBy: c.createdBy } },
      { event: "campaign.signed-off", when: c.status === "signed-off" && c.recentSignOff, text: `Access review "${c.name}" signed off by ${c.signedOffBy}: ${c.decided} decided, ${c.revoked} to revoke`, extra: { signedOffBy: c.signedOffBy } },
      { event: "campaign.overdue", when: c.status === "active" && new Date(c.dueAt).getTime() < now.getTime() && c.decided < c.items, text: `Access review "${c.name}" is overdue: ${c.items - c.decided} of ${c.items} item(s) undecided` },
    ];
    for (const e of events.filter((x) => x.when)) {
      for (const hook of hooks) {
        planned.push({ channel: hook.channel, event: e.event, dedupeKey: `${e.event}:${c.id}:${hook.channel}`, recipients: [hook.url], subject: e.text, payload: { text: `${e.text} <${facts.url}>`, json: { event: e.event, ...facts, ...e.extra } } });
      }
    }
  }
  return planned;
}

/**
 * The configured webhooks. `url` is only a label: a Slack webhook URL is itself a secret,
 * so the log and the audit trail show its host and the start of its path, and the sender
 * reads the full URL from the environment.
 */
export function webhookChannels(env: TNotifyEnv): Array<{ channel: "slack" | "webhook"; url: string }> {
  const label = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.slice(0, 10)}…`;
  };
  return [
    ...(env.NOTIFY_SLACK_WEBHOOK_URL ? [{ channel: "slack" as const, url: label(env.NOTIFY_SLACK_WEBHOOK_URL) }] : []),
    ...(env.NOTIFY_WEBHOOK_URL ? [{ channel: "webhook" as const, url: label(env.NOTIFY_WEBHOOK_URL) }] : []),
  ];
}
