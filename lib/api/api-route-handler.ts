import "server-only";
import { assertCan } from "../console/assert-can";
import { CONSOLE_ERROR_STATUS, isConsoleError } from "../console/console-error";
import { firstValues } from "../console/search-params";
import { getDb } from "../db/client";
import { getLogger } from "../log/logger";
import { REQUEST_ID_HEADER, requestIdFrom } from "../log/request-id";
import { originFromHeaders, parseOrInvalid } from "./api-request";
import { authenticateApiToken } from "./authenticate-api-token";
import type { TApiRoute } from "./define-api-route";

type TRouteContext = { params?: Promise<Record<string, string | string[]>> };

/**
 * The Next.js GET handler of an API route: bearer token, permission, request validation,
 * response shaping, and one place that turns errors into statuses and logs the request with
 * its id and actor (the server counts it for the metrics: lib/metrics/observe-http-server.ts).
 */
export function apiRouteHandler(route: TApiRoute) {
  return async (request: Request, context?: TRouteContext): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(request.headers);
    const url = new URL(request.url);
    const origin = originFromHeaders(request.headers);
    let response: Response;
    let actor: string | null = null;
    try {
      const user = route.permission
        ? await authenticateApiToken({ pool: getDb().pool, authorization: request.headers.get("authorization"), path: url.pathname, origin, requestId })
        : null;
      actor = user?.id ?? null;
      if (route.permission) assertCan(user, route.permission);
      const query = parseOrInvalid(route.query, firstValues(url.searchParams), "query");
      const params = parseOrInvalid(route.params, (await context?.params) ?? {}, "path");
      const data = await route.run({ user, query, params, context: { origin, requestId } });
      response = Response.json(route.response.parse(JSON.parse(JSON.stringify(data))));
    } catch (error) {
      response = errorResponse(error, requestId);
    }
    response.headers.set(REQUEST_ID_HEADER, requestId);
    response.headers.set("cache-control", "no-store");
    const seconds = (performance.now() - started) / 1000;
    getLogger().info({ requestId, route: route.path, path: url.pathname, status: response.status, ms: Math.round(seconds * 1000), actor, ip: origin.ip }, "api request");
    return response;
  };
}

function errorResponse(error: unknown, requestId: string): Response {
  if (isConsoleError(error)) {
    const status = CONSOLE_ERROR_STATUS[error.code];
    const headers: Record<string, string> = status === 401 ? { "www-authenticate": 'Bearer realm="access-atlas"' } : {};
    return Response.json({ error: { code: error.code, message: error.message } }, { status, headers });
  }
  getLogger().error({ requestId, err: error }, "api request failed");
  return Response.json({ error: { code: "internal", message: `internal error (request ${requestId})` } }, { status: 500 });
}
