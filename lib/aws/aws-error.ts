import { callDescriptionOf } from "./describe-call-failures";

/** What the collector needs to know about a failed AWS call. */
export type TAwsErrorInfo = { code: string; message: string; kind: "access-denied" | "not-available" | "timeout" | "other" };

const ACCESS_DENIED = new Set([
  "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
  "ForbiddenException", "UnauthorizedException", "AWSOrganizationsNotInUseException",
]);
const NOT_AVAILABLE = new Set([
  "NotImplemented", "NotImplementedException", "InvalidAction", "UnknownOperationException",
  "UnsupportedOperation", "UnsupportedOperationException", "OptInRequired", "InvalidClientTokenId",
  "UnexpectedResponse",
]);

export function describeAwsError(error: unknown): TAwsErrorInfo {
  const e = error as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  let code = e?.Code ?? e?.name ?? e?.code ?? "Error";
  const message = e?.message ?? String(error);
  // An answer the SDK could not parse (an HTML page, a truncated body) means the endpoint does not speak that API.
  if (code === "SyntaxError" && callDescriptionOf(error)) code = "UnexpectedResponse";
  if (ACCESS_DENIED.has(code) || e?.$metadata?.httpStatusCode === 403) return { code, message, kind: "access-denied" };
  if (NOT_AVAILABLE.has(code) || e?.$metadata?.httpStatusCode === 501) return { code, message, kind: "not-available" };
  if (code === "TimeoutError" || code === "RequestTimeout" || code === "AbortError" || /timed? ?out/i.test(message)) {
    return { code, message, kind: "timeout" };
  }
  return { code, message, kind: "other" };
}
