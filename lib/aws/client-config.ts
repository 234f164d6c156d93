import https from "node:https";
import http from "node:http";
import { NodeHttpHandler, type NodeHttpHandlerOptions } from "@smithy/node-http-handler";
import type { HttpHandlerOptions } from "@smithy/types";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { TCallStats } from "./call-stats";
import { describeCallFailures } from "./describe-call-failures";
import { CollectorRetryStrategy } from "./retry-strategy";
import type { RateGovernor } from "./rate-governor";
import { processMetrics } from "../metrics/http-metrics";

export type TClientOptions = {
  region: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  stats: TCallStats;
  timeoutMs: number;
  maxAttempts: number;
  /** Retries of a timed-out attempt per call (default 2). */
  maxTimeoutRetries?: number;
  /**
   * The owner's lifetime (an account's collection): when it aborts, every request in
   * flight is cancelled and none is retried or sent, whether or not the caller passed
   * an abortSignal (paginators do not).
   */
  signal?: AbortSignal;
  /** Called on every timed-out attempt (the account's pacing slows down). */
  onTimeout?: () => void;
};

/** The SDK's HTTP handler, with every request also bound to its owner's signal. */
class OwnedHttpHandler extends NodeHttpHandler {
  constructor(options: NodeHttpHandlerOptions, private readonly owner?: AbortSignal) {
    super(options);
  }

  override handle(request: Parameters<NodeHttpHandler["handle"]>[0], options: HttpHandlerOptions = {}) {
    if (!this.owner) return super.handle(request, options);
    const signals = [this.owner, options.abortSignal as AbortSignal | undefined].filter((s): s is AbortSignal => Boolean(s));
    return super.handle(request, { ...options, abortSignal: signals.length > 1 ? AbortSignal.any(signals) : this.owner });
  }
}

/**
 * Configuration shared by every SDK client of one account: our retry strategy, a timeout
 * on every request, keep-alive sockets, the owner's abort signal. Endpoints come from the
 * SDK's own AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> variables, so emulators need no
 * code here.
 */
export function clientConfig(options: TClientOptions) {
  const agentOptions = { keepAlive: true, maxSockets: 50 };
  return {
    region: options.region,
    credentials: options.credentials,
    maxAttempts: options.maxAttempts,
    retryStrategy: new CollectorRetryStrategy({
      maxAttempts: options.maxAttempts, maxTimeoutRetries: options.maxTimeoutRetries ?? 2, stats: options.stats,
      signal: options.signal, onTimeout: options.onTimeout,
    }),
    requestHandler: new OwnedHttpHandler({
      connectionTimeout: Math.min(options.timeoutMs, 10_000),
      requestTimeout: options.timeoutMs,
      // Without it a timed-out request only logs a warning and keeps waiting.
      throwOnRequestTimeout: true,
      httpAgent: new http.Agent(agentOptions),
      httpsAgent: new https.Agent(agentOptions),
    }, options.signal),
  };
}

type TMiddlewareClient = {
  middlewareStack: { add: (middleware: any, options: { step: any; priority: any; name: string }) => void };
};

/** How one client's calls are paced and watched. */
export type TCallPacing = {
  governor: RateGovernor;
  scope: string;
  /** No call is sent once it aborts (the account has ended). */
  signal?: AbortSignal;
  /** Called on every answer that shows the endpoint is working (the no-progress breaker). */
  onProgress?: () => void;
};

const THROTTLING = new Set(["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded", "SlowDown", "RequestThrottled"]);

/**
 * Runs below the retry middleware, so once per HTTP attempt: waits for the rate governor,
 * counts the call, and tells the governor whether the service throttled it. Every client
 * it wraps also names service, operation, endpoint and answer in its errors.
 */
export function countCalls<T extends TMiddlewareClient>(client: T, stats: TCallStats, pacing?: TCallPacing): T {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context?: { clientName?: string }) => async (args: unknown) => {
      pacing?.signal?.throwIfAborted();
      if (pacing) await pacing.governor.acquire(pacing.scope, pacing.signal);
      stats.apiCalls++;
      const service = (context?.clientName ?? "unknown").replace(/Client$/, "").toLowerCase();
      processMetrics().awsCalls.inc({ service });
      try {
        const result = await next(args);
        pacing?.governor.onSuccess(pacing.scope);
        pacing?.onProgress?.();
        return result;
      } catch (error) {
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        const status = e.$metadata?.httpStatusCode;
        const throttled = THROTTLING.has(e.name ?? "") || status === 429;
        if (throttled) processMetrics().awsThrottles.inc({ service });
        if (pacing && throttled) pacing.governor.onThrottle(pacing.scope);
        // A refusal (access denied, not found) is an answer too; throttles and 5xx are not progress.
        else if (status !== undefined && status < 500) pacing?.onProgress?.();
        throw error;
      }
    },
    { step: "finalizeRequest", priority: "low", name: "atlasCountCalls" },
  );
  return describeCallFailures(client);
}
