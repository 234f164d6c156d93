import { JOBS } from "@/jobs/definitions";
import { getDb } from "@/lib/db/client";
import { checkReadiness } from "@/lib/metrics/check-readiness";
import { probeHandler } from "@/lib/metrics/probe-handler";

export const dynamic = "force-dynamic";

/** GET /api/ready: 200 when the database answers, migrations are applied and a worker is connected; 503 naming the failed check. */
export const GET = probeHandler("/api/ready", async () => {
  const readiness = await checkReadiness({ pool: getDb().pool, queues: Object.values(JOBS).map((job) => job.name) });
  return Response.json({ status: readiness.ready ? "ready" : "not-ready", ...readiness }, { status: readiness.ready ? 200 : 503 });
});
