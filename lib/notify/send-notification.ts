import type pg from "pg";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { TSessionUser } from "../auth/permissions";
import { deliverNotification, type TAttachment } from "./deliver-notification";
import type { TNotifyEnv } from "./notify-env";
import type { TNotificationChannel, TNotificationPayload } from "./notification-types";

/** The notifier reads reports as an auditor would; it never acts on anything. */
export const NOTIFIER: TSessionUser = { id: "system:notifier", email: null, name: "Notifier", roles: ["auditor"] };

async function attachmentsFor(payload: TNotificationPayload): Promise<TAttachment[]> {
  if (!payload.attachCisReport) return [];
  // Loaded on demand: the report modules are server-only (the worker runs with the
  // react-server condition for them), and most notifications carry no report.
  const [{ getCisReport }, { renderCisPdf }] = await Promise.all([import("../reports/get-cis-report"), import("../reports/render-cis-pdf")]);
  const report = await getCisReport({ user: NOTIFIER, scope: payload.attachCisReport.scope });
  return [{ filename: `cis-aws-v5-iam-${report.generatedAt.toISOString().slice(0, 10)}.pdf`, content: await renderCisPdf({ report }), contentType: "application/pdf" }];
}

/**
 * One delivery attempt of a queued notification (the send job calls it; pg-boss retries
 * with backoff on a throw). Sent once: a notification already sent is skipped. The final
 * failed attempt marks it failed; success and final failure are audited.
 */
export async function sendNotification(options: { pool: pg.Pool; env: TNotifyEnv; notificationId: number; finalAttempt: boolean }): Promise<"sent" | "skipped"> {
  const { pool } = options;
  const { rows } = await pool.query(
    "UPDATE notification SET attempts = attempts + 1 WHERE id = $1 AND status <> 'sent' RETURNING id, channel, event, recipients, subject, payload, attempts",
    [options.notificationId],
  );
  const n = rows[0] as { id: number; channel: TNotificationChannel; event: string; recipients: string[]; subject: string; payload: TNotificationPayload; attempts: number } | undefined;
  if (!n) return "skipped";
  // The new state and its audit event commit together: nobody reads a sent or failed
  // notification whose audit event is not there yet.
  const settle = async (update: { sql: string; params: unknown[] }, audit?: { action: "notification.sent" | "notification.failed"; details: Record<string, unknown> }) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(update.sql, update.params);
      if (audit) await recordAuditEvent({ db: client, event: {
        actor: { id: NOTIFIER.id, roles: [] }, action: audit.action, targetType: "notification", targetId: String(n.id),
        details: { channel: n.channel, event: n.event, recipients: n.recipients, subject: n.subject, attempts: n.attempts, ...audit.details },
      } });
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  try {
    const result = await deliverNotification({ env: options.env, id: n.id, channel: n.channel, recipients: n.recipients, subject: n.subject, payload: n.payload, attachments: await attachmentsFor(n.payload) });
    await settle({ sql: "UPDATE notification SET status = 'sent', sent_at = now(), error = NULL WHERE id = $1", params: [n.id] }, { action: "notification.sent", details: { result } });
    return "sent";
  } catch (error) {
    const message = (error as Error).message.slice(0, 500);
    await settle(
      { sql: "UPDATE notification SET status = $2, error = $3 WHERE id = $1", params: [n.id, options.finalAttempt ? "failed" : "queued", message] },
      options.finalAttempt ? { action: "notification.failed", details: { error: message } } : undefined,
    );
    throw error;
  }
}
