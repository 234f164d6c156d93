import type pg from "pg";
import type { TPlannedNotification } from "./notification-types";

/** Records planned notifications not recorded before (by key); returns the new ones' ids, to be sent. */
export async function queueNotifications(options: { pool: pg.Pool; planned: TPlannedNotification[] }): Promise<number[]> {
  const ids: number[] = [];
  for (const n of options.planned) {
    const { rows } = await options.pool.query(
      `INSERT INTO notification (channel, event, dedupe_key, recipients, subject, payload) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [n.channel, n.event, n.dedupeKey, n.recipients, n.subject, JSON.stringify(n.payload)],
    );
    if (rows[0]) ids.push(rows[0].id);
  }
  return ids;
}
