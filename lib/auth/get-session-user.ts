import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { loadAuthEnv } from "./auth-env";
import { authOptions } from "./auth-options";
import { isWithinAbsoluteLimit } from "./session-age";
import { APP_ROLES, type TAppRole, type TSessionUser } from "./permissions";

/**
 * The signed-in user of this request, or null. Null also when the session is older than
 * SESSION_MAX_HOURS (absolute timeout) or carries no app role. Memoised per request: the
 * console layout and the page both ask, and the token is decoded once.
 */
export const getSessionUser = cache(async (): Promise<TSessionUser | null> => {
  const session = (await getServerSession(authOptions())) as
    | { user?: { id?: string; email?: string | null; name?: string | null; roles?: TAppRole[] }; authTime?: number }
    | null;
  const user = session?.user;
  if (!user?.id) return null;
  if (!isWithinAbsoluteLimit({ authTime: session?.authTime, maxHours: loadAuthEnv().SESSION_MAX_HOURS })) return null;
  const roles = (user.roles ?? []).filter((role) => APP_ROLES.includes(role));
  if (roles.length === 0) return null;
  return { id: user.id, email: user.email ?? null, name: user.name ?? null, roles };
});
