import { AsyncLocalStorage } from "node:async_hooks";

// The id of the console request being served, for code that has no request at hand (the
// audit writer). lib/metrics/observe-http-server.ts runs each request of the server inside
// it; worker jobs and scripts run outside any, and get undefined. One store per process,
// kept on globalThis: Next bundles instrumentation.ts and each route separately.

type TRequestContext = { requestId: string };
const KEY = Symbol.for("access-atlas.request-context");
type TGlobal = typeof globalThis & { [KEY]?: AsyncLocalStorage<TRequestContext> };

export function requestContextStorage(): AsyncLocalStorage<TRequestContext> {
  const global = globalThis as TGlobal;
  global[KEY] ??= new AsyncLocalStorage<TRequestContext>();
  return global[KEY];
}

/** The request id of the console request this code runs for, if any. */
export function currentRequestId(): string | undefined {
  return requestContextStorage().getStore()?.requestId;
}

/** Runs `work` as part of no request (timers and sweeps that outlive the request that created them). */
export function outsideRequest<T>(work: () => T): T {
  return requestContextStorage().exit(work);
}
