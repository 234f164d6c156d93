import "server-only";
import { recordListExport } from "../export/audited-csv";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { toCsv, type TCsvColumn } from "../export/to-csv";
import { assertCan } from "./assert-can";
import { findLatestAnalysis } from "./find-latest-analysis";
import { countPrincipals, selectPrincipalRows, type TPrincipalRow } from "./list-principals";
import type { TPrincipalListQuery } from "./principal-list-query";

export const PRINCIPAL_EXPORT_CAP = 100_000;

const COLUMNS: TCsvColumn<TPrincipalRow>[] = [
  { header: "key", value: (r) => r.key },
  { header: "kind", value: (r) => r.kind },
  { header: "name", value: (r) => r.name },
  { header: "arn", value: (r) => r.arn },
  { header: "account_id", value: (r) => r.accountId },
  { header: "account_name", value: (r) => r.accountName },
  { header: "admin_equivalent", value: (r) => (r.adminEquivalent === null ? "" : r.adminEquivalent ? "yes" : "no") },
  { header: "services_granted", value: (r) => r.grantedServices },
  { header: "services_used", value: (r) => r.usedServices },
  { header: "last_used", value: (r) => r.lastUsed },
  { header: "access_keys", value: (r) => r.keyCount },
  { header: "open_findings", value: (r) => r.openFindings },
];

/**
 * Every principal matching the list filters (not just one page, up to the cap) as CSV, and
 * the download in the audit trail with the filters and row count.
 */
export async function exportPrincipalsCsv(options: { user: TSessionUser; query: TPrincipalListQuery }): Promise<{ csv: string; rows: number; total: number }> {
  assertCan(options.user, "exports.download");
  const { pool } = getDb();
  const analysis = await findLatestAnalysis({ pool });
  const { page: _page, pageSize: _pageSize, ...filters } = options.query;
  const [rows, total] = analysis
    ? await Promise.all([
        selectPrincipalRows({ pool, analysisId: analysis.analysisId, query: options.query, limit: PRINCIPAL_EXPORT_CAP, offset: 0 }),
        countPrincipals({ pool, analysisId: analysis.analysisId, query: options.query }),
      ])
    : [[], 0];
  await recordListExport({ user: options.user, targetType: "principals", targetId: analysis ? String(analysis.analysisId) : undefined, filters, rows: rows.length, total });
  return { csv: toCsv({ rows, columns: COLUMNS }), rows: rows.length, total };
}
