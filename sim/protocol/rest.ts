// restJson1 (Lambda, EFS, Account) and restXml (S3, S3 Control): routes matched on method
// and path, errors in each protocol's own shape.
import type { IncomingHttpHeaders } from "node:http";
import { esc } from "./query";
import { SimError } from "./common";

export interface RestReply { status: number; headers: Record<string, string>; body: string }

export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RestRoute<C> {
  method: string;
  pattern: RegExp;
  /** API operation name (for statistics, faults and SCP checks). */
  action: string | ((req: RestRequest) => string);
  /** Path segments captured by `pattern`, URL-decoded. */
  handle: (ctx: C, params: string[]) => RestReply;
}

export function matchRoute<C>(routes: RestRoute<C>[], req: RestRequest): { route: RestRoute<C>; params: string[]; action: string } | undefined {
  for (const route of routes) {
    if (route.method !== req.method) continue;
    const m = route.pattern.exec(req.path);
    if (!m) continue;
    const action = typeof route.action === "string" ? route.action : route.action(req);
    if (!action) continue;
    return { route, params: m.slice(1).map((p) => decodeURIComponent(p ?? "")), action };
  }
  return undefined;
}

export function jsonReply(body: unknown, status = 200): RestReply {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

export function restJsonError(e: SimError): RestReply {
  // Clients read the code from X-Amzn-ErrorType; EFS also sends ErrorCode in the body.
  return { status: e.status, headers: { "content-type": "application/json", "x-amzn-errortype": e.code }, body: JSON.stringify({ ErrorCode: e.code, Message: e.message, message: e.message }) };
}

export function xmlReply(xml: string, status = 200): RestReply {
  return { status, headers: { "content-type": "application/xml" }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` };
}

export function restXmlError(e: SimError, requestId: string, extra: Record<string, string> = {}): RestReply {
  const fields = Object.entries(extra).map(([k, v]) => `<${k}>${esc(v)}</${k}>`).join("");
  return xmlReply(`<Error><Code>${esc(e.code)}</Code><Message>${esc(e.message)}</Message>${fields}<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`, e.status);
}

/** Element tree → XML: arrays repeat their element name (S3's flattened lists). */
export function xmlElements(obj: Record<string, unknown>): string {
  let s = "";
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) {
      s += typeof item === "object" && item !== null ? `<${k}>${xmlElements(item as Record<string, unknown>)}</${k}>` : `<${k}>${esc(String(item))}</${k}>`;
    }
  }
  return s;
}
