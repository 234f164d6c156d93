// AWS STS (awsQuery): AssumeRole with trust-policy evaluation, GetCallerIdentity.
import { SimError } from "../protocol/common";
import { trustAllows } from "../policy";
import { iso } from "../ids";
import type { QueryCtx, QueryHandler } from "./types";

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/;

/** account id targeted by an AssumeRole RoleArn (for blackhole rules), if parseable */
export function assumeRoleTarget(roleArn: string | undefined): string | undefined {
  return roleArn ? ROLE_ARN.exec(roleArn)?.[1] : undefined;
}

function assumeRole(ctx: QueryCtx) {
  const { caller, params, state } = ctx;
  const roleArn = params.str("RoleArn");
  const sessionName = params.str("RoleSessionName");
  if (!roleArn) throw new SimError("ValidationError", "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
  if (!sessionName) throw new SimError("ValidationError", "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
  if (sessionName.length < 2 || sessionName.length > 64) {
    throw new SimError("ValidationError", `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length ${sessionName.length < 2 ? "greater than or equal to 2" : "less than or equal to 64"}`);
  }
  if (!/^[\w+=,.@-]+$/.test(sessionName)) {
    throw new SimError("ValidationError", `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  const m = ROLE_ARN.exec(roleArn);
  if (!m) throw new SimError("ValidationError", `${roleArn} is not a valid ARN`);
  const [, accountId, roleName] = m;
  const denied = () => new SimError("AccessDenied", `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);

  const duration = params.int("DurationSeconds") ?? 3600;
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    throw new SimError("ValidationError", `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
  }
  const account = state.accounts.get(accountId);
  if (!account || account.status !== "ACTIVE" || ctx.faults.assumeRoleDenied(accountId)) throw denied();
  const role = state.account(accountId)!.rolesByName.get(roleName);
  if (!role) throw denied();
  const externalId = params.str("ExternalId");
  const ok = trustAllows(role.trustPolicy, {
    action: "sts:AssumeRole",
    principalArns: caller.principalArns,
    accountId: caller.accountId,
    context: {
      "sts:externalid": externalId,
      "aws:principalorgid": state.accounts.has(caller.accountId) ? state.org.id : undefined,
      "aws:principalaccount": caller.accountId,
      "aws:principalarn": caller.principalArns[0],
      "aws:principaltype": caller.kind === "user" ? "User" : "AssumedRole",
      "aws:username": caller.userName,
      "aws:multifactorauthpresent": caller.kind === "session" ? "false" : undefined,
      "aws:securetransport": "true",
    },
  });
  if (!ok) throw denied();
  if (duration > role.maxSessionDuration) {
    throw new SimError("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }
  if (caller.kind === "session" && duration > 3600) {
    throw new SimError("ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  }
  const s = state.createSession(role, accountId, sessionName, caller.accountId, duration);
  return {
    Credentials: { AccessKeyId: s.accessKeyId, SecretAccessKey: s.secretAccessKey, SessionToken: s.sessionToken, Expiration: iso(s.expiration!) },
    AssumedRoleUser: { AssumedRoleId: s.userId, Arn: s.arn },
  };
}

function getCallerIdentity(ctx: QueryCtx) {
  return { UserId: ctx.caller.userId, Account: ctx.caller.accountId, Arn: ctx.caller.arn };
}

export const STS_HANDLERS: Record<string, QueryHandler> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
};
