import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { assertCan } from "../console/assert-can";
import { responseForError } from "../console/console-error";
import { getSessionUser } from "./get-session-user";
import { REQUEST_PATH_HEADER } from "./request-path-header";
import { can, type TPermission, type TSessionUser } from "./permissions";


/**
 * For pages: the signed-in user holding `permission`. Signed out: redirect to sign-in
 * (and back afterwards). Signed in without the permission: the 403 page.
 */
export async function requirePageUser(permission: TPermission): Promise<TSessionUser> {
  const user = await getSessionUser();
  if (!user) {
    const from = (await headers()).get(REQUEST_PATH_HEADER) ?? "/";
    redirect(`/signin?callbackUrl=${encodeURIComponent(from)}`);
  }
  if (!can(user, permission)) forbidden();
  return user;
}

/** For server actions: the user holding `permission`, else a ConsoleError (unauthenticated / forbidden). */
export async function requireActionUser(permission: TPermission): Promise<TSessionUser> {
  const user = await getSessionUser();
  assertCan(user, permission);
  return user;
}

type TRouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * Wraps a route handler: 401 signed out, 403 without `permission`, and every ConsoleError
 * the handler throws translated to its status in one place.
 */
export function withRole(
  handler: (options: { request: Request; user: TSessionUser; params: Record<string, string | string[]> }) => Promise<Response>,
  options: { permission: TPermission },
) {
  return async (request: Request, context: TRouteContext): Promise<Response> => {
    try {
      const user = await getSessionUser();
      assertCan(user, options.permission);
      return await handler({ request, user, params: (await context?.params) ?? {} });
    } catch (error) {
      return responseForError(error);
    }
  };
}
