import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { getDb } from "../db/client";

export type TNotificationRow = {
  id: number; channel: string; event: string; recipients: string[]; subject: string; status: string; attempts: number;
  error: string | null; createdAt: Date; sentAt: Date | null;
};

/** What was sent (or tried), to whom and when: newest first, 200 a page. */
export async function listNotifications(options: { user: TSessionUser; page?: number }): Promise<{ rows: TNotificationRow[]; total: number }> {
  assertCan(options.user, "notifications.read");
  const offset = (Math.max(1, options.page ?? 1) - 1) * 200;
  const { rows } = await getDb().pool.query(
    `SELECT id, channel, event, recipients, subject, status, attempts, error, created_at AS "createdAt", sent_at AS "sentAt", count(*) OVER ()::int AS total
     FROM notification ORDER BY id DESC LIMIT 200 OFFSET $1`,
    [offset],
  );
  return { rows: rows.map(({ total: _t, ...row }) => row as TNotificationRow), total: rows[0]?.total ?? 0 };
}
