import "server-only";
import type pg from "pg";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event";
import { assertCan } from "../console/assert-can";
import { ConsoleError } from "../console/console-error";
import { getDb } from "../db/client";
import type { TSessionUser } from "./permissions";

export const ZSessionUserId = z.string().trim().min(1, "userId: pick a user").max(255, "userId: at most 255 characters");

/**
 * Ends every open session of one user (an administrator's decision, e.g. a lost laptop or a
 * leaver): their cookies stop working on the next request. Audited as auth.sessions-ended.
 */
export async function endUserSessions(options: {
  user: TSessionUser; userId: string; origin?: { ip: string | null; userAgent: string | null }; pool?: pg.Pool;
}): Promise<{ ended: number }> {
  assertCan(options.user, "sessions.manage");
  const userId = ZSessionUserId.parse(options.userId);
  const pool = options.pool ?? getDb().pool;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query(
      `UPDATE auth_session SET ended_at = now(), end_reason = 'ended-by-admin', ended_by = $2
       WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now() RETURNING user_email AS email`,
      [userId, options.user.email ?? options.user.id],
    );
    if (rows.length === 0) throw new ConsoleError("not-found", `no open session of user ${userId}`);
    await recordAuditEvent({
      db: client,
      event: {
        actor: { id: options.user.id, email: options.user.email, roles: options.user.roles },
        action: "auth.sessions-ended", targetType: "user", targetId: userId,
        details: { sessions: rows.length, email: rows[0].email ?? null }, origin: options.origin,
      },
    });
    await client.query("COMMIT");
    return { ended: rows.length };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
