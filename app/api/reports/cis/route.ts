import { requestOrigin } from "@/lib/audit/request-origin";
import { withRole } from "@/lib/auth/require-user";
import { CIS_FORMATS, exportCisReport } from "@/lib/reports/export-cis-report";
import { fileResponse, parseFormat } from "@/lib/reports/report-file";

export const dynamic = "force-dynamic";

/** GET /api/reports/cis?account=<12-digit id>|org&format=pdf|csv|json */
export const GET = withRole(async ({ request, user }) => {
  const params = new URL(request.url).searchParams;
  const format = parseFormat({ value: params.get("format"), allowed: CIS_FORMATS });
  const file = await exportCisReport({ user, scope: params.get("account") ?? "org", format, origin: await requestOrigin() });
  return fileResponse(file);
}, { permission: "reports.read" });
