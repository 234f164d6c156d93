import "server-only";
import { headers } from "next/headers";
import { clientAddress, parseTrustedProxies, type TTrustedProxies } from "./client-address";
import { peerAddressOf } from "./peer-address";

let parsed: { text: string | undefined; trusted: TTrustedProxies } | undefined;

/** TRUSTED_PROXIES, parsed once per value (a bad value fails with the variable's name). */
export function trustedProxies(): TTrustedProxies {
  const text = process.env.TRUSTED_PROXIES;
  if (parsed && parsed.text === text) return parsed.trusted;
  parsed = { text, trusted: parseTrustedProxies(text) };
  return parsed.trusted;
}

/** Address and user agent of a request, as the audit trail records them. */
export function originOf(requestHeaders: Headers): { ip: string | null; userAgent: string | null } {
  return {
    ip: clientAddress({ peer: peerAddressOf(requestHeaders), forwardedFor: requestHeaders.get("x-forwarded-for"), trusted: trustedProxies() }),
    userAgent: requestHeaders.get("user-agent")?.slice(0, 512) || null,
  };
}

/** The caller's address and user agent for the audit trail, from the current request. */
export async function requestOrigin(): Promise<{ ip: string | null; userAgent: string | null }> {
  return originOf(await headers());
}
