import "server-only";
import type pg from "pg";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { lockOpenCampaign } from "./lock-open-campaign";
import { ConsoleError } from "../console/console-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { describeZodError, ZOverrideInput } from "./review-schemas";

type TOrigin = { ip: string | null; userAgent: string | null };
export type TOverrideResult = { itemId: number; decision: string; previous: { decision: string; comment: string | null; decidedBy: string; decidedAt: Date } };

/**
 * An admin changes a decided item. The override is a decision row of its own, flagged as
 * such and carrying the reason; the reviewer's row stays as recorded (review_decision is
 * append-only), and the item holds the effective decision, which sign-off and remediation
 * follow. The person behind the access may not override it either (segregation of duties).
 */
export async function overrideDecision(options: {
  pool: pg.Pool; user: TSessionUser; campaignId: number; itemId: number; decision: string; reason?: string | null; origin?: TOrigin;
}): Promise<TOverrideResult> {
  const { user } = options;
  assertCan(user, "reviews.override");
  const parsed = ZOverrideInput.safeParse({ decision: options.decision, reason: options.reason ?? "" });
  if (!parsed.success) throw new ConsoleError("invalid", describeZodError(parsed.error));
  const { decision, reason } = parsed.data;
  const client = await options.pool.connect();
  try {
    await client.query("BEGIN");
    await lockOpenCampaign({ client, campaignId: options.campaignId });
    const { rows: [item] } = await client.query(
      "SELECT id, principal_name, account_id, identities, decision, decision_comment, decided_by, decided_at FROM review_item WHERE id = $1 AND campaign_id = $2 FOR UPDATE",
      [options.itemId, options.campaignId]);
    if (!item) throw new ConsoleError("not-found", `review item ${options.itemId} not found in campaign ${options.campaignId}`);
    const where = `${item.principal_name} in ${item.account_id}`;
    if (item.decision === null) throw new ConsoleError("conflict", `${where} is undecided: decide it; an override changes a decided item only`);
    if (item.decision === decision) throw new ConsoleError("invalid", `${where} is decided ${decision} already: an override must change the decision`);
    if (user.email && (item.identities ?? []).includes(user.email.toLowerCase())) {
      throw new ConsoleError("forbidden", `segregation of duties: ${where} is your own access (${user.email}); you cannot override its decision`);
    }
    const actor = user.email ?? user.id;
    const previous = { decision: item.decision, comment: item.decision_comment, decidedBy: item.decided_by, decidedAt: item.decided_at };
    await client.query("UPDATE review_item SET decision = $2, decision_comment = $3, decided_by = $4, decided_at = now() WHERE id = $1", [item.id, decision, reason, actor]);
    await client.query("INSERT INTO review_decision (item_id, campaign_id, decision, comment, decided_by, override) VALUES ($1, $2, $3, $4, $5, true)",
      [item.id, options.campaignId, decision, reason, actor]);
    await recordAuditEvent({
      db: client,
      event: {
        actor: { id: user.id, email: user.email, roles: user.roles }, action: "review.override", targetType: "review-item", targetId: String(item.id),
        details: { campaignId: options.campaignId, item: item.id, principal: item.principal_name, accountId: item.account_id, decision, reason, previous: { ...previous, decidedAt: new Date(previous.decidedAt).toISOString() } },
        origin: options.origin,
      },
    });
    await client.query("COMMIT");
    return { itemId: item.id, decision, previous };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
