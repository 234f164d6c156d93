import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { ConsoleError } from "../console/console-error";
import { getDb } from "../db/client";
import type { TRequestContext } from "./create-api-token";

/** Revokes a token at once: the next call with it is refused. Revoking twice is a conflict, not a second event. */
export async function revokeApiToken(options: { user: TSessionUser; tokenId: number; context?: TRequestContext }): Promise<void> {
  assertCan(options.user, "api.tokens.manage");
  if (!Number.isInteger(options.tokenId) || options.tokenId <= 0) throw new ConsoleError("invalid", "token id must be a positive integer");
  const { pool } = getDb();
  const { rows } = await pool.query(
    "UPDATE api_token SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING name, role",
    [options.tokenId, options.user.email ?? options.user.id],
  );
  if (rows.length === 0) {
    const exists = await pool.query("SELECT 1 FROM api_token WHERE id = $1", [options.tokenId]);
    throw exists.rowCount ? new ConsoleError("conflict", `token ${options.tokenId} is already revoked`) : new ConsoleError("not-found", `no token ${options.tokenId}`);
  }
  await recordAuditEvent({ db: pool, event: {
    actor: { id: options.user.id, email: options.user.email, roles: options.user.roles }, action: "api.token-revoke",
    targetType: "api-token", targetId: String(options.tokenId), details: { name: rows[0].name, role: rows[0].role },
    origin: options.context?.origin, requestId: options.context?.requestId,
  } });
}
