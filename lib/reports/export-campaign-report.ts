import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { getDb } from "../db/client";
import { toCsv } from "../export/to-csv";
import { getCampaignReport } from "../reviews/get-campaign-report";
import { campaignCsvColumns } from "./campaign-report-rows";
import { renderCampaignPdf } from "./render-campaign-pdf";
import { CONTENT_TYPES, recordReportDownload, type TReportFile, type TRequestOrigin } from "./report-file";

export const CAMPAIGN_FORMATS = ["pdf", "csv", "json"] as const;

/** A campaign's evidence report in `format`, its download recorded in the audit trail. */
export async function exportCampaignReport(options: {
  user: TSessionUser; campaignId: number; format: (typeof CAMPAIGN_FORMATS)[number]; origin?: TRequestOrigin;
}): Promise<TReportFile> {
  assertCan(options.user, "reviews.read");
  const report = await getCampaignReport({ user: options.user, campaignId: options.campaignId });
  const body = options.format === "pdf" ? await renderCampaignPdf({ report })
    : options.format === "csv" ? toCsv({ rows: report.items, columns: campaignCsvColumns(report) })
    : JSON.stringify(report, null, 2);
  await recordReportDownload({
    pool: getDb().pool, user: options.user, origin: options.origin, report: "campaign", targetId: String(options.campaignId), format: options.format,
    filters: { campaignId: options.campaignId, scopedToReviewer: report.scopedToReviewer }, rows: report.items.length,
  });
  return { body, contentType: CONTENT_TYPES[options.format], filename: `campaign-${options.campaignId}-evidence.${options.format}`, rows: report.items.length };
}
