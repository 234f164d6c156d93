import "server-only";
import type pg from "pg";
import { z } from "zod";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { ConsoleError } from "../console/console-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { buildRemediation } from "./build-remediation";

const ZComment = z.string().trim().max(4000, "comment: at most 4000 characters").optional();

/**
 * Closes a campaign once every item is decided: records who signed off, freezes the
 * decisions (recordDecision refuses afterwards) and stores each revoke/change item's
 * remediation; revocations start as pending until a later analysis shows them done.
 * Four eyes: whoever decided or overrode any item of the campaign (any row of its decision
 * history, not only the effective decisions) cannot be the one who signs it off.
 */
export async function signOffCampaign(options: {
  pool: pg.Pool; user: TSessionUser; campaignId: number; comment?: string | null; origin?: { ip: string | null; userAgent: string | null };
}): Promise<{ items: number; remediations: number }> {
  const { user } = options;
  assertCan(user, "reviews.signoff");
  const parsedComment = ZComment.safeParse(options.comment ?? undefined);
  if (!parsedComment.success) throw new ConsoleError("invalid", parsedComment.error.issues[0].message);
  const client = await options.pool.connect();
  try {
    await client.query("BEGIN");
    const { rows: [campaign] } = await client.query("SELECT id, status, name FROM review_campaign WHERE id = $1 FOR UPDATE", [options.campaignId]);
    if (!campaign) throw new ConsoleError("not-found", `review campaign ${options.campaignId} not found`);
    if (campaign.status === "signed-off") throw new ConsoleError("conflict", "campaign is signed off already");
    const { rows: items } = await client.query("SELECT * FROM review_item WHERE campaign_id = $1 ORDER BY id", [options.campaignId]);
    const open = items.filter((i) => i.decision === null).length;
    if (open > 0) throw new ConsoleError("conflict", `cannot sign off: ${open} of ${items.length} item(s) are still undecided`);
    const signer = user.email ?? user.id;
    const { rows: own } = await client.query(
      `SELECT d.override, i.principal_name, i.account_id FROM review_decision d JOIN review_item i ON i.id = d.item_id
       WHERE d.campaign_id = $1 AND lower(d.decided_by) = lower($2) ORDER BY d.id`, [options.campaignId, signer]);
    if (own.length > 0) {
      const overrides = own.filter((d) => d.override).length;
      throw new ConsoleError("forbidden",
        `four eyes: you (${signer}) recorded ${own.length} decision(s) in this campaign${overrides ? `, ${overrides} of them override(s)` : ""}` +
        ` (first: ${own[0].principal_name} in ${own[0].account_id}); someone who decided none of its items must sign it off`);
    }
    let remediations = 0;
    for (const item of items.filter((i) => i.decision === "revoke" || i.decision === "change")) {
      const steps = buildRemediation({
        principalKey: item.principal_key, principalKind: item.principal_kind, principalName: item.principal_name, principalArn: item.principal_arn,
        accountId: item.account_id, accessKind: item.access_kind, evidence: item.evidence,
      });
      await client.query("UPDATE review_item SET remediation = $2, remediation_status = $3 WHERE id = $1",
        [item.id, JSON.stringify(steps), item.decision === "revoke" ? "pending" : null]);
      remediations++;
    }
    await client.query("UPDATE review_campaign SET status = 'signed-off', signed_off_by = $2, signed_off_at = now(), sign_off_comment = $3 WHERE id = $1",
      [options.campaignId, signer, parsedComment.data || null]);
    await recordAuditEvent({
      db: client,
      event: {
        actor: { id: user.id, email: user.email, roles: user.roles }, action: "review.sign-off", targetType: "review-campaign", targetId: String(options.campaignId),
        details: { name: campaign.name, items: items.length, remediations, comment: parsedComment.data || null }, origin: options.origin,
      },
    });
    await client.query("COMMIT");
    return { items: items.length, remediations };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
