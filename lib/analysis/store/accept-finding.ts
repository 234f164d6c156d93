import type pg from "pg";
import { z } from "zod";
import { recordAuditEvent, type TAuditEventInput } from "../../audit/record-audit-event";
import { ConsoleError } from "../../console/console-error";

const MAX_ACCEPTANCE_DAYS = 366;

export const ZAcceptFinding = z.object({
  findingId: z.number().int().positive(),
  reason: z.string().trim().min(10, "give a reason of at least 10 characters"),
  until: z.coerce.date(),
  acceptedBy: z.string().min(1),
});

/** Who did it, for the audit event written in the same transaction as the change. */
export type TFindingAudit = Pick<TAuditEventInput, "actor" | "origin">;

/**
 * Accepts a finding's risk until a date with a reason. The acceptance lapses by itself:
 * the next analysis after `until` reopens the finding if it is still present.
 */
export async function acceptFinding(options: { pool: pg.Pool; input: z.input<typeof ZAcceptFinding>; now?: Date; audit?: TFindingAudit }) {
  const parsed = ZAcceptFinding.safeParse(options.input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConsoleError("invalid", `${issue.path.join(".") || "input"}: ${issue.code === "invalid_type" && issue.path[0] === "until" ? "give the date the acceptance ends" : issue.message}`);
  }
  const input = parsed.data;
  const now = options.now ?? new Date();
  if (Number.isNaN(input.until.getTime())) throw new ConsoleError("invalid", "until: give the date the acceptance ends");
  if (input.until <= now) throw new ConsoleError("invalid", "until: the acceptance must end in the future");
  if (input.until.getTime() - now.getTime() > MAX_ACCEPTANCE_DAYS * 86_400_000) throw new ConsoleError("invalid", `until: at most ${MAX_ACCEPTANCE_DAYS} days ahead; re-review instead`);
  return inTransaction(options.pool, async (client) => {
    const { rows } = await client.query(
      `UPDATE finding SET status = 'accepted', accepted_reason = $2, accepted_until = $3, accepted_by = $4
       WHERE id = $1 AND status IN ('open', 'accepted') RETURNING id, status, fingerprint`,
      [input.findingId, input.reason, input.until, input.acceptedBy],
    );
    if (rows.length === 0) throw new ConsoleError("not-found", `finding ${input.findingId}: not found or already resolved`);
    if (options.audit) {
      await recordAuditEvent({ db: client, event: { ...options.audit, action: "finding.accept", targetType: "finding", targetId: String(input.findingId),
        details: { fingerprint: rows[0].fingerprint, reason: input.reason, until: input.until.toISOString() } } });
    }
    return { id: rows[0].id as number, status: rows[0].status as string };
  });
}

/** Ends an acceptance early: the finding is open again and the reason, date and acceptor are cleared. */
export async function reopenFinding(options: { pool: pg.Pool; findingId: number; audit?: TFindingAudit }) {
  return inTransaction(options.pool, async (client) => {
    const { rows } = await client.query(
      `UPDATE finding SET status = 'open', accepted_reason = NULL, accepted_until = NULL, accepted_by = NULL
       WHERE id = $1 AND status = 'accepted' RETURNING id, status, fingerprint`,
      [options.findingId],
    );
    if (rows.length === 0) throw new ConsoleError("conflict", `finding ${options.findingId}: not found or not accepted`);
    if (options.audit) {
      await recordAuditEvent({ db: client, event: { ...options.audit, action: "finding.reopen", targetType: "finding", targetId: String(options.findingId), details: { fingerprint: rows[0].fingerprint } } });
    }
    return { id: rows[0].id as number, status: rows[0].status as string };
  });
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
