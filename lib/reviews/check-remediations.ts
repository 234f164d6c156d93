import type pg from "pg";
import { findingFingerprint } from "../analysis/findings/make-finding";
import { REVIEW_REVOCATION_NOT_DONE as RULE } from "./revocation-finding-rule";

export type TRemediationCheck = { checked: number; done: number; pending: number; overdue: number };

// Whether a revoked access still exists in an analysis: the role's external trusts for an
// external-trust campaign, the principal's own grants for a direct item, for a resource share
// a grant in force still letting the party into the resource (any public grant lets every
// party in), the reach otherwise.
const STILL_PRESENT = `CASE
  WHEN i.access_kind = 'resource-share'
    THEN EXISTS (SELECT 1 FROM resource_grant g WHERE (g.valid_from <= $1 AND (g.valid_to IS NULL OR g.valid_to > $1))
      AND g.resource_arn = i.target_key AND g.blocked_by IS NULL
      AND (g.reach = 'public' OR (i.principal_key <> '*' AND g.reach = 'outside-organization' AND coalesce(g.account_id, g.principal) = i.principal_key)))
  WHEN i.access_kind = 'direct' AND c.scope->>'only' = 'external-trust'
    THEN EXISTS (SELECT 1 FROM external_trust t WHERE (t.valid_from <= $1 AND (t.valid_to IS NULL OR t.valid_to > $1)) AND t.role_key = i.principal_key)
  WHEN i.access_kind = 'direct'
    THEN EXISTS (SELECT 1 FROM principal_access pa WHERE (pa.valid_from <= $1 AND (pa.valid_to IS NULL OR pa.valid_to > $1)) AND pa.principal_key = i.principal_key AND pa.granted_services > 0)
  ELSE EXISTS (SELECT 1 FROM principal_reach r WHERE (r.valid_from <= $1 AND (r.valid_to IS NULL OR r.valid_to > $1)) AND r.source_key = i.principal_key AND r.target_key = i.target_key)
END`;

/**
 * After each analysis: marks every revocation of a signed-off campaign done (gone from
 * this analysis), pending, or overdue (still present after the due date), and keeps one
 * finding per overdue revocation (fingerprint: rule, principal, item) open until it is done.
 * Run it after applyFindingLifecycle, which resolves findings absent from its own list.
 */
export async function checkRemediations(options: { pool: pg.Pool; analysisId: number; now?: Date }): Promise<TRemediationCheck> {
  const { pool, analysisId } = options;
  const now = options.now ?? new Date();
  const { rows: [analysis] } = await pool.query("SELECT collection_run_id FROM analysis_run WHERE id = $1 AND status = 'succeeded'", [analysisId]);
  if (!analysis) return { checked: 0, done: 0, pending: 0, overdue: 0 };
  const run = analysis.collection_run_id as number;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Only snapshots newer than the one a campaign reviewed can show a revocation carried out.
    const { rows } = await client.query(
      `UPDATE review_item i SET remediation_checked_run = $2,
         remediation_status = CASE WHEN NOT ${STILL_PRESENT} THEN 'done' WHEN c.due_at < $3 THEN 'overdue' ELSE 'pending' END
       FROM review_campaign c
       WHERE c.id = i.campaign_id AND c.status = 'signed-off' AND i.decision = 'revoke' AND c.collection_run_id < $2
         AND coalesce(i.remediation_status, 'pending') <> 'done'
       RETURNING i.id, i.remediation_status, i.principal_key, i.principal_name, i.account_id, i.access_kind, i.target_key,
         i.decision_comment, i.decided_by, i.decided_at, c.id AS campaign_id, c.name AS campaign_name, c.due_at`,
      [analysisId, run, now],
    );
    // A revoked share is a finding about the resource (its detail page lists it); other revocations are about the principal.
    const subject = (r: Record<string, any>) => r.access_kind === "resource-share"
      ? { key: r.target_key as string, name: `${r.principal_name} on ${r.target_key}` } : { key: r.principal_key as string, name: r.principal_name as string };
    const fingerprint = (r: Record<string, any>) => findingFingerprint({ ruleId: RULE.id, resourceKey: subject(r).key, detail: `review-item-${r.id}` });
    for (const r of rows.filter((x) => x.remediation_status === "overdue")) {
      const evidence = {
        campaignId: r.campaign_id, campaignName: r.campaign_name, dueAt: r.due_at, itemId: r.id, accessKind: r.access_kind, targetKey: r.target_key,
        decision: "revoke", decidedBy: r.decided_by, decidedAt: r.decided_at, comment: r.decision_comment, analysisId,
      };
      await client.query(
        `INSERT INTO finding (fingerprint, rule, title, severity, cis_control, account_id, resource_key, resource_name, evidence, first_seen_run, last_seen_run)
         VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9, $9)
         ON CONFLICT (fingerprint) DO UPDATE SET last_seen_run = $9, last_seen_at = now(), evidence = EXCLUDED.evidence, title = EXCLUDED.title,
           status = CASE WHEN finding.status = 'accepted' AND finding.accepted_until >= now() THEN 'accepted'
                         WHEN finding.status = 'resolved' AND finding.accepted_until >= now() THEN 'accepted' ELSE 'open' END,
           resolved_run = NULL`,
        [fingerprint(r), RULE.id, `${RULE.title}: ${subject(r).name}`, RULE.severity, r.account_id, subject(r).key, subject(r).name, JSON.stringify(evidence), run],
      );
    }
    const done = rows.filter((x) => x.remediation_status === "done");
    if (done.length > 0) {
      await client.query("UPDATE finding SET status = 'resolved', resolved_run = $2 WHERE fingerprint = ANY($1::text[]) AND status <> 'resolved'", [done.map(fingerprint), run]);
    }
    await client.query("COMMIT");
    const count = (s: string) => rows.filter((x) => x.remediation_status === s).length;
    return { checked: rows.length, done: done.length, pending: count("pending"), overdue: count("overdue") };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
