import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { toCsv } from "../export/to-csv";
import { toXlsx } from "../export/to-xlsx";
import { listExternalTrustReport } from "./list-external-trust-report";
import { listKeyAgeReport } from "./list-key-age-report";
import { listUnusedAccessReport } from "./list-unused-access-report";
import { CONTENT_TYPES, recordReportDownload, type TReportFile, type TRequestOrigin } from "./report-file";
import type { TTabularReport } from "./tabular-report";

export const TABULAR_FORMATS = ["csv", "xlsx"] as const;

// Each loader checks reports.read itself.
export const TABULAR_REPORTS = {
  "key-age": listKeyAgeReport,
  "unused-access": listUnusedAccessReport,
  "external-trusts": listExternalTrustReport,
} as const;
export type TTabularReportName = keyof typeof TABULAR_REPORTS;

/** A flat report as CSV or XLSX (both formula-escaped), its download recorded in the audit trail. */
export async function exportTabularReport(options: {
  user: TSessionUser; report: TTabularReportName; format: (typeof TABULAR_FORMATS)[number]; origin?: TRequestOrigin;
}): Promise<TReportFile> {
  const report = (await TABULAR_REPORTS[options.report]({ user: options.user })) as TTabularReport<unknown>;
  const body = options.format === "csv" ? toCsv(report) : await toXlsx({ sheetName: report.title, rows: report.rows, columns: report.columns });
  await recordReportDownload({
    pool: getDb().pool, user: options.user, origin: options.origin, report: report.report, targetId: `analysis:${report.analysis.analysisId}`,
    format: options.format, filters: { analysisId: report.analysis.analysisId }, rows: report.rows.length,
  });
  return { body, contentType: CONTENT_TYPES[options.format], filename: `${report.report}-analysis${report.analysis.analysisId}.${options.format}`, rows: report.rows.length };
}
