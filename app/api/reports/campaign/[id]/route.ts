import { requestOrigin } from "@/lib/audit/request-origin";
import { withRole } from "@/lib/auth/require-user";
import { ConsoleError } from "@/lib/console/console-error";
import { CAMPAIGN_FORMATS, exportCampaignReport } from "@/lib/reports/export-campaign-report";
import { fileResponse, parseFormat } from "@/lib/reports/report-file";

export const dynamic = "force-dynamic";

/** GET /api/reports/campaign/<id>?format=pdf|csv|json: campaign evidence is for who may read reviews (reviewers: their own items only). */
export const GET = withRole(async ({ request, user, params }) => {
  const campaignId = Number(params.id);
  if (!Number.isSafeInteger(campaignId) || campaignId < 1) throw new ConsoleError("invalid", `campaign id must be a positive integer (got "${params.id}")`);
  const format = parseFormat({ value: new URL(request.url).searchParams.get("format"), allowed: CAMPAIGN_FORMATS });
  return fileResponse(await exportCampaignReport({ user, campaignId, format, origin: await requestOrigin() }));
}, { permission: "reviews.read" });
