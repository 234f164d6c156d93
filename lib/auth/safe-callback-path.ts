// Where sign-in may send a user afterwards: only a path of the console itself. Browsers
// read "/\evil.example" and "/<TAB>/evil.example" as "//evil.example" (another site), so
// backslashes, control characters and whitespace are refused outright, in the value and in
// its percent-decoded form, before the path is resolved against a placeholder origin.

const PLACEHOLDER_ORIGIN = "http://console.invalid";
const MAX_LENGTH = 2048;
const FORBIDDEN = /[\\\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** In the decoded form a space is only an encoded space ("?q=a%20b"); the rest stays refused. */
const FORBIDDEN_DECODED = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function decodedOrNull(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function looksSafe(value: string, forbidden = FORBIDDEN): boolean {
  return value.startsWith("/") && !value.startsWith("//") && !forbidden.test(value);
}

/** `value` when it is a same-origin path ("/principals?kind=iam-role"), else `fallback`. */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  const decoded = decodedOrNull(value);
  if (decoded === null || !looksSafe(value) || !looksSafe(decoded, FORBIDDEN_DECODED)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = url.pathname + url.search + url.hash;
  return looksSafe(path) ? path : fallback;
}

/**
 * next-auth's redirect callback: relative paths and absolute URLs of the console's own
 * origin are kept (as paths checked by safeCallbackPath), anything else goes to the console's start page.
 */
export function safeRedirectUrl(options: { url: string; baseUrl: string }): string {
  const base = new URL(options.baseUrl);
  let candidate = options.url;
  if (!candidate.startsWith("/")) {
    try {
      const absolute = new URL(candidate);
      if (absolute.origin !== base.origin) return base.origin + "/";
      candidate = absolute.pathname + absolute.search + absolute.hash;
    } catch {
      return base.origin + "/";
    }
  }
  return base.origin + safeCallbackPath(candidate);
}
