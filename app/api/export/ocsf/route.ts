import { headers } from "next/headers";
import { requestOrigin } from "@/lib/audit/request-origin";
import { withRole } from "@/lib/auth/require-user";
import { ConsoleError } from "@/lib/console/console-error";
import { parseFindingListQuery } from "@/lib/console/finding-list-query";
import { exportCisOcsf, exportFindingsOcsf } from "@/lib/export/ocsf-export";
import { requestIdFrom } from "@/lib/log/request-id";

export const dynamic = "force-dynamic";

/**
 * GET /api/export/ocsf?kind=findings&<findings filters> or ?kind=cis&scope=org|<account>:
 * an OCSF 1.4.0 JSON download (Detection / Compliance Findings), audited like every export.
 */
export const GET = withRole(async ({ request, user }) => {
  const params = new URL(request.url).searchParams;
  const kind = params.get("kind");
  const context = { origin: await requestOrigin(), requestId: requestIdFrom(await headers()) };
  params.delete("kind");
  let events: unknown[];
  if (kind === "findings") events = await exportFindingsOcsf({ user, query: parseFindingListQuery(params), context });
  else if (kind === "cis") events = await exportCisOcsf({ user, scope: params.get("scope") ?? "org", context });
  else throw new ConsoleError("invalid", "kind must be findings or cis");
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(events, null, 2), {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${kind}-ocsf-${day}.json"` },
  });
}, { permission: "exports.download" });
