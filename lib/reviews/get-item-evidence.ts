import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { ConsoleError } from "../console/console-error";
import { getDb } from "../db/client";
import type { TItemEvidence } from "./item-evidence";
import { reviewerFilter } from "./review-visibility";

export type TItemEvidenceDetail = {
  id: number; principalKey: string; principalArn: string | null; targetKey: string | null; evidence: TItemEvidence;
};

/**
 * The full frozen evidence of one review item, which the campaign page opens on demand.
 * Visible exactly as the campaign page's rows are: reviews.read, and a reviewer only for
 * the items assigned to them (anyone else's item is "not found", as on the page).
 */
export async function getItemEvidence(options: { user: TSessionUser; campaignId: number; itemId: number }): Promise<TItemEvidenceDetail> {
  assertCan(options.user, "reviews.read");
  const { pool } = getDb();
  const { rows: [row] } = await pool.query(
    `SELECT i.id, i.principal_key AS "principalKey", i.principal_arn AS "principalArn", i.target_key AS "targetKey", i.evidence
     FROM review_item i WHERE i.campaign_id = $1 AND i.id = $2 AND ($3::text IS NULL OR i.reviewer_email = $3)`,
    [options.campaignId, options.itemId, reviewerFilter(options.user)],
  );
  if (!row) throw new ConsoleError("not-found", `review item ${options.itemId} of campaign ${options.campaignId} not found`);
  return row;
}
