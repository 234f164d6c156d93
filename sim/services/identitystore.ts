// AWS Identity Store (awsJson1_1): users, groups, group memberships. Management account only.
import type { IdentityCenter } from "../model";
import { epochSeconds, paginate, SimError } from "../protocol/common";
import { num, str, type JsonCtx, type JsonHandler } from "./types";
import { requireManagement } from "./sso-admin";

function store(ctx: JsonCtx): IdentityCenter {
  const idc = ctx.state.org.identityCenter;
  const id = str(ctx.input, "IdentityStoreId");
  if (!id) throw new SimError("ValidationException", "1 validation error detected: Value null at 'identityStoreId' failed to satisfy constraint: Member must not be null");
  // An identity store exists only in its instance's home region.
  if (!idc || idc.identityStoreId !== id || (ctx.region && ctx.region !== idc.region)) throw new SimError("ResourceNotFoundException", `IdentityStore ${id} not found`);
  return idc;
}

function pageOf<T>(ctx: JsonCtx, items: readonly T[], scope: string) {
  const max = num(ctx.input, "MaxResults") ?? 100;
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw new SimError("ValidationException", `1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100`);
  }
  return paginate(items, str(ctx.input, "NextToken"), max, scope, () => new SimError("ValidationException", "Invalid NextToken"));
}

/** supports Filters: [{ AttributePath: "UserName" | "DisplayName", AttributeValue }] */
function filterOf(ctx: JsonCtx): { path: string; value: string } | undefined {
  const f = ctx.input.Filters;
  if (!Array.isArray(f) || f.length === 0) return undefined;
  const first = f[0] as Record<string, unknown>;
  return { path: String(first.AttributePath ?? ""), value: String(first.AttributeValue ?? "") };
}

export const IDENTITY_STORE_HANDLERS: Record<string, JsonHandler> = {
  ListUsers: (ctx) => {
    const idc = store(ctx);
    const f = filterOf(ctx);
    const users = f ? idc.users.filter((u) => (f.path === "UserName" ? u.userName : u.displayName) === f.value) : idc.users;
    const { page, next } = pageOf(ctx, users, `users:${f?.path ?? ""}:${f?.value ?? ""}`);
    return {
      Users: page.map((u) => ({
        IdentityStoreId: idc.identityStoreId,
        UserId: u.id,
        UserName: u.userName,
        Name: { Formatted: `${u.givenName} ${u.familyName}`, GivenName: u.givenName, FamilyName: u.familyName },
        DisplayName: u.displayName,
        Emails: [{ Value: u.email, Type: "work", Primary: true }],
        UserStatus: "ENABLED",
        CreatedAt: epochSeconds(u.createdAt),
        UpdatedAt: epochSeconds(u.createdAt),
      })),
      NextToken: next,
    };
  },

  ListGroups: (ctx) => {
    const idc = store(ctx);
    const f = filterOf(ctx);
    const groups = f ? idc.groups.filter((g) => g.displayName === f.value) : idc.groups;
    const { page, next } = pageOf(ctx, groups, `groups:${f?.value ?? ""}`);
    return {
      Groups: page.map((g) => ({ GroupId: g.id, IdentityStoreId: idc.identityStoreId, DisplayName: g.displayName, Description: g.description, CreatedAt: epochSeconds(g.createdAt) })),
      NextToken: next,
    };
  },

  ListGroupMemberships: (ctx) => {
    const idc = store(ctx);
    const groupId = str(ctx.input, "GroupId") ?? "";
    const list = ctx.state.membershipsByGroup.get(groupId);
    if (!list) throw new SimError("ResourceNotFoundException", `GROUP not found: ${groupId}`);
    const { page, next } = pageOf(ctx, list, `gm:${groupId}`);
    return {
      GroupMemberships: page.map((m) => ({ IdentityStoreId: idc.identityStoreId, MembershipId: m.id, GroupId: m.groupId, MemberId: { UserId: m.userId } })),
      NextToken: next,
    };
  },
};

for (const [k, h] of Object.entries(IDENTITY_STORE_HANDLERS)) {
  IDENTITY_STORE_HANDLERS[k] = (ctx) => { requireManagement(ctx, "identitystore"); return h(ctx); };
}
