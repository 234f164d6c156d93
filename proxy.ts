import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/auth/request-path-header";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/log/request-id";

// Redirects only: signed-out page requests go to sign-in. Authorization itself is checked
// at the data layer by every page, route handler and server action.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, pathname + search);
  // One id per request for the JSON logs and the audit trail (kept when the TLS proxy sent one).
  headers.set(REQUEST_ID_HEADER, requestIdFrom(request.headers));
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!signedIn && !pathname.startsWith("/api/")) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/auth|signin|auth/|_next/|favicon.ico).*)"],
};
