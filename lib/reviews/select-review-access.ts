import type pg from "pg";
import type { TAccessKind, TCampaignScope } from "./review-schemas";

/** One access to review, before reviewers and evidence are attached. */
export type TAccessDraft = {
  principalKey: string;
  principalKind: string;
  principalName: string;
  principalArn: string | null;
  /** Account of the principal itself (null for Identity Center users). */
  principalAccountId: string | null;
  accountId: string;
  accessKind: TAccessKind;
  targetKey: string | null;
  /** The principal whose effective access the item grants: itself (direct) or the role reached. */
  accessKey: string;
  hops: { from: string; to: string; via: string; conditional: boolean; throughGroup?: string; permissionSetName?: string }[];
};

/**
 * The accesses a scope selects from one analysis: each in-scope principal's own access in
 * its account, and what IAM principals reach in other accounts and Identity Center users
 * reach anywhere (principal_reach), filtered by kind, account and the "only" option.
 */
export async function selectReviewAccess(options: { db: pg.Pool | pg.PoolClient; analysisId: number; scope: TCampaignScope; accountIds: string[] }): Promise<TAccessDraft[]> {
  const { db, analysisId, scope, accountIds } = options;
  const params = [analysisId, scope.kinds, accountIds];
  const adminOnly = scope.only === "admin-equivalent";
  const externalOnly = scope.only === "external-trust";
  const direct = await db.query(
    `SELECT pa.principal_key, pa.kind, pa.name, pa.arn, pa.account_id FROM principal_access pa
     WHERE (pa.valid_from <= $1 AND (pa.valid_to IS NULL OR pa.valid_to > $1)) AND pa.kind = ANY($2::text[]) AND pa.account_id = ANY($3::text[])
       ${adminOnly ? "AND pa.admin_equivalent" : ""}
       ${externalOnly ? "AND EXISTS (SELECT 1 FROM external_trust t WHERE (t.valid_from <= $1 AND (t.valid_to IS NULL OR t.valid_to > $1)) AND t.role_key = pa.principal_key)" : ""}
     ORDER BY pa.account_id, pa.name`,
    params,
  );
  const drafts: TAccessDraft[] = direct.rows.map((r) => ({
    principalKey: r.principal_key, principalKind: r.kind, principalName: r.name, principalArn: r.arn, principalAccountId: r.account_id,
    accountId: r.account_id, accessKind: "direct", targetKey: null, accessKey: r.principal_key, hops: [],
  }));
  // External-trust campaigns review the trusts themselves: the roles' own items above.
  if (externalOnly) return drafts;
  const reach = await db.query(
    `SELECT pa.principal_key, pa.kind, pa.name, pa.arn, pa.account_id, r.target_key, r.target_account_id, r.hop_count, r.hops
     FROM principal_reach r JOIN principal_access pa ON (pa.valid_from <= $1 AND (pa.valid_to IS NULL OR pa.valid_to > $1)) AND pa.principal_key = r.source_key
     ${adminOnly ? "JOIN principal_access target ON (target.valid_from <= $1 AND (target.valid_to IS NULL OR target.valid_to > $1)) AND target.principal_key = r.target_key AND target.admin_equivalent" : ""}
     WHERE (r.valid_from <= $1 AND (r.valid_to IS NULL OR r.valid_to > $1)) AND pa.kind = ANY($2::text[]) AND r.target_account_id = ANY($3::text[])
       AND (pa.account_id IS NULL OR pa.account_id <> r.target_account_id)
     ORDER BY r.target_account_id, pa.name, r.target_key`,
    params,
  );
  for (const r of reach.rows) {
    const sso = r.kind === "sso-user" && r.hop_count === 1;
    drafts.push({
      principalKey: r.principal_key, principalKind: r.kind, principalName: r.name, principalArn: r.arn, principalAccountId: r.account_id,
      accountId: r.target_account_id, accessKind: sso ? "sso-assignment" : "via-role", targetKey: r.target_key, accessKey: r.target_key, hops: r.hops,
    });
  }
  return drafts;
}
