import https from "node:https";
import http from "node:http";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { TCallStats } from "./call-stats";
import { CollectorRetryStrategy } from "./retry-strategy";

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

/** Counts every HTTP attempt (retries included): runs below the retry middleware. */
export function countCalls<T extends TMiddlewareClient>(client: T, stats: TCallStats): T {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
      stats.apiCalls++;
      return next(args);
    },
    { step: "finalizeRequest", priority: "low", name: "atlasCountCalls" },
  );
  return client;
}
