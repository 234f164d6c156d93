import { withRole } from "@/lib/auth/require-user";
import { parseWhoCanReachQuery } from "@/lib/console/who-can-reach-query";
import { exportWhoCanReachCsv } from "@/lib/console/who-can-reach-export";
import { csvResponse } from "@/lib/export/to-csv";

/** CSV of the who-can-reach paths for the same query string as /who-can-reach. */
export const GET = withRole(async ({ request, user }) => {
  const query = parseWhoCanReachQuery(new URL(request.url).searchParams);
  const { csv } = await exportWhoCanReachCsv({ user, query });
  return csvResponse({ csv, filename: `who-can-reach-${new Date().toISOString().slice(0, 10)}.csv` });
}, { permission: "exports.download" });
