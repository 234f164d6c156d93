import "server-only";
import type pg from "pg";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { lockOpenCampaign } from "./lock-open-campaign";
import { ConsoleError } from "../console/console-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { itemFilterSql } from "./item-filter-sql";
import { describeZodError, ZDecisionInput, ZItemFilters, type TItemFilters } from "./review-schemas";
import { reviewerFilter } from "./review-visibility";

type TOrigin = { ip: string | null; userAgent: string | null };
type TTarget = { itemIds: number[] } | { filters: Partial<TItemFilters> };
export type TDecisionResult = {
  decided: number[]; skippedOwnAccess: { id: number; principalName: string; accountId: string }[];
  /** Bulk only: matching items that were decided already and stay as they are. */
  skippedDecided: number;
};

/** Segregation of duties: the item identifies the deciding user as the person behind the access. */
const isOwnAccess = (identities: string[], email: string | null) => !!email && identities.includes(email.toLowerCase());

/**
 * Records keep/revoke/change on one item or on every item matching the list filters, each
 * as a review_decision row plus a review.decide audit event, in one transaction. Refuses
 * once the campaign is signed off; a reviewer's own access is refused (one item) or
 * skipped and reported (bulk). Only undecided items take a decision: a bulk decision skips
 * decided ones, and changing a decided item is an override (overrideDecision: admins, with a reason).
 */
export async function recordDecision(options: {
  pool: pg.Pool; user: TSessionUser; campaignId: number; target: TTarget; decision: string; comment?: string | null; origin?: TOrigin;
}): Promise<TDecisionResult> {
  const { user } = options;
  assertCan(user, "reviews.decide");
  const parsed = ZDecisionInput.safeParse({ decision: options.decision, comment: options.comment ?? undefined });
  if (!parsed.success) throw new ConsoleError("invalid", describeZodError(parsed.error));
  const { decision, comment } = parsed.data;
  const single = "itemIds" in options.target;
  const client = await options.pool.connect();
  try {
    await client.query("BEGIN");
    await lockOpenCampaign({ client, campaignId: options.campaignId });
    const filters = "filters" in options.target ? ZItemFilters.parse(options.target.filters) : {};
    const { where, params } = itemFilterSql({ campaignId: options.campaignId, filters, reviewer: reviewerFilter(user) });
    const idClause = "itemIds" in options.target ? ` AND i.id = ANY($${params.push(options.target.itemIds)}::int[])` : "";
    const { rows: matching } = await client.query(
      `SELECT i.id, i.identities, i.principal_name, i.account_id, i.decision, i.decided_by, i.decided_at FROM review_item i WHERE ${where}${idClause} ORDER BY i.id FOR UPDATE`, params);
    if (matching.length === 0) throw new ConsoleError(single ? "not-found" : "invalid", single ? "review item not found among your items in this campaign" : "no items match these filters");
    const items = matching.filter((i) => i.decision === null);
    if (single && items.length === 0) {
      const [done] = matching;
      throw new ConsoleError("conflict", `${done.principal_name} in ${done.account_id} is decided already (${done.decision} by ${done.decided_by}, ${new Date(done.decided_at).toISOString().slice(0, 16).replace("T", " ")} UTC): changing a decided item is an override, for admins only and with a reason`);
    }
    if (items.length === 0) throw new ConsoleError("invalid", `no undecided items match these filters (${matching.length} matching item(s) are decided already; a bulk decision never changes them)`);
    const own = items.filter((i) => isOwnAccess(i.identities ?? [], user.email));
    if (single && own.length > 0) {
      throw new ConsoleError("forbidden", `segregation of duties: ${own[0].principal_name} in ${own[0].account_id} is your own access (${user.email}); another reviewer must decide it`);
    }
    const decided: number[] = [];
    const actor = user.email ?? user.id;
    for (const item of items) {
      if (own.includes(item)) continue;
      await client.query("UPDATE review_item SET decision = $2, decision_comment = $3, decided_by = $4, decided_at = now() WHERE id = $1 AND decision IS NULL", [item.id, decision, comment ?? null, actor]);
      await client.query("INSERT INTO review_decision (item_id, campaign_id, decision, comment, decided_by) VALUES ($1, $2, $3, $4, $5)", [item.id, options.campaignId, decision, comment ?? null, actor]);
      await recordAuditEvent({
        db: client,
        event: {
          actor: { id: user.id, email: user.email, roles: user.roles }, action: "review.decide", targetType: "review-item", targetId: String(item.id),
          details: { campaignId: options.campaignId, item: item.id, principal: item.principal_name, accountId: item.account_id, decision, comment: comment ?? null, bulk: !single },
          origin: options.origin,
        },
      });
      decided.push(item.id);
    }
    await client.query("COMMIT");
    return { decided, skippedOwnAccess: own.map((i) => ({ id: i.id, principalName: i.principal_name, accountId: i.account_id })), skippedDecided: matching.length - items.length };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
