import { probeHandler } from "@/lib/metrics/probe-handler";

export const dynamic = "force-dynamic";

const STARTED = Date.now();

/** GET /api/health: the process is up (liveness). Touches nothing else, so a slow database never restarts the console. */
export const GET = probeHandler("/api/health", async () => Response.json({ status: "ok", uptimeSeconds: Math.round((Date.now() - STARTED) / 1000) }));
