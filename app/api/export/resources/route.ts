import { withRole } from "@/lib/auth/require-user";
import { exportResourcesCsv } from "@/lib/console/list-resources-for-export";
import { parseResourceListQuery } from "@/lib/console/resource-list-query";
import { csvResponse } from "@/lib/export/to-csv";

/** CSV of every resource matching the list's filters (same query string as /resources). */
export const GET = withRole(async ({ request, user }) => {
  const query = parseResourceListQuery(new URL(request.url).searchParams);
  const { csv } = await exportResourcesCsv({ user, query });
  return csvResponse({ csv, filename: `resources-${new Date().toISOString().slice(0, 10)}.csv` });
}, { permission: "exports.download" });
