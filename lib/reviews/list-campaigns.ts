import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { getDb } from "../db/client";
import { reviewerFilter } from "./review-visibility";

export type TCampaignSummary = {
  id: number; name: string; status: string; dueAt: Date; createdAt: Date; createdBy: string; analysisId: number;
  collectionRunId: number; signedOffAt: Date | null; total: number; decided: number; revoked: number;
};

/** Campaigns with progress; a reviewer sees only campaigns holding items of theirs, counted over those items. */
export async function listCampaigns(options: { user: TSessionUser }): Promise<TCampaignSummary[]> {
  assertCan(options.user, "reviews.read");
  const { rows } = await getDb().pool.query(
    `SELECT c.id, c.name, c.status, c.due_at AS "dueAt", c.created_at AS "createdAt", c.created_by AS "createdBy", c.analysis_id AS "analysisId",
       c.collection_run_id AS "collectionRunId", c.signed_off_at AS "signedOffAt",
       count(i.id)::int AS total, count(i.decision)::int AS decided, count(*) FILTER (WHERE i.decision = 'revoke')::int AS revoked
     FROM review_campaign c JOIN review_item i ON i.campaign_id = c.id AND ($1::text IS NULL OR i.reviewer_email = $1)
     GROUP BY c.id ORDER BY c.status = 'active' DESC, c.created_at DESC, c.id DESC LIMIT 200`,
    [reviewerFilter(options.user)],
  );
  return rows;
}
