import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { ConsoleError } from "../console/console-error";
import { getDb } from "../db/client";
import { apiTokenHint, generateApiTokenSecret, hashApiTokenSecret } from "./api-token-secret";
import { ZCreateApiTokenInput, type TCreateApiTokenInput } from "./api-token-schemas";

export type TRequestContext = { origin?: { ip: string | null; userAgent: string | null }; requestId?: string };

/** A new API token: the secret is returned here once and never again (only its hash is stored). */
export async function createApiToken(options: { user: TSessionUser; input: TCreateApiTokenInput; context?: TRequestContext }) {
  assertCan(options.user, "api.tokens.manage");
  const parsed = ZCreateApiTokenInput.safeParse(options.input);
  if (!parsed.success) throw new ConsoleError("invalid", parsed.error.issues.map((issue) => issue.message).join("; "));
  const { name, role, expiresInDays } = parsed.data;
  const secret = generateApiTokenSecret();
  const expiresAt = new Date(Date.now() + expiresInDays * 86_400_000);
  const { pool } = getDb();
  const { rows } = await pool.query(
    `INSERT INTO api_token (name, role, token_hash, hint, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [name, role, hashApiTokenSecret(secret), apiTokenHint(secret), options.user.email ?? options.user.id, expiresAt],
  );
  const id = Number(rows[0].id);
  await recordAuditEvent({ db: pool, event: {
    actor: { id: options.user.id, email: options.user.email, roles: options.user.roles }, action: "api.token-create",
    targetType: "api-token", targetId: String(id), details: { name, role, expiresAt: expiresAt.toISOString() },
    origin: options.context?.origin, requestId: options.context?.requestId,
  } });
  return { id, name, role, expiresAt, secret };
}
