import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { getDb } from "../db/client";
import { loadAccountNames, requireLatestAnalysis, type TTabularReport } from "./tabular-report";

export type TExternalTrustRow = {
  accountId: string; accountName: string; roleName: string; roleArn: string | null; partyKind: string; party: string;
  knownVendor: string | null; conditionKeys: string[]; adminEquivalent: boolean | null;
};

/** Every role trust that reaches outside the organization (accounts, any principal, SAML, OIDC, services), from the latest analysis. */
export async function listExternalTrustReport(options: { user: TSessionUser }): Promise<TTabularReport<TExternalTrustRow>> {
  assertCan(options.user, "reports.read");
  const { pool } = getDb();
  const analysis = await requireLatestAnalysis({ pool });
  const names = await loadAccountNames({ pool, runId: analysis.collectionRunId });
  const { rows } = await pool.query(
    `SELECT t.account_id, t.party_kind, t.party, t.known_vendor, t.condition_keys, p.name, p.arn, p.admin_equivalent
     FROM external_trust t LEFT JOIN principal_access p ON (p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to > $1)) AND p.principal_key = t.role_key
     WHERE (t.valid_from <= $1 AND (t.valid_to IS NULL OR t.valid_to > $1)) ORDER BY t.account_id, p.name, t.party_kind, t.party`,
    [analysis.analysisId],
  );
  return {
    report: "external-trusts",
    title: "External trusts",
    analysis,
    rows: rows.map((r): TExternalTrustRow => ({
      accountId: r.account_id, accountName: names.get(r.account_id) ?? "", roleName: r.name ?? "", roleArn: r.arn ?? null, partyKind: r.party_kind,
      party: r.party, knownVendor: r.known_vendor, conditionKeys: r.condition_keys ?? [], adminEquivalent: r.admin_equivalent ?? null,
    })),
    columns: [
      { header: "account_id", value: (r) => r.accountId },
      { header: "account_name", value: (r) => r.accountName },
      { header: "role", value: (r) => r.roleName },
      { header: "role_arn", value: (r) => r.roleArn },
      { header: "party_kind", value: (r) => r.partyKind },
      { header: "party", value: (r) => r.party },
      { header: "known_vendor", value: (r) => r.knownVendor },
      { header: "condition_keys", value: (r) => r.conditionKeys },
      { header: "role_admin_equivalent", value: (r) => (r.adminEquivalent === null ? "" : String(r.adminEquivalent)) },
    ],
  };
}
