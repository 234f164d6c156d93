import type pg from "pg";
import { z } from "zod";
import { currentRequestId } from "../log/request-context";

export const AUDIT_ACTIONS = [
  "auth.sign-in", "auth.sign-in-refused", "auth.sign-out", "auth.sessions-ended",
  "access.refused",
  "export.download",
  "review.campaign-create", "review.decide", "review.sign-off", "review.schedule-create", "review.schedule-update",
  "review.override",
  "finding.accept", "finding.reopen",
  "collection.start",
  "config.change",
  "history.prune",
  "api.token-create", "api.token-revoke", "api.token-use",
  "notification.sent", "notification.failed",
] as const;
export type TAuditAction = (typeof AUDIT_ACTIONS)[number];

export const ZAuditEvent = z.object({
  actor: z.object({ id: z.string().min(1), email: z.string().nullable().optional(), roles: z.array(z.string()).default([]) }),
  action: z.enum(AUDIT_ACTIONS),
  targetType: z.string().optional(),
  targetId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).default({}),
  /** Where the request came from: the client IP (lib/audit/request-origin.ts) and user agent. */
  origin: z.object({ ip: z.string().nullable().optional(), userAgent: z.string().nullable().optional() }).optional(),
  /**
   * The request's id (x-request-id or generated), the same one the JSON log lines carry;
   * kept in details. Left out, it is the id of the console request being served, if any
   * (lib/log/request-context.ts); null records none.
   */
  requestId: z.string().max(200).nullable().optional(),
});
export type TAuditEventInput = z.input<typeof ZAuditEvent>;

// An exported CSV cannot tell an empty text from NULL, so empty optional texts are stored
// as NULL and the hash chain stays verifiable from the export.
const orNull = (value: string | null | undefined) => (value ? value : null);

/**
 * Appends one event to the audit trail. A trigger chains it to the previous event (hash,
 * prev_hash) and another refuses any change to it afterwards.
 */
export async function recordAuditEvent(options: { db: pg.Pool | pg.PoolClient; event: TAuditEventInput }): Promise<number> {
  const event = ZAuditEvent.parse(options.event);
  const requestId = event.requestId === undefined ? currentRequestId() : event.requestId;
  const { rows } = await options.db.query(
    `INSERT INTO audit_event (actor_id, actor_email, actor_roles, action, target_type, target_id, details, ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [event.actor.id, orNull(event.actor.email), event.actor.roles, event.action, orNull(event.targetType), orNull(event.targetId),
      JSON.stringify(requestId ? { ...event.details, requestId } : event.details), orNull(event.origin?.ip), orNull(event.origin?.userAgent)],
  );
  return Number(rows[0].id);
}
