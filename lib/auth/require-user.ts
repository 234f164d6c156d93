import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { originOf } from "../audit/request-origin";
import { recordRefusal } from "../audit/record-refusal";
import type { TRefusal } from "../audit/refusal-aggregator";
import { assertCan } from "../console/assert-can";
import { isConsoleError, responseForError } from "../console/console-error";
import { getSessionUser } from "./get-session-user";
import { REQUEST_PATH_HEADER } from "./request-path-header";
import { can, type TPermission, type TSessionUser } from "./permissions";

/** A refused request in the audit trail and the log; never fails the response it explains. */
async function noteRefusal(options: { user: TSessionUser; requestHeaders: Headers; target: string; targetType: TRefusal["targetType"]; reason: string }) {
  await recordRefusal({
    actor: { id: options.user.id, email: options.user.email, roles: options.user.roles },
    target: options.target, targetType: options.targetType, reason: options.reason, origin: originOf(options.requestHeaders),
  }).catch((error: Error) => console.error(`audit: could not record a refusal: ${error.message}`));
}

/**
 * For pages: the signed-in user holding `permission`. Signed out: redirect to sign-in
 * (and back afterwards). Signed in without the permission: the 403 page, recorded.
 */
export async function requirePageUser(permission: TPermission): Promise<TSessionUser> {
  const user = await getSessionUser();
  const requestHeaders = await headers();
  const from = requestHeaders.get(REQUEST_PATH_HEADER) ?? "/";
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(from)}`);
  if (!can(user, permission)) {
    await noteRefusal({ user, requestHeaders, target: from.split("?")[0], targetType: "page", reason: `${permission} not granted` });
    forbidden();
  }
  return user;
}

/** For server actions: the user holding `permission`, else a ConsoleError (unauthenticated / forbidden, recorded). */
export async function requireActionUser(permission: TPermission): Promise<TSessionUser> {
  const user = await getSessionUser();
  if (user && !can(user, permission)) {
    await noteRefusal({ user, requestHeaders: await headers(), target: permission, targetType: "action", reason: `${permission} not granted` });
  }
  assertCan(user, permission);
  return user;
}

type TRouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * Wraps a route handler: 401 signed out, 403 without `permission` (recorded), and every
 * error the handler throws translated to its status in one place (responseForError).
 */
export function withRole(
  handler: (options: { request: Request; user: TSessionUser; params: Record<string, string | string[]> }) => Promise<Response>,
  options: { permission: TPermission },
) {
  return async (request: Request, context: TRouteContext): Promise<Response> => {
    let user: TSessionUser | null = null;
    try {
      user = await getSessionUser();
      assertCan(user, options.permission);
      return await handler({ request, user, params: (await context?.params) ?? {} });
    } catch (error) {
      if (user && isConsoleError(error) && error.code === "forbidden") {
        await noteRefusal({ user, requestHeaders: request.headers, target: new URL(request.url).pathname, targetType: "api", reason: error.message });
      }
      return responseForError(error);
    }
  };
}
