import "server-only";
import { recordListExport } from "../export/audited-csv";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { toCsv, type TCsvColumn } from "../export/to-csv";
import { assertCan } from "./assert-can";
import { findLatestAnalysis } from "./find-latest-analysis";
import { countResources, selectResourceRows, type TResourceRow } from "./list-resources";
import type { TResourceListQuery } from "./resource-list-query";

export const RESOURCE_EXPORT_CAP = 250_000;

const COLUMNS: TCsvColumn<TResourceRow>[] = [
  { header: "arn", value: (r) => r.arn },
  { header: "type", value: (r) => r.type },
  { header: "name", value: (r) => r.name },
  { header: "account_id", value: (r) => r.accountId },
  { header: "account_name", value: (r) => r.accountName },
  { header: "region", value: (r) => r.region },
  { header: "exposure", value: (r) => r.exposure },
  { header: "public_policy_blocked", value: (r) => (r.policyPublic && r.exposure !== "public" ? "yes" : "no") },
  { header: "outside_accounts", value: (r) => r.externalAccounts.join(" ") },
  { header: "organization_accounts", value: (r) => r.orgAccounts.join(" ") },
  { header: "owner_principals_read", value: (r) => r.principalsByLevel.Read ?? 0 },
  { header: "owner_principals_write", value: (r) => r.principalsByLevel.Write ?? 0 },
];

/** Every resource matching the list filters (up to the cap) as CSV; the download goes into the audit trail. */
export async function exportResourcesCsv(options: { user: TSessionUser; query: TResourceListQuery }): Promise<{ csv: string; rows: number; total: number }> {
  assertCan(options.user, "exports.download");
  const { pool } = getDb();
  const analysis = await findLatestAnalysis({ pool });
  const { page: _page, pageSize: _pageSize, ...filters } = options.query;
  const [rows, total] = analysis
    ? await Promise.all([
        selectResourceRows({ pool, analysisId: analysis.analysisId, query: options.query, limit: RESOURCE_EXPORT_CAP, offset: 0 }),
        countResources({ pool, analysisId: analysis.analysisId, query: options.query }),
      ])
    : [[], 0];
  await recordListExport({ user: options.user, targetType: "resources", targetId: analysis ? String(analysis.analysisId) : undefined, filters, rows: rows.length, total });
  return { csv: toCsv({ rows, columns: COLUMNS }), rows: rows.length, total };
}
