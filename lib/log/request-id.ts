export const REQUEST_ID_HEADER = "x-request-id";

/**
 * The id a request is known by in the logs and the audit trail: the proxy's x-request-id
 * when it is a sane token (so one id follows the request through the load balancer),
 * otherwise a new UUID. (Web Crypto: the proxy calls it too.)
 */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER)?.trim();
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : globalThis.crypto.randomUUID();
}
