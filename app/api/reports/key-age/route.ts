import { requestOrigin } from "@/lib/audit/request-origin";
import { withRole } from "@/lib/auth/require-user";
import { exportTabularReport, TABULAR_FORMATS } from "@/lib/reports/export-tabular-report";
import { fileResponse, parseFormat } from "@/lib/reports/report-file";

export const dynamic = "force-dynamic";

/** GET /api/reports/key-age?format=csv|xlsx */
export const GET = withRole(async ({ request, user }) => {
  const format = parseFormat({ value: new URL(request.url).searchParams.get("format"), allowed: TABULAR_FORMATS });
  return fileResponse(await exportTabularReport({ user, report: "key-age", format, origin: await requestOrigin() }));
}, { permission: "reports.read" });
