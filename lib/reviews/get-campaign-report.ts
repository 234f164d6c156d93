import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { ConsoleError } from "../console/console-error";
import { getDb } from "../db/client";
import type { TItemEvidence, TRemediationStep } from "./item-evidence";
import type { TCampaignScope, TReviewerConfig } from "./review-schemas";
import { decisionLayers, DECISION_HISTORY_SQL, toDecisionEntries, type TDecisionEntry } from "./decision-history";
import { reviewerFilter } from "./review-visibility";

export type TReportDecision = TDecisionEntry;
export type TReportItem = {
  id: number; principalKey: string; principalKind: string; principalName: string; principalArn: string | null;
  accountId: string; accessKind: string; targetKey: string | null; reviewerEmail: string; identities: string[];
  /** Segregation of duties: the reviewer first chosen for the item, whose own access it is. */
  reassignedFrom: string | null;
  /** The effective decision (what sign-off and remediation follow): an override when there is one. */
  decision: string | null; decisionComment: string | null; decidedBy: string | null; decidedAt: Date | null;
  /** The assigned reviewer's decision, kept as recorded even when an admin overrode it. */
  reviewerDecision: TReportDecision | null;
  /** An admin's override in force: the new decision, who, when and the reason (comment). */
  override: TReportDecision | null;
  /** Every decision recorded for the item, oldest first. */
  history: TReportDecision[];
  evidence: TItemEvidence; remediation: TRemediationStep[] | null; remediationStatus: string | null; remediationCheckedRun: number | null;
};
export type TReviewerProgress = { reviewerEmail: string; total: number; decided: number; keep: number; revoke: number; change: number; completionRate: number };
export type TCampaignReport = {
  campaign: {
    id: number; name: string; description: string; status: string; scope: TCampaignScope; reviewerConfig: TReviewerConfig;
    analysisId: number; collectionRunId: number; snapshotAt: Date | null; dueAt: Date; createdBy: string; createdAt: Date;
    signedOffBy: string | null; signedOffAt: Date | null; signOffComment: string | null; scheduleId: number | null;
  };
  /** True when the caller is a reviewer and the report holds only their items. */
  scopedToReviewer: string | null;
  totals: { items: number; decided: number; open: number; keep: number; revoke: number; change: number; overridden: number; completionRate: number };
  reviewers: TReviewerProgress[];
  remediation: { pending: number; done: number; overdue: number; unchecked: number };
  items: TReportItem[];
};

const rate = (decided: number, total: number) => (total === 0 ? 1 : decided / total);

/** Everything the campaign evidence report shows: scope, snapshot, reviewers, every decision, remediation. */
export async function getCampaignReport(options: { user: TSessionUser; campaignId: number }): Promise<TCampaignReport> {
  assertCan(options.user, "reviews.read");
  const { pool } = getDb();
  const reviewer = reviewerFilter(options.user);
  const { rows: [c] } = await pool.query(
    `SELECT c.*, coalesce(a.finished_at, a.started_at) AS snapshot_at FROM review_campaign c LEFT JOIN analysis_run a ON a.id = c.analysis_id
     WHERE c.id = $1 AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM review_item i WHERE i.campaign_id = c.id AND i.reviewer_email = $2))`,
    [options.campaignId, reviewer],
  );
  if (!c) throw new ConsoleError("not-found", `review campaign ${options.campaignId} not found`);
  const { rows: items } = await pool.query(
    `SELECT i.*, ${DECISION_HISTORY_SQL} AS history
     FROM review_item i WHERE i.campaign_id = $1 AND ($2::text IS NULL OR i.reviewer_email = $2)
     ORDER BY i.account_id, i.principal_name, i.access_kind, i.target_key NULLS FIRST, i.id`,
    [options.campaignId, reviewer],
  );
  const reportItems: TReportItem[] = items.map((i) => {
    const history = toDecisionEntries(i.history);
    return {
      id: i.id, principalKey: i.principal_key, principalKind: i.principal_kind, principalName: i.principal_name, principalArn: i.principal_arn,
      accountId: i.account_id, accessKind: i.access_kind, targetKey: i.target_key, reviewerEmail: i.reviewer_email, identities: i.identities ?? [],
      reassignedFrom: i.reassigned_from,
      decision: i.decision, decisionComment: i.decision_comment, decidedBy: i.decided_by, decidedAt: i.decided_at,
      ...decisionLayers(history), history,
      evidence: i.evidence, remediation: i.remediation, remediationStatus: i.remediation_status, remediationCheckedRun: i.remediation_checked_run,
    };
  });
  const byReviewer = new Map<string, TReviewerProgress>();
  const count = { keep: 0, revoke: 0, change: 0 };
  const remediation = { pending: 0, done: 0, overdue: 0, unchecked: 0 };
  for (const item of reportItems) {
    const p = byReviewer.get(item.reviewerEmail) ?? { reviewerEmail: item.reviewerEmail, total: 0, decided: 0, keep: 0, revoke: 0, change: 0, completionRate: 0 };
    p.total++;
    if (item.decision === "keep" || item.decision === "revoke" || item.decision === "change") {
      p.decided++; p[item.decision]++; count[item.decision]++;
    }
    byReviewer.set(item.reviewerEmail, p);
    if (item.decision === "revoke") {
      const status = item.remediationStatus as keyof typeof remediation | null;
      remediation[status && status in remediation ? status : "unchecked"]++;
    }
  }
  const reviewers = [...byReviewer.values()].map((p) => ({ ...p, completionRate: rate(p.decided, p.total) })).sort((a, b) => a.reviewerEmail.localeCompare(b.reviewerEmail));
  const decided = count.keep + count.revoke + count.change;
  return {
    campaign: {
      id: c.id, name: c.name, description: c.description, status: c.status, scope: c.scope, reviewerConfig: c.reviewer_config,
      analysisId: c.analysis_id, collectionRunId: c.collection_run_id, snapshotAt: c.snapshot_at, dueAt: c.due_at, createdBy: c.created_by,
      createdAt: c.created_at, signedOffBy: c.signed_off_by, signedOffAt: c.signed_off_at, signOffComment: c.sign_off_comment, scheduleId: c.schedule_id,
    },
    scopedToReviewer: reviewer,
    totals: { items: reportItems.length, decided, open: reportItems.length - decided, ...count, overridden: reportItems.filter((i) => i.override).length, completionRate: rate(decided, reportItems.length) },
    reviewers,
    remediation,
    items: reportItems,
  };
}
