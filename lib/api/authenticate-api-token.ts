import type pg from "pg";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { TSessionUser } from "../auth/permissions";
import { ConsoleError } from "../console/console-error";
import { hashApiTokenSecret, isWellFormedApiToken } from "./api-token-secret";
import { apiTokenActorId } from "./api-token-schemas";

/**
 * The caller behind `Authorization: Bearer aat_…`, as a user with the token's one role, so
 * the console's permission table decides what it may read. Every call is counted per token
 * and hour; the first call of each hour writes one audit event (not one per call).
 */
export async function authenticateApiToken(options: {
  pool: pg.Pool; authorization: string | null; path: string; origin?: { ip: string | null; userAgent: string | null }; requestId?: string; now?: Date;
}): Promise<TSessionUser> {
  const match = /^Bearer\s+(\S+)$/i.exec(options.authorization?.trim() ?? "");
  if (!match) throw new ConsoleError("unauthenticated", "send an API token as 'Authorization: Bearer aat_…'");
  const secret = match[1];
  if (!isWellFormedApiToken(secret)) throw new ConsoleError("unauthenticated", "that is not an Access Atlas API token");
  const now = options.now ?? new Date();
  const { rows } = await options.pool.query(
    "SELECT id, name, role, expires_at AS \"expiresAt\", revoked_at AS \"revokedAt\" FROM api_token WHERE token_hash = $1",
    [hashApiTokenSecret(secret)],
  );
  const token = rows[0];
  if (!token) throw new ConsoleError("unauthenticated", "unknown API token");
  if (token.revokedAt) throw new ConsoleError("unauthenticated", `API token "${token.name}" was revoked`);
  if (token.expiresAt <= now) throw new ConsoleError("unauthenticated", `API token "${token.name}" expired on ${token.expiresAt.toISOString()}`);
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const usage = await options.pool.query(
    `WITH touch AS (UPDATE api_token SET last_used_at = $4 WHERE id = $1)
     INSERT INTO api_token_usage (token_id, hour, calls, last_path) VALUES ($1, $2, 1, $3)
     ON CONFLICT (token_id, hour) DO UPDATE SET calls = api_token_usage.calls + 1, last_path = excluded.last_path
     RETURNING calls`,
    [token.id, hour, options.path, now],
  );
  const user: TSessionUser = { id: apiTokenActorId(token.id), email: null, name: `API token ${token.name}`, roles: [token.role] };
  if (usage.rows[0].calls === 1) {
    await recordAuditEvent({ db: options.pool, event: {
      actor: { id: user.id, email: null, roles: user.roles }, action: "api.token-use", targetType: "api-token", targetId: String(token.id),
      details: { name: token.name, hour: hour.toISOString(), firstPath: options.path, note: "first call of the hour; calls per hour are in api_token_usage" },
      origin: options.origin, requestId: options.requestId,
    } });
  }
  return user;
}
