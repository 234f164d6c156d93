import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { toCsv } from "../export/to-csv";
import { cisFilename } from "./cis-labels";
import { CIS_CSV_COLUMNS, cisReportRows } from "./cis-report-rows";
import { getCisReport } from "./get-cis-report";
import { renderCisPdf } from "./render-cis-pdf";
import { CONTENT_TYPES, recordReportDownload, type TReportFile, type TRequestOrigin } from "./report-file";

export const CIS_FORMATS = ["pdf", "csv", "json"] as const;

/** The CIS report rendered in `format`, with the download recorded in the audit trail. */
export async function exportCisReport(options: { user: TSessionUser; scope: string; format: (typeof CIS_FORMATS)[number]; origin?: TRequestOrigin }): Promise<TReportFile> {
  const report = await getCisReport({ user: options.user, scope: options.scope });
  const rows = cisReportRows(report);
  const body = options.format === "pdf" ? await renderCisPdf({ report })
    : options.format === "csv" ? toCsv({ rows, columns: CIS_CSV_COLUMNS })
    : JSON.stringify(report, null, 2);
  await recordReportDownload({
    pool: getDb().pool, user: options.user, origin: options.origin, report: "cis", targetId: options.scope, format: options.format,
    filters: { account: options.scope, collectionRunId: report.snapshot.collectionRunId }, rows: rows.length,
  });
  return { body, contentType: CONTENT_TYPES[options.format], filename: cisFilename(report, options.format), rows: rows.length };
}
