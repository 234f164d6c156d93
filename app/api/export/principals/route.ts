import { withRole } from "@/lib/auth/require-user";
import { exportPrincipalsCsv } from "@/lib/console/list-principals-for-export";
import { parsePrincipalListQuery } from "@/lib/console/principal-list-query";
import { csvResponse } from "@/lib/export/to-csv";

/** CSV of every principal matching the list's filters (same query string as /principals). */
export const GET = withRole(async ({ request, user }) => {
  const query = parsePrincipalListQuery(new URL(request.url).searchParams);
  const { csv } = await exportPrincipalsCsv({ user, query });
  return csvResponse({ csv, filename: `principals-${new Date().toISOString().slice(0, 10)}.csv` });
}, { permission: "exports.download" });
