import { getDb } from "@/lib/db/client";
import { metricsAccess } from "@/lib/metrics/metrics-auth";
import { probeHandler } from "@/lib/metrics/probe-handler";
import { renderMetrics } from "@/lib/metrics/render-metrics";

export const dynamic = "force-dynamic";

/** GET /api/metrics: Prometheus text format, with `Authorization: Bearer $METRICS_TOKEN`. */
export const GET = probeHandler("/api/metrics", async (request) => {
  const access = metricsAccess({ authorization: request.headers.get("authorization"), token: process.env.METRICS_TOKEN });
  if (access === "disabled") return new Response("metrics are off: set METRICS_TOKEN\n", { status: 404 });
  if (access === "refused") return new Response("send Authorization: Bearer <METRICS_TOKEN>\n", { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } });
  const { body, contentType } = await renderMetrics({ pool: getDb().pool });
  return new Response(body, { headers: { "content-type": contentType } });
});
