import "server-only";
import type pg from "pg";
import { assertCan } from "../console/assert-can";
import { getDb } from "../db/client";
import { loadAuthEnv } from "./auth-env";
import type { TSessionUser } from "./permissions";

export type TActiveSession = { id: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date; ip: string | null; userAgent: string | null };
export type TUserSessions = { userId: string; email: string | null; name: string | null; roles: string[]; sessions: TActiveSession[] };

/** Open sessions (not ended, within the idle and absolute limits), grouped by user, most recently active first. */
export async function listActiveSessions(options: { user: TSessionUser; pool?: pg.Pool; idleMinutes?: number }): Promise<TUserSessions[]> {
  assertCan(options.user, "sessions.manage");
  const pool = options.pool ?? getDb().pool;
  const idleMinutes = options.idleMinutes ?? loadAuthEnv().SESSION_IDLE_MINUTES;
  const { rows } = await pool.query(
    `SELECT id, user_id AS "userId", user_email AS "email", user_name AS "name", coalesce(roles, '{}') AS roles,
            created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", ip, user_agent AS "userAgent"
     FROM auth_session WHERE ended_at IS NULL AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $1)
     ORDER BY last_seen_at DESC LIMIT 2000`,
    [idleMinutes],
  );
  const byUser = new Map<string, TUserSessions>();
  for (const row of rows) {
    const entry: TUserSessions = byUser.get(row.userId) ?? { userId: row.userId, email: row.email, name: row.name, roles: row.roles, sessions: [] };
    entry.sessions.push({ id: row.id, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, expiresAt: row.expiresAt, ip: row.ip, userAgent: row.userAgent });
    byUser.set(row.userId, entry);
  }
  return [...byUser.values()];
}
