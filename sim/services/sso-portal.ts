// SSO portal GetRoleCredentials (restJson1): bearer token → credentials of the permission set's role.
import type { SimState, Caller } from "../state";
import { SimError } from "../protocol/common";

/** returns the new session, or throws Unauthorized/Forbidden like the portal */
export function getRoleCredentials(state: SimState, token: string | undefined, roleName: string | undefined, accountId: string | undefined): Caller {
  const user = token ? state.idcUserByToken.get(token) : undefined;
  if (!user) throw new SimError("UnauthorizedException", "Session token not found or invalid", 401);
  if (!roleName || !accountId) throw new SimError("InvalidRequestException", "role_name and account_id are required", 400);
  const ps = state.permissionSetsByName.get(roleName);
  const assignments = ps ? state.assignmentsByPsAccount.get(`${ps.arn}|${accountId}`) : undefined;
  const groups = state.idcGroupIdsByUser.get(user.id);
  const entitled = !!assignments?.some((a) => (a.principalType === "USER" ? a.principalId === user.id : !!groups?.has(a.principalId)));
  const role = ps && entitled ? state.ssoRole(ps.arn, accountId) : undefined;
  if (!ps || !role) throw new SimError("ForbiddenException", "No access", 403);
  const hours = Math.max(1, Math.round(role.maxSessionDuration / 3600));
  return state.createSession(role, accountId, user.userName, accountId, hours * 3600);
}
