// Next.js calls register() once when the console server starts: it stamps every request
// with its socket's peer address (the audit trail's client IP, lib/audit/peer-address.ts),
// gives it its request id and counts its response by route pattern and status
// (lib/metrics/observe-http-server.ts says why at the HTTP server), and records the
// console's configuration in the audit trail when it differs from the last one recorded.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddressStamp } = await import("./lib/audit/peer-address");
  installPeerAddressStamp();
  const { loadRouteTable } = await import("./lib/metrics/route-patterns");
  const { installHttpObserver } = await import("./lib/metrics/observe-http-server");
  installHttpObserver({ routes: loadRouteTable({ dev: process.env.NODE_ENV === "development" }) });
  const { parseTrustedProxies } = await import("./lib/audit/client-address");
  parseTrustedProxies(process.env.TRUSTED_PROXIES);
  if (!process.env.DATABASE_URL) return;
  // A campaign started from the console: the workers plan its reviewers' mail now, not at
  // the next periodic planning run (lib/reviews/campaign-started.ts).
  const databaseUrl = process.env.DATABASE_URL;
  const { onCampaignStarted } = await import("./lib/reviews/campaign-started");
  const { enqueueNotificationPlanning } = await import("./jobs/enqueue-sweep");
  onCampaignStarted(async () => void (await enqueueNotificationPlanning({ url: databaseUrl })));
  const { getDb } = await import("./lib/db/client");
  const { recordConfigurationIfChanged } = await import("./lib/audit/record-configuration");
  await recordConfigurationIfChanged({ pool: getDb().pool, component: "console" })
    .catch((error: Error) => console.error(`audit: could not record the console configuration: ${error.message}`));
}
