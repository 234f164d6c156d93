// AWS IAM (awsQuery): read operations acting in the caller's account.
import type { AccountIndex } from "../state";
import { paginate, SimError } from "../protocol/common";
import type { QueryCtx, QueryHandler } from "./types";
import { getAccountAuthorizationDetails } from "./iam-gaad";
import { generateCredentialReport, getAccountSummary, getCredentialReport } from "./iam-reports";
import { generateServiceLastAccessedDetails, getServiceLastAccessedDetails } from "./iam-advisor";
import { AWS_MANAGED_POLICIES } from "../catalog/managed-policies";

function acct(ctx: QueryCtx): AccountIndex {
  const idx = ctx.state.account(ctx.caller.accountId);
  if (!idx) throw new SimError("AccessDenied", `User: ${ctx.caller.arn} is not authorized to perform: iam:${ctx.action}`, 403);
  return idx;
}

function maxItems(ctx: QueryCtx): number {
  const n = ctx.params.int("MaxItems");
  if (n === undefined) return 100;
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new SimError("ValidationError", `1 validation error detected: Value '${ctx.params.str("MaxItems")}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  return n;
}

/** A customer policy of the caller's account or any AWS managed policy, as GetPolicy resolves an ARN. */
function policyOf(ctx: QueryCtx, idx: AccountIndex) {
  const arn = ctx.params.str("PolicyArn") ?? "";
  if (!/^arn:aws[\w-]*:iam::(aws|\d{12}):policy\//.test(arn)) throw new SimError("InvalidInput", `ARN ${arn} is not valid.`, 400);
  const p = idx.policiesByArn.get(arn) ?? AWS_MANAGED_POLICIES.get(arn);
  if (!p || (!p.awsManaged && !arn.includes(`:${idx.account.id}:`))) throw new SimError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`, 404);
  return p;
}

const badMarker = () => new SimError("InvalidInput", "Invalid Marker.");

function page<T>(ctx: QueryCtx, items: readonly T[], scope: string) {
  const { page: p, next } = paginate(items, ctx.params.str("Marker"), maxItems(ctx), scope, badMarker);
  return { items: p, more: { IsTruncated: next !== undefined, Marker: next } };
}

function userOf(ctx: QueryCtx, idx: AccountIndex) {
  const name = ctx.params.str("UserName") ?? ctx.caller.userName;
  if (!name) throw new SimError("ValidationError", "Must specify userName when calling with non-User credentials");
  const u = idx.usersByName.get(name);
  if (!u) throw new SimError("NoSuchEntity", `The user with name ${name} cannot be found.`, 404);
  return u;
}

