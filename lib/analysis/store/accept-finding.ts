import type pg from "pg";
import { z } from "zod";

const MAX_ACCEPTANCE_DAYS = 366;

export const ZAcceptFinding = z.object({
  findingId: z.number().int().positive(),
  reason: z.string().trim().min(10, "give a reason of at least 10 characters"),
  until: z.coerce.date(),
  acceptedBy: z.string().min(1),
});

/**
 * Accepts a finding's risk until a date with a reason. The acceptance lapses by itself:
 * the next analysis after `until` reopens the finding if it is still present.
 */
export async function acceptFinding(options: { pool: pg.Pool; input: z.input<typeof ZAcceptFinding>; now?: Date }) {
  const input = ZAcceptFinding.parse(options.input);
  const now = options.now ?? new Date();
  if (input.until <= now) throw new Error("until: the acceptance must end in the future");
  if (input.until.getTime() - now.getTime() > MAX_ACCEPTANCE_DAYS * 86_400_000) throw new Error(`until: at most ${MAX_ACCEPTANCE_DAYS} days ahead; re-review instead`);
  const { rows } = await options.pool.query(
    `UPDATE finding SET status = 'accepted', accepted_reason = $2, accepted_until = $3, accepted_by = $4
     WHERE id = $1 AND status IN ('open', 'accepted') RETURNING id, status`,
    [input.findingId, input.reason, input.until, input.acceptedBy],
  );
  if (rows.length === 0) throw new Error(`finding ${input.findingId}: not found or already resolved`);
  return rows[0] as { id: number; status: string };
}
