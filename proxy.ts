import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/auth/request-path-header";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/log/request-id";
import { createNonce, securityHeaders } from "@/lib/auth/security-headers";

// Every request except Next's static files: a fresh CSP nonce and the security headers on
// the response (pages, API routes, redirects, 404/500 pages alike), and the one redirect
// this file does: signed-out page requests go to sign-in. Authorization itself is checked
// at the data layer by every page, route handler and server action.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PUBLIC_PATHS = /^\/(?:api\/|signin(?:\/|$)|auth\/|icon\.svg$|favicon\.ico$)/;

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const nonce = createNonce();
  const https = request.nextUrl.protocol === "https:" || (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const headers = securityHeaders({ nonce, https, dev: process.env.NODE_ENV === "development" });
  const requestId = requestIdFrom(request.headers);
  const withHeaders = (response: NextResponse) => {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!signedIn && !PUBLIC_PATHS.test(pathname)) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return withHeaders(NextResponse.redirect(url));
  }
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_PATH_HEADER, pathname + search);
  // One id per request for the JSON logs and the audit trail (kept when the TLS proxy sent one).
  forwarded.set(REQUEST_ID_HEADER, requestId);
  // Next.js reads the nonce from the request's policy and puts it on its own scripts.
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  forwarded.set("x-nonce", nonce);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }));
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
