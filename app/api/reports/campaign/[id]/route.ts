import { requestOrigin } from "@/lib/audit/request-origin";
import { withRole } from "@/lib/auth/require-user";
import { ConsoleError } from "@/lib/console/console-error";
import { zSerialId } from "@/lib/console/search-params";
import { CAMPAIGN_FORMATS, exportCampaignReport } from "@/lib/reports/export-campaign-report";
import { fileResponse, parseFormat } from "@/lib/reports/report-file";

export const dynamic = "force-dynamic";

/** GET /api/reports/campaign/<id>?format=pdf|csv|json: campaign evidence is for who may read reviews (reviewers: their own items only). */
export const GET = withRole(async ({ request, user, params }) => {
  const parsedId = zSerialId.safeParse(params.id);
  if (!parsedId.success) throw new ConsoleError("invalid", `campaign id must be a whole number from 1 to 2147483647 (got "${String(params.id).slice(0, 40)}")`);
  const campaignId = parsedId.data;
  const format = parseFormat({ value: new URL(request.url).searchParams.get("format"), allowed: CAMPAIGN_FORMATS });
  return fileResponse(await exportCampaignReport({ user, campaignId, format, origin: await requestOrigin() }));
}, { permission: "reviews.read" });
