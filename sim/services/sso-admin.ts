// AWS IAM Identity Center admin API (SSO Admin, awsJson1_1), management account only.
import type { IdentityCenter, PermissionSet } from "../model";
import { epochSeconds, paginate, SimError } from "../protocol/common";
import { num, str, type JsonCtx, type JsonHandler } from "./types";

function denied(ctx: JsonCtx): SimError {
  return new SimError("AccessDeniedException", `User: ${ctx.caller.arn} is not authorized to perform: sso:${ctx.action} on resource: *`);
}

export function requireManagement(ctx: JsonCtx, service: string) {
  if (ctx.caller.accountId !== ctx.state.org.managementAccountId) {
    throw new SimError("AccessDeniedException", `User: ${ctx.caller.arn} is not authorized to perform: ${service}:${ctx.action} because no identity-based policy allows the ${service}:${ctx.action} action`);
  }
}

/**
 * An Identity Center instance lives in one home region: SSO Admin in any other region
 * lists no instance (https://docs.aws.amazon.com/singlesignon/latest/userguide/regions.html).
 */
function inHomeRegion(ctx: JsonCtx, idc: IdentityCenter): boolean {
  return !ctx.region || ctx.region === idc.region;
}

function instance(ctx: JsonCtx): IdentityCenter {
  const idc = ctx.state.org.identityCenter;
  const arn = str(ctx.input, "InstanceArn");
  if (!arn) throw new SimError("ValidationException", "1 validation error detected: Value null at 'instanceArn' failed to satisfy constraint: Member must not be null");
  if (!idc || idc.instanceArn !== arn || !inHomeRegion(ctx, idc)) throw denied(ctx);
  return idc;
}

function permissionSet(ctx: JsonCtx): PermissionSet {
  instance(ctx);
  const arn = str(ctx.input, "PermissionSetArn");
  const ps = arn ? ctx.state.permissionSetsByArn.get(arn) : undefined;
  if (!ps) throw new SimError("ResourceNotFoundException", `Could not find PermissionSet with arn ${arn ?? "null"}`);
  return ps;
}

function pageOf<T>(ctx: JsonCtx, items: readonly T[], scope: string) {
  const max = num(ctx.input, "MaxResults") ?? 100;
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw new SimError("ValidationException", `1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100`);
  }
  return paginate(items, str(ctx.input, "NextToken"), max, scope, () => new SimError("ValidationException", "Invalid NextToken"));
}

export const SSO_ADMIN_HANDLERS: Record<string, JsonHandler> = {
  ListInstances: (ctx) => {
    const idc = ctx.state.org.identityCenter;
    const list = idc && inHomeRegion(ctx, idc) ? [idc] : [];
    const { page, next } = pageOf(ctx, list, "instances");
    return {
      Instances: page.map((i) => ({
        InstanceArn: i.instanceArn,
        IdentityStoreId: i.identityStoreId,
        OwnerAccountId: i.ownerAccountId,
        Name: i.name,
        CreatedDate: epochSeconds(i.createdDate),
        Status: "ACTIVE",
      })),
      NextToken: next,
    };
  },

  ListPermissionSets: (ctx) => {
    const idc = instance(ctx);
    const { page, next } = pageOf(ctx, idc.permissionSets.map((p) => p.arn), "ps");
    return { PermissionSets: page, NextToken: next };
  },

  DescribePermissionSet: (ctx) => {
    const ps = permissionSet(ctx);
    return {
      PermissionSet: {
        Name: ps.name,
        PermissionSetArn: ps.arn,
        Description: ps.description,
        CreatedDate: epochSeconds(ps.createdDate),
        SessionDuration: ps.sessionDuration,
      },
    };
  },

  ListManagedPoliciesInPermissionSet: (ctx) => {
    const ps = permissionSet(ctx);
    const { page, next } = pageOf(ctx, ps.managedPolicyArns, `mp:${ps.arn}`);
    return { AttachedManagedPolicies: page.map((arn) => ({ Name: arn.slice(arn.lastIndexOf("/") + 1), Arn: arn })), NextToken: next };
  },

  ListCustomerManagedPolicyReferencesInPermissionSet: (ctx) => {
    const ps = permissionSet(ctx);
    const { page, next } = pageOf(ctx, ps.customerManagedPolicies, `cmp:${ps.arn}`);
    return { CustomerManagedPolicyReferences: page.map((r) => ({ Name: r.name, Path: r.path })), NextToken: next };
  },

  GetInlinePolicyForPermissionSet: (ctx) => ({ InlinePolicy: permissionSet(ctx).inlinePolicy ?? "" }),

  GetPermissionsBoundaryForPermissionSet: (ctx) => {
    const ps = permissionSet(ctx);
    const b = ps.permissionsBoundary;
    if (!b) throw new SimError("ResourceNotFoundException", `Could not find permissions boundary for PermissionSet ${ps.arn}`);
    return {
      PermissionsBoundary: b.managedPolicyArn
        ? { ManagedPolicyArn: b.managedPolicyArn }
        : { CustomerManagedPolicyReference: { Name: b.customerManagedPolicy!.name, Path: b.customerManagedPolicy!.path } },
    };
  },

  ListAccountsForProvisionedPermissionSet: (ctx) => {
    const ps = permissionSet(ctx);
    const { page, next } = pageOf(ctx, ctx.state.accountsByPs.get(ps.arn) ?? [], `pa:${ps.arn}`);
    return { AccountIds: page, NextToken: next };
  },

  ListAccountAssignments: (ctx) => {
    const ps = permissionSet(ctx);
    const accountId = str(ctx.input, "AccountId");
    if (!accountId) throw new SimError("ValidationException", "1 validation error detected: Value null at 'accountId' failed to satisfy constraint: Member must not be null");
    const list = ctx.state.assignmentsByPsAccount.get(`${ps.arn}|${accountId}`) ?? [];
    const { page, next } = pageOf(ctx, list, `aa:${ps.arn}:${accountId}`);
    return {
      AccountAssignments: page.map((a) => ({ AccountId: accountId, PermissionSetArn: ps.arn, PrincipalType: a.principalType, PrincipalId: a.principalId })),
      NextToken: next,
    };
  },
};

for (const [k, h] of Object.entries(SSO_ADMIN_HANDLERS)) {
  SSO_ADMIN_HANDLERS[k] = (ctx) => { requireManagement(ctx, "sso"); return h(ctx); };
}
