import { randomBytes } from "node:crypto";
import type pg from "pg";

// The server-side record of each signed-in session (auth_session). The session cookie is a
// JWT that only names its row (`sid`); every request looks the row up by primary key, so a
// session ended here (sign-out, an administrator) stops working at once, even for a copy
// of the cookie, and the idle and absolute limits hold on the server as well.

/** last_seen_at is refreshed at most this often, so most requests only read. */
const TOUCH_EVERY_SECONDS = 60;

export type TSessionEndReason = "signed-out" | "ended-by-admin";

export async function createSessionRecord(options: {
  pool: pg.Pool; user: { id: string; email: string | null; name: string | null; roles: string[] };
  maxHours: number; origin?: { ip: string | null; userAgent: string | null };
}): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await options.pool.query(
    `INSERT INTO auth_session (id, user_id, user_email, user_name, roles, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6), $7, $8)`,
    [id, options.user.id, options.user.email, options.user.name, options.user.roles, Math.round(options.maxHours * 3600), options.origin?.ip ?? null, options.origin?.userAgent ?? null],
  );
  // Rows of long-gone sessions serve nobody; a month keeps them for the sessions page and incident review.
  await options.pool.query("DELETE FROM auth_session WHERE expires_at < now() - interval '30 days'");
  return id;
}

/** Whether the session may still be used: not ended, within its absolute limit, and used within the idle limit. */
export async function isSessionActive(options: { pool: pg.Pool; sid: unknown; idleMinutes: number }): Promise<boolean> {
  if (typeof options.sid !== "string" || options.sid.length < 20 || options.sid.length > 100) return false;
  const { rows } = await options.pool.query(
    `SELECT last_seen_at < now() - make_interval(secs => $3) AS stale FROM auth_session
     WHERE id = $1 AND ended_at IS NULL AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $2)`,
    [options.sid, options.idleMinutes, TOUCH_EVERY_SECONDS],
  );
  if (rows.length === 0) return false;
  if (rows[0].stale) {
    void options.pool.query("UPDATE auth_session SET last_seen_at = now() WHERE id = $1", [options.sid])
      .catch((error: Error) => console.error(`session: could not record activity: ${error.message}`));
  }
  return true;
}

/** Ends one session (sign-out); returns whether it was still open. */
export async function endSessionRecord(options: { pool: pg.Pool; sid: unknown; reason: TSessionEndReason; endedBy: string }): Promise<boolean> {
  if (typeof options.sid !== "string") return false;
  const { rowCount } = await options.pool.query(
    "UPDATE auth_session SET ended_at = now(), end_reason = $2, ended_by = $3 WHERE id = $1 AND ended_at IS NULL",
    [options.sid, options.reason, options.endedBy],
  );
  return (rowCount ?? 0) > 0;
}
