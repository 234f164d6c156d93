import { can, type TPermission, type TSessionUser } from "../auth/permissions";
import { ConsoleError } from "./console-error";

/**
 * Every console data function starts here, so the data layer refuses by itself whatever
 * page, route or action called it.
 */
export function assertCan(user: TSessionUser | null | undefined, permission: TPermission): asserts user is TSessionUser {
  if (!user) throw new ConsoleError("unauthenticated", "sign in first");
  if (!can(user, permission)) throw new ConsoleError("forbidden", `${permission}: your roles (${user.roles.join(", ") || "none"}) do not allow this`);
}
