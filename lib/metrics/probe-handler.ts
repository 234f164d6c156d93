import { getLogger } from "../log/logger";
import { REQUEST_ID_HEADER, requestIdFrom } from "../log/request-id";

/** Health, readiness and metrics handlers: logged at debug (probes are frequent); the server counts them (observe-http-server.ts). */
export function probeHandler(route: string, handle: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(request.headers);
    let response: Response;
    try {
      response = await handle(request);
    } catch (error) {
      getLogger().error({ requestId, route, err: error }, "probe failed");
      response = Response.json({ status: "error", message: `internal error (request ${requestId})` }, { status: 500 });
    }
    response.headers.set(REQUEST_ID_HEADER, requestId);
    response.headers.set("cache-control", "no-store");
    const seconds = (performance.now() - started) / 1000;
    getLogger().debug({ requestId, route, status: response.status, ms: Math.round(seconds * 1000) }, "probe");
    return response;
  };
}
