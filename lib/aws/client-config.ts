import https from "node:https";
import http from "node:http";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { TCallStats } from "./call-stats";
import { CollectorRetryStrategy } from "./retry-strategy";
import type { RateGovernor } from "./rate-governor";
import { processMetrics } from "../metrics/http-metrics";

export type TClientOptions = {
  region: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  stats: TCallStats;
  timeoutMs: number;
  maxAttempts: number;
};

/**
 * Configuration shared by every SDK client of one account: our retry strategy, a timeout
 * on every request, keep-alive sockets. Endpoints come from the SDK's own
 * AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> variables, so emulators need no code here.
 */
export function clientConfig(options: TClientOptions) {
  const agentOptions = { keepAlive: true, maxSockets: 50 };
  return {
    region: options.region,
    credentials: options.credentials,
    maxAttempts: options.maxAttempts,
    retryStrategy: new CollectorRetryStrategy({ maxAttempts: options.maxAttempts, stats: options.stats }),
    requestHandler: new NodeHttpHandler({
      connectionTimeout: Math.min(options.timeoutMs, 10_000),
      requestTimeout: options.timeoutMs,
      // Without it a timed-out request only logs a warning and keeps waiting.
      throwOnRequestTimeout: true,
      httpAgent: new http.Agent(agentOptions),
      httpsAgent: new https.Agent(agentOptions),
    }),
  };
}

type TMiddlewareClient = {
  middlewareStack: { add: (middleware: any, options: { step: "finalizeRequest"; priority: "low"; name: string }) => void };
};

const THROTTLING = new Set(["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded", "SlowDown", "RequestThrottled"]);

/**
 * Runs below the retry middleware, so once per HTTP attempt: waits for the rate governor,
 * counts the call, and tells the governor whether the service throttled it.
 */
export function countCalls<T extends TMiddlewareClient>(client: T, stats: TCallStats, pacing?: { governor: RateGovernor; scope: string }): T {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context?: { clientName?: string }) => async (args: unknown) => {
      if (pacing) await pacing.governor.acquire(pacing.scope);
      stats.apiCalls++;
      const service = (context?.clientName ?? "unknown").replace(/Client$/, "").toLowerCase();
      processMetrics().awsCalls.inc({ service });
      try {
        const result = await next(args);
        pacing?.governor.onSuccess(pacing.scope);
        return result;
      } catch (error) {
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        const throttled = THROTTLING.has(e.name ?? "") || e.$metadata?.httpStatusCode === 429;
        if (throttled) processMetrics().awsThrottles.inc({ service });
        if (pacing && throttled) pacing.governor.onThrottle(pacing.scope);
        throw error;
      }
    },
    { step: "finalizeRequest", priority: "low", name: "atlasCountCalls" },
  );
  return client;
}
