// AWS Organizations (awsJson1_1), allowed only for callers acting in the management account.
import type { Account, OrgPolicy } from "../model";
import type { SimState } from "../state";
import { epochSeconds, paginate, SimError } from "../protocol/common";
import { num, str, type JsonCtx, type JsonHandler } from "./types";

function requireManagement(ctx: JsonCtx) {
  if (ctx.caller.accountId !== ctx.state.org.managementAccountId) {
    throw new SimError("AccessDeniedException", "You don't have permissions to access this resource.");
  }
}

function pageOf<T>(ctx: JsonCtx, items: readonly T[], scope: string) {
  const max = num(ctx.input, "MaxResults") ?? 20;
  if (!Number.isInteger(max) || max < 1 || max > 20) {
    throw new SimError("InvalidInputException", "You provided a value that does not match the required pattern: MaxResults must be between 1 and 20.");
  }
  return paginate(items, str(ctx.input, "NextToken"), max, scope, () => new SimError("InvalidInputException", "The NextToken value is not valid."));
}

function accountPath(state: SimState, a: Account): string {
  const ou = state.ousById.get(a.parentId);
  return `${ou ? ou.path : `${state.org.id}/${state.org.root.id}/`}${a.id}/`;
}

function accountJson(state: SimState, a: Account) {
  return {
    Id: a.id,
    Arn: a.arn,
    Email: a.email,
    Name: a.name,
    Status: a.status,
    State: a.state,
    Paths: [accountPath(state, a)],
    JoinedMethod: a.joinedMethod,
    JoinedTimestamp: epochSeconds(a.joinedTimestamp),
  };
}

function policySummary(p: OrgPolicy) {
  return { Id: p.id, Arn: p.arn, Name: p.name, Description: p.description, Type: p.type, AwsManaged: p.awsManaged };
}

function parentExists(state: SimState, id: string | undefined): id is string {
  return !!id && (id === state.org.root.id || state.ousById.has(id));
}

function getPolicy(ctx: JsonCtx): OrgPolicy {
  const id = str(ctx.input, "PolicyId");
  const p = id ? ctx.state.orgPoliciesById.get(id) : undefined;
  if (!p) throw new SimError("PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.");
  return p;
}

const POLICY_TYPES = new Set(["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY", "CHATBOT_POLICY", "DECLARATIVE_POLICY_EC2"]);

export const ORGANIZATIONS_HANDLERS: Record<string, JsonHandler> = {
  DescribeOrganization: (ctx) => {
    const org = ctx.state.org;
    const mgmt = ctx.state.accounts.get(org.managementAccountId)!;
    return {
      Organization: {
        Id: org.id,
        Arn: org.arn,
        FeatureSet: org.featureSet,
        MasterAccountArn: mgmt.arn,
        MasterAccountId: mgmt.id,
        MasterAccountEmail: mgmt.email,
        AvailablePolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }],
      },
    };
  },

  ListRoots: (ctx) => {
    const r = ctx.state.org.root;
    const { page, next } = pageOf(ctx, [r], "roots");
    return {
      Roots: page.map((x) => ({ Id: x.id, Arn: x.arn, Name: x.name, PolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }, { Type: "RESOURCE_CONTROL_POLICY", Status: "ENABLED" }] })),
      NextToken: next,
    };
  },

  ListOrganizationalUnitsForParent: (ctx) => {
    const parent = str(ctx.input, "ParentId");
    if (!parentExists(ctx.state, parent)) throw new SimError("ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.");
    const { page, next } = pageOf(ctx, ctx.state.childOus.get(parent) ?? [], `ous:${parent}`);
    return { OrganizationalUnits: page.map((o) => ({ Id: o.id, Arn: o.arn, Name: o.name, Path: o.path })), NextToken: next };
  },

  ListAccountsForParent: (ctx) => {
    const parent = str(ctx.input, "ParentId");
    if (!parentExists(ctx.state, parent)) throw new SimError("ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.");
    const { page, next } = pageOf(ctx, ctx.state.childAccounts.get(parent) ?? [], `accounts:${parent}`);
    return { Accounts: page.map((a) => accountJson(ctx.state, a)), NextToken: next };
  },

  ListAccounts: (ctx) => {
    const { page, next } = pageOf(ctx, ctx.state.org.accounts, "accounts");
    return { Accounts: page.map((a) => accountJson(ctx.state, a)), NextToken: next };
  },

  ListTagsForResource: (ctx) => {
    const id = str(ctx.input, "ResourceId") ?? "";
    const s = ctx.state;
    const tags = s.accounts.get(id)?.tags ?? s.ousById.get(id)?.tags ?? (id === s.org.root.id ? s.org.root.tags : undefined) ?? s.orgPoliciesById.get(id)?.tags;
    if (!tags) throw new SimError("TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.");
    const { page, next } = paginate(tags, str(ctx.input, "NextToken"), 20, `tags:${id}`, () => new SimError("InvalidInputException", "The NextToken value is not valid."));
    return { Tags: page, NextToken: next };
  },

  ListPolicies: (ctx) => {
    const filter = str(ctx.input, "Filter");
    if (!filter || !POLICY_TYPES.has(filter)) throw new SimError("InvalidInputException", "You provided a value that does not match the required pattern: Filter.");
    const list = ctx.state.org.policies.filter((p) => p.type === filter);
    const { page, next } = pageOf(ctx, list, `policies:${filter}`);
    return { Policies: page.map(policySummary), NextToken: next };
  },

  DescribePolicy: (ctx) => {
    const p = getPolicy(ctx);
    return { Policy: { PolicySummary: policySummary(p), Content: p.content } };
  },

  ListTargetsForPolicy: (ctx) => {
    const p = getPolicy(ctx);
    const s = ctx.state;
    const { page, next } = pageOf(ctx, p.targets, `targets:${p.id}`);
    return {
      Targets: page.map((id) => {
        const acct = s.accounts.get(id);
        if (acct) return { TargetId: id, Arn: acct.arn, Name: acct.name, Type: "ACCOUNT" };
        const ou = s.ousById.get(id);
        if (ou) return { TargetId: id, Arn: ou.arn, Name: ou.name, Type: "ORGANIZATIONAL_UNIT" };
        return { TargetId: id, Arn: s.org.root.arn, Name: s.org.root.name, Type: "ROOT" };
      }),
      NextToken: next,
    };
  },

  ListParents: (ctx) => {
    const id = str(ctx.input, "ChildId") ?? "";
    const s = ctx.state;
    const parentId = s.accounts.get(id)?.parentId ?? s.ousById.get(id)?.parentId;
    if (!parentId) throw new SimError("ChildNotFoundException", "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
    const { page, next } = pageOf(ctx, [parentId], `parents:${id}`);
    return { Parents: page.map((p) => ({ Id: p, Type: p === s.org.root.id ? "ROOT" : "ORGANIZATIONAL_UNIT" })), NextToken: next };
  },
};

/** wraps every handler with the management-account check */
for (const [k, h] of Object.entries(ORGANIZATIONS_HANDLERS)) {
  ORGANIZATIONS_HANDLERS[k] = (ctx) => { requireManagement(ctx); return h(ctx); };
}
