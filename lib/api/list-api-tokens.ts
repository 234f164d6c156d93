import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { getDb } from "../db/client";
import type { TApiTokenRow } from "./api-token-schemas";

/** Every token (revoked and expired ones too, for the record), newest first, with its calls of the last 24 hours. */
export async function listApiTokens(options: { user: TSessionUser }): Promise<TApiTokenRow[]> {
  assertCan(options.user, "api.tokens.manage");
  const { rows } = await getDb().pool.query(
    `SELECT t.id, t.name, t.role, t.hint, t.created_by AS "createdBy", t.created_at AS "createdAt", t.expires_at AS "expiresAt",
       t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt", t.revoked_by AS "revokedBy",
       coalesce((SELECT sum(u.calls) FROM api_token_usage u WHERE u.token_id = t.id AND u.hour > now() - interval '24 hours'), 0)::int AS "callsLast24h"
     FROM api_token t ORDER BY t.id DESC LIMIT 500`,
  );
  return rows as TApiTokenRow[];
}
