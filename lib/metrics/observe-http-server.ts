import http from "node:http";
import { getLogger } from "../log/logger";
import { requestContextStorage } from "../log/request-context";
import { REQUEST_ID_HEADER, requestIdFrom } from "../log/request-id";
import { observeHttpRequest } from "./http-metrics";
import type { RouteTable } from "./route-patterns";

// Why here, at the Node HTTP server, and not in Next.js:
// - proxy.ts runs before the page renders: it never sees the final status (a page's
//   notFound(), a server action's redirect, a 500), and skips Next's static files.
// - instrumentation's onRequestError hears only failures.
// - Next's OpenTelemetry spans carry http.route and the status, but need a tracer SDK and a
//   context manager in every process, and with a proxy Next opens two handleRequest spans
//   per request (the proxy pass and the render pass), so counting them needs Next internals.
// - A custom server would replace `next start` (and `next dev`) for one hook.
// The server's 'request' event and the response's 'close' see every answer the console
// gives, whatever produced it (page, server action, route handler, proxy redirect, 404,
// static file). instrumentation.ts installs this in the console's process, like the peer
// address stamp. The route label comes from the app's own route list (route-patterns.ts),
// matched as Next's router matches it, so it is the pattern, never the raw path.
// The same wrapper gives the request its id (the one the proxy, the log line, the audit
// events and the x-request-id response header carry) and runs the request inside the
// request context, so audit events written while serving it carry that id.
// Requests accepted while Next is still starting (before register() ran) are not seen.

const INSTALLED = Symbol.for("access-atlas.http-observer");
type TGlobal = typeof globalThis & { [INSTALLED]?: boolean };
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function installHttpObserver(options: { routes: RouteTable }): void {
  const global = globalThis as TGlobal;
  if (global[INSTALLED]) return;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function observeRequest(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== "request") return (emit as (...all: unknown[]) => boolean).apply(this, [event, ...args]);
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    const started = performance.now();
    const given = request.headers[REQUEST_ID_HEADER];
    const requestId = requestIdFrom(new Headers(typeof given === "string" ? { [REQUEST_ID_HEADER]: given } : {}));
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader(REQUEST_ID_HEADER, requestId);
    const pathname = (request.url ?? "/").split("?")[0];
    const { route, kind } = options.routes.classify({ pathname, headers: request.headers });
    const method = METHODS.has(request.method ?? "") ? request.method! : "OTHER";
    response.once("close", () => {
      const seconds = (performance.now() - started) / 1000;
      const status = response.writableFinished ? String(response.statusCode) : "aborted";
      observeHttpRequest({ route, kind, method, status, seconds });
      const log = getLogger();
      const entry = { requestId, route, kind, method, status, ms: Math.round(seconds * 1000), path: pathname };
      if (kind === "static" || route === "/api/health" || route === "/api/ready" || route === "/api/metrics") log.debug(entry, "http request");
      else log.info(entry, "http request");
    });
    return requestContextStorage().run({ requestId }, () => (emit as (...all: unknown[]) => boolean).apply(this, [event, ...args]));
  } as typeof emit;
  global[INSTALLED] = true;
}
