import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { ConsoleError } from "../console/console-error";
import { getDb } from "../db/client";
import type { TCampaignReport, TReviewerProgress } from "./get-campaign-report";
import { reviewerFilter } from "./review-visibility";

export type TCampaignProgress = Pick<TCampaignReport, "campaign" | "scopedToReviewer" | "reviewers"> & {
  totals: { items: number; decided: number; open: number };
  /** The accounts of the caller's visible items (the account filter's choices). */
  accountIds: string[];
  /** The caller recorded a decision or an override on one of its visible items (four eyes at sign-off). */
  decidedByCaller: boolean;
};

/**
 * What the campaign page shows above its items, counted in SQL: the campaign, each
 * reviewer's progress and what is left, the accounts to filter on. The same figures as
 * getCampaignReport (which reads every item with its frozen evidence, for the reports),
 * scoped the same way: a reviewer sees only their own items' figures.
 */
export async function getCampaignProgress(options: { user: TSessionUser; campaignId: number }): Promise<TCampaignProgress> {
  assertCan(options.user, "reviews.read");
  const { pool } = getDb();
  const reviewer = reviewerFilter(options.user);
  const { rows: [c] } = await pool.query(
    `SELECT c.*, coalesce(a.finished_at, a.started_at) AS snapshot_at FROM review_campaign c LEFT JOIN analysis_run a ON a.id = c.analysis_id
     WHERE c.id = $1 AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM review_item i WHERE i.campaign_id = c.id AND i.reviewer_email = $2))`,
    [options.campaignId, reviewer],
  );
  if (!c) throw new ConsoleError("not-found", `review campaign ${options.campaignId} not found`);
  const [{ rows: byReviewer }, { rows: accounts }, { rows: [mine] }] = await Promise.all([
    pool.query(
      `SELECT reviewer_email AS "reviewerEmail", count(*)::int AS total, count(*) FILTER (WHERE decision IN ('keep', 'revoke', 'change'))::int AS decided,
         count(*) FILTER (WHERE decision = 'keep')::int AS keep, count(*) FILTER (WHERE decision = 'revoke')::int AS revoke, count(*) FILTER (WHERE decision = 'change')::int AS change
       FROM review_item WHERE campaign_id = $1 AND ($2::text IS NULL OR reviewer_email = $2) GROUP BY reviewer_email ORDER BY reviewer_email`,
      [options.campaignId, reviewer],
    ),
    pool.query(`SELECT DISTINCT account_id AS id FROM review_item WHERE campaign_id = $1 AND ($2::text IS NULL OR reviewer_email = $2) ORDER BY 1`, [options.campaignId, reviewer]),
    pool.query(
      `SELECT EXISTS (SELECT 1 FROM review_decision d JOIN review_item i ON i.id = d.item_id
         WHERE i.campaign_id = $1 AND ($2::text IS NULL OR i.reviewer_email = $2) AND d.decided_by = $3) AS yes`,
      [options.campaignId, reviewer, options.user.email ?? options.user.id],
    ),
  ]);
  const reviewers: TReviewerProgress[] = byReviewer.map((r) => ({ ...r, completionRate: r.total === 0 ? 1 : r.decided / r.total }))
    .sort((a, b) => a.reviewerEmail.localeCompare(b.reviewerEmail));
  const items = reviewers.reduce((n, r) => n + r.total, 0);
  const decided = reviewers.reduce((n, r) => n + r.decided, 0);
  return {
    campaign: {
      id: c.id, name: c.name, description: c.description, status: c.status, scope: c.scope, reviewerConfig: c.reviewer_config,
      analysisId: c.analysis_id, collectionRunId: c.collection_run_id, snapshotAt: c.snapshot_at, dueAt: c.due_at, createdBy: c.created_by,
      createdAt: c.created_at, signedOffBy: c.signed_off_by, signedOffAt: c.signed_off_at, signOffComment: c.sign_off_comment, scheduleId: c.schedule_id,
    },
    scopedToReviewer: reviewer,
    reviewers,
    totals: { items, decided, open: items - decided },
    accountIds: accounts.map((a) => a.id as string),
    decidedByCaller: mine.yes,
  };
}
