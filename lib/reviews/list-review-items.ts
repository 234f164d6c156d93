import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { getDb } from "../db/client";
import type { TItemEvidence, TRemediationStep } from "./item-evidence";
import { decisionLayers, DECISION_HISTORY_SQL, toDecisionEntries, type TDecisionEntry } from "./decision-history";
import { itemFilterSql } from "./item-filter-sql";
import type { TItemFilters } from "./review-schemas";
import { reviewerFilter } from "./review-visibility";

export const ITEMS_PAGE_SIZE = 50;

export type TReviewItemRow = {
  id: number; principalKey: string; principalKind: string; principalName: string; principalArn: string | null; accountId: string;
  accessKind: string; targetKey: string | null; reviewerEmail: string; identities: string[]; evidence: TItemEvidence;
  decision: string | null; decisionComment: string | null; decidedBy: string | null; decidedAt: Date | null;
  remediation: TRemediationStep[] | null; remediationStatus: string | null;
  reassignedFrom: string | null;
  /** The assigned reviewer's decision and an admin's override of it, both as recorded. */
  reviewerDecision: TDecisionEntry | null; override: TDecisionEntry | null;
  /** Segregation of duties: the caller is the person behind this access and may not decide it. */
  ownAccess: boolean;
};

/** One page of a campaign's items under the URL filters, scoped to the caller's own items for reviewers. */
export async function listReviewItems(options: { user: TSessionUser; campaignId: number; filters: TItemFilters }): Promise<{ items: TReviewItemRow[]; total: number }> {
  assertCan(options.user, "reviews.read");
  const { pool } = getDb();
  const { where, params } = itemFilterSql({ campaignId: options.campaignId, filters: options.filters, reviewer: reviewerFilter(options.user) });
  const total = (await pool.query(`SELECT count(*)::int AS n FROM review_item i WHERE ${where}`, params)).rows[0].n as number;
  const offset = (options.filters.page - 1) * ITEMS_PAGE_SIZE;
  const { rows } = await pool.query(
    `SELECT i.id, i.principal_key AS "principalKey", i.principal_kind AS "principalKind", i.principal_name AS "principalName", i.principal_arn AS "principalArn",
       i.account_id AS "accountId", i.access_kind AS "accessKind", i.target_key AS "targetKey", i.reviewer_email AS "reviewerEmail", i.identities, i.evidence,
       i.decision, i.decision_comment AS "decisionComment", i.decided_by AS "decidedBy", i.decided_at AS "decidedAt", i.remediation, i.remediation_status AS "remediationStatus",
       i.reassigned_from AS "reassignedFrom", ${DECISION_HISTORY_SQL} AS history
     FROM review_item i WHERE ${where} ORDER BY i.account_id, i.principal_name, i.access_kind, i.target_key NULLS FIRST, i.id
     LIMIT ${ITEMS_PAGE_SIZE} OFFSET ${offset}`,
    params,
  );
  const email = options.user.email?.toLowerCase();
  return {
    items: rows.map(({ history, ...r }) => ({ ...r, identities: r.identities ?? [], ...decisionLayers(toDecisionEntries(history)), ownAccess: !!email && (r.identities ?? []).includes(email) })),
    total,
  };
}
