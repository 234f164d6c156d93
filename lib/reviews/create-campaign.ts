import type pg from "pg";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { ConsoleError } from "../console/console-error";
import { findLatestAnalysis } from "../console/find-latest-analysis";
import { recordAuditEvent } from "../audit/record-audit-event";
import { assignItemReviewers } from "./assign-item-reviewers";
import { buildItemEvidence } from "./build-item-evidence";
import { campaignStarted } from "./campaign-started";
import { resolveScopeAccounts } from "./resolve-scope-accounts";
import { describeZodError, ZCreateCampaignInput, type TCreateCampaignInput } from "./review-schemas";
import { ownerFromTags } from "./assign-reviewer";
import { selectResourceShares } from "./select-resource-shares";
import { selectReviewAccess } from "./select-review-access";

// No "server-only" here: the review-schedule job in the worker (plain Node) creates campaigns too.

type TOrigin = { ip: string | null; userAgent: string | null };
export type TCreatedCampaign = { campaignId: number; items: number; analysisId: number; collectionRunId: number };

/**
 * Creates a campaign pinned to the newest successful analysis, with one item per access in
 * scope and its evidence frozen; all in one transaction, so a scope matching nothing (or
 * any failure) leaves no campaign behind. An item that is its reviewer's own access goes to
 * another reviewer of the account (assignItemReviewers), or the campaign does not start. `actor` is "system" for scheduled campaigns.
 */
export async function createCampaign(options: {
  pool: pg.Pool; user: TSessionUser; /** Validated here: server actions pass raw form values. */ input: TCreateCampaignInput | Record<string, unknown>; now?: Date; scheduleId?: number; origin?: TOrigin;
}): Promise<TCreatedCampaign> {
  assertCan(options.user, "reviews.manage");
  const parsed = ZCreateCampaignInput.safeParse(options.input);
  if (!parsed.success) throw new ConsoleError("invalid", describeZodError(parsed.error));
  const input = parsed.data;
  const now = options.now ?? new Date();
  if (input.dueAt.getTime() <= now.getTime()) throw new ConsoleError("invalid", "due date: must be in the future");
  const latest = await findLatestAnalysis({ pool: options.pool });
  if (!latest) throw new ConsoleError("conflict", "no successful analysis yet: collect the organization first");

  const client = await options.pool.connect();
  try {
    await client.query("BEGIN");
    const accounts = await resolveScopeAccounts({ db: client, runId: latest.collectionRunId, scope: input.scope });
    const accountIds = accounts.map((a) => a.accountId);
    // Resource shares are reviewed by the resource's owner: its owner tag, else the account's reviewer.
    const shares = input.scope.only === "resource-shares"
      ? await selectResourceShares({ db: client, analysisId: latest.analysisId, runId: latest.collectionRunId, accountIds })
      : null;
    const drafts = shares ? shares.map((s) => s.draft) : await selectReviewAccess({ db: client, analysisId: latest.analysisId, scope: input.scope, accountIds });
    if (drafts.length === 0) {
      throw new ConsoleError("invalid", shares
        ? `scope matches no resource shared outside the organization or public in analysis ${latest.analysisId} (${accounts.length} account(s)): no campaign created`
        : `scope matches no access in analysis ${latest.analysisId} (${accounts.length} account(s), kinds ${input.scope.kinds.join(", ")}, only ${input.scope.only}): no campaign created`);
    }
    const evidence = shares
      ? shares.map((s) => ({ evidence: s.evidence, identities: [] as string[] }))
      : await buildItemEvidence({ db: client, analysisId: latest.analysisId, runId: latest.collectionRunId, drafts, now });
    const assignments = assignItemReviewers({
      items: drafts.map((d, n) => ({
        principalName: shares ? `${d.principalName} on ${d.targetKey}` : d.principalName, accountId: d.accountId, identities: evidence[n].identities,
        owner: shares ? ownerFromTags({ config: input.reviewers, tags: shares[n].resourceTags }) : undefined,
      })),
      config: input.reviewers, accounts: new Map(accounts.map((a) => [a.accountId, a])),
    });
    const { rows: [campaign] } = await client.query(
      `INSERT INTO review_campaign (name, description, scope, reviewer_config, analysis_id, collection_run_id, due_at, created_by, schedule_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [input.name, input.description, JSON.stringify(input.scope), JSON.stringify(input.reviewers), latest.analysisId, latest.collectionRunId,
        input.dueAt, options.user.email ?? options.user.id, options.scheduleId ?? null, now],
    );
    // identities travel as one unit-separator-joined text per item: unnest cannot take a text[][] of ragged rows.
    await client.query(
      `INSERT INTO review_item (campaign_id, principal_key, principal_kind, principal_name, principal_arn, account_id, access_kind, target_key, identities, reviewer_email, reassigned_from, evidence)
       SELECT $1, pk, kind, name, arn, account, access_kind, target,
              CASE WHEN identities = '' THEN '{}'::text[] ELSE string_to_array(identities, chr(31)) END, reviewer, reassigned_from, evidence
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::jsonb[])
         AS t(pk, kind, name, arn, account, access_kind, target, identities, reviewer, reassigned_from, evidence)`,
      [campaign.id, drafts.map((d) => d.principalKey), drafts.map((d) => d.principalKind), drafts.map((d) => d.principalName), drafts.map((d) => d.principalArn),
        drafts.map((d) => d.accountId), drafts.map((d) => d.accessKind), drafts.map((d) => d.targetKey), evidence.map((e) => e.identities.join("\x1f")),
        assignments.map((a) => a.reviewerEmail), assignments.map((a) => a.reassignedFrom),
        evidence.map((e) => JSON.stringify(e.evidence))],
    );
    await recordAuditEvent({
      db: client,
      event: {
        actor: { id: options.user.id, email: options.user.email, roles: options.user.roles }, action: "review.campaign-create",
        targetType: "review-campaign", targetId: String(campaign.id),
        details: { name: input.name, scope: input.scope, reviewers: input.reviewers, dueAt: input.dueAt.toISOString(), items: drafts.length, reassigned: assignments.filter((a) => a.reassignedFrom).length, analysisId: latest.analysisId, scheduleId: options.scheduleId ?? null },
        origin: options.origin,
      },
    });
    await client.query("COMMIT");
    // Committed: the reviewers' assignment mail is planned now (campaign-started.ts).
    await campaignStarted({ campaignId: campaign.id, items: drafts.length });
    return { campaignId: campaign.id, items: drafts.length, analysisId: latest.analysisId, collectionRunId: latest.collectionRunId };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