export const IAM_HANDLERS: Record<string, QueryHandler> = {
  GetAccountAuthorizationDetails: (ctx) => getAccountAuthorizationDetails(ctx, acct(ctx), maxItems(ctx)),

  ListAccessKeys: (ctx) => {
    const idx = acct(ctx);
    const u = userOf(ctx, idx);
    const { items, more } = page(ctx, u.accessKeys, `keys:${idx.account.id}:${u.name}`);
    return { AccessKeyMetadata: items.map((k) => ({ UserName: u.name, AccessKeyId: k.id, Status: k.status, CreateDate: k.createDate })), ...more };
  },

  GetAccessKeyLastUsed: (ctx) => {
    const idx = acct(ctx);
    const id = ctx.params.str("AccessKeyId") ?? "";
    const owner = ctx.state.userKeys.get(id);
    if (!owner || owner.accountId !== idx.account.id) {
      throw new SimError("AccessDenied", `User: ${ctx.caller.arn} is not authorized to perform: iam:GetAccessKeyLastUsed on resource: access key ${id}`, 403);
    }
    const k = owner.user.accessKeys.find((x) => x.id === id)!;
    return {
      UserName: owner.user.name,
      AccessKeyLastUsed: k.lastUsed
        ? { LastUsedDate: k.lastUsed.date, ServiceName: k.lastUsed.service, Region: k.lastUsed.region }
        : { ServiceName: "N/A", Region: "N/A" },
    };
  },

  GenerateCredentialReport: (ctx) => generateCredentialReport(ctx, acct(ctx)),
  GetCredentialReport: (ctx) => getCredentialReport(ctx, acct(ctx)),
  GetAccountSummary: (ctx) => getAccountSummary(acct(ctx)),

  GetAccountPasswordPolicy: (ctx) => {
    const idx = acct(ctx);
    const pp = idx.account.iam.passwordPolicy;
    if (!pp) throw new SimError("NoSuchEntity", `The Password Policy with domain name ${idx.account.id} cannot be found.`, 404);
    return { PasswordPolicy: pp };
  },

  ListVirtualMFADevices: (ctx) => {
    const idx = acct(ctx);
    const status = ctx.params.str("AssignmentStatus") ?? "Any";
    const iam = idx.account.iam;
    const devices: Array<Record<string, unknown>> = [];
    if (status !== "Unassigned") {
      if (iam.root.mfa?.type === "virtual") {
        devices.push({ SerialNumber: iam.root.mfa.serialNumber, User: { Path: "/", UserId: idx.account.id, Arn: `arn:aws:iam::${idx.account.id}:root`, CreateDate: iam.root.createDate, PasswordLastUsed: iam.root.passwordLastUsed }, EnableDate: iam.root.mfa.enableDate });
      }
      for (const u of iam.users) {
        for (const d of u.mfaDevices) {
          if (d.type !== "virtual") continue;
          devices.push({
            SerialNumber: d.serialNumber,
            User: { Path: u.path, UserName: u.name, UserId: u.id, Arn: u.arn, CreateDate: u.createDate, PasswordLastUsed: u.password?.lastUsed },
            EnableDate: d.enableDate,
          });
        }
      }
    }
    const { items, more } = page(ctx, devices, `vmfa:${idx.account.id}:${status}`);
    return { VirtualMFADevices: items, ...more };
  },

  ListMFADevices: (ctx) => {
    const idx = acct(ctx);
    const u = userOf(ctx, idx);
    const { items, more } = page(ctx, u.mfaDevices, `mfa:${idx.account.id}:${u.name}`);
    return { MFADevices: items.map((d) => ({ UserName: u.name, SerialNumber: d.serialNumber, EnableDate: d.enableDate })), ...more };
  },

  ListSAMLProviders: (ctx) => ({
    SAMLProviderList: acct(ctx).account.iam.samlProviders.map((p) => ({ Arn: p.arn, ValidUntil: p.validUntil, CreateDate: p.createDate })),
  }),

  ListOpenIDConnectProviders: (ctx) => ({
    OpenIDConnectProviderList: acct(ctx).account.iam.oidcProviders.map((p) => ({ Arn: p.arn })),
  }),

  GetOpenIDConnectProvider: (ctx) => {
    const arn = ctx.params.str("OpenIDConnectProviderArn") ?? "";
    const p = acct(ctx).account.iam.oidcProviders.find((x) => x.arn === arn);
    if (!p) throw new SimError("NoSuchEntity", `OpenIDConnect Provider not found for arn ${arn}`, 404);
    return { Url: p.url, ClientIDList: p.clientIds, ThumbprintList: p.thumbprints, CreateDate: p.createDate, Tags: p.tags.length ? p.tags : undefined };
  },

  ListAccountAliases: (ctx) => {
    const alias = acct(ctx).account.alias;
    return { AccountAliases: alias ? [alias] : [], IsTruncated: false };
  },

  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicy.html: counts are the caller account's.
  GetPolicy: (ctx) => {
    const idx = acct(ctx);
    const p = policyOf(ctx, idx);
    return { Policy: {
      PolicyName: p.name, PolicyId: p.id, Arn: p.arn, Path: p.path, DefaultVersionId: p.defaultVersionId,
      AttachmentCount: idx.attachmentCount.get(p.arn) ?? 0, PermissionsBoundaryUsageCount: idx.boundaryCount.get(p.arn) ?? 0,
      IsAttachable: true, Description: p.description, CreateDate: p.createDate, UpdateDate: p.updateDate,
    } };
  },

  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html: the document is URL-encoded.
  GetPolicyVersion: (ctx) => {
    const p = policyOf(ctx, acct(ctx));
    const id = ctx.params.str("VersionId") ?? "";
    const v = p.versions.find((x) => x.versionId === id);
    if (!v) throw new SimError("NoSuchEntity", `Policy ${p.arn} version ${id} does not exist or is not attachable.`, 404);
    return { PolicyVersion: { Document: encodeURIComponent(v.document), VersionId: v.versionId, IsDefaultVersion: v.isDefault, CreateDate: v.createDate } };
  },

  GenerateServiceLastAccessedDetails: (ctx) => generateServiceLastAccessedDetails(ctx, acct(ctx)),
  GetServiceLastAccessedDetails: (ctx) => getServiceLastAccessedDetails(ctx, acct(ctx), maxItems(ctx)),
};
