import client from "prom-client";

// In-process instruments live on one registry per process; Next bundles a route twice
// (edge of dev reloads), so the registry is kept on globalThis.
const globalForMetrics = globalThis as unknown as { atlasMetrics?: TProcessMetrics };

export type TProcessMetrics = {
  registry: client.Registry;
  httpRequests: client.Counter<"route" | "kind" | "method" | "status">;
  httpDuration: client.Histogram<"route" | "kind" | "method">;
  awsCalls: client.Counter<"service">;
  awsThrottles: client.Counter<"service">;
  jobFailures: client.Counter<"queue">;
};

export function processMetrics(): TProcessMetrics {
  if (globalForMetrics.atlasMetrics) return globalForMetrics.atlasMetrics;
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "atlas_process_" });
  const metrics: TProcessMetrics = {
    registry,
    httpRequests: new client.Counter({ name: "atlas_http_requests_total", help: "HTTP requests the console answered, by route pattern (e.g. /principals/[key]), kind (page, rsc, action, route, static, not-found), method and status", labelNames: ["route", "kind", "method", "status"], registers: [registry] }),
    httpDuration: new client.Histogram({ name: "atlas_http_request_duration_seconds", help: "HTTP request duration (until the response is sent) by route pattern, kind and method", labelNames: ["route", "kind", "method"], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] }),
    awsCalls: new client.Counter({ name: "atlas_aws_api_calls_total", help: "AWS API calls made by this process (every HTTP attempt), by service", labelNames: ["service"], registers: [registry] }),
    awsThrottles: new client.Counter({ name: "atlas_aws_api_throttles_total", help: "AWS API calls throttled, by service", labelNames: ["service"], registers: [registry] }),
    jobFailures: new client.Counter({ name: "atlas_job_failures_total", help: "Background job attempts that failed in this process, by queue", labelNames: ["queue"], registers: [registry] }),
  };
  globalForMetrics.atlasMetrics = metrics;
  return metrics;
}

/** Counts one served request; `route` is the pattern (e.g. /api/v1/principals/[scope]/[id]), never the raw path. */
export function observeHttpRequest(options: { route: string; kind: string; method: string; status: string; seconds: number }): void {
  const metrics = processMetrics();
  metrics.httpRequests.inc({ route: options.route, kind: options.kind, method: options.method, status: options.status });
  metrics.httpDuration.observe({ route: options.route, kind: options.kind, method: options.method }, options.seconds);
}
