// AWS KMS (awsJson1_1): ListKeys, DescribeKey, GetKeyPolicy, ListGrants, ListResourceTags.
import type { KmsKey } from "../resource-model";
import { epochSeconds, paginate, SimError } from "../protocol/common";
import { num, str, type JsonCtx, type JsonHandler } from "./types";

function keysInRegion(ctx: JsonCtx): KmsKey[] {
  return ctx.state.resources(ctx.caller.accountId).kmsKeys.filter((k) => k.region === ctx.region);
}

function findKey(ctx: JsonCtx): KmsKey {
  const id = str(ctx.input, "KeyId");
  if (!id) throw new SimError("ValidationException", "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
  const key = keysInRegion(ctx).find((k) => k.id === id || k.arn === id);
  if (!key) throw new SimError("NotFoundException", `Key '${id.startsWith("arn:") ? id : `arn:aws:kms:${ctx.region}:${ctx.caller.accountId}:key/${id}`}' does not exist`);
  return key;
}

function page<T>(ctx: JsonCtx, items: T[], scope: string) {
  const limit = num(ctx.input, "Limit") ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new SimError("ValidationException", `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 1000`);
  const { page: items2, next } = paginate(items, str(ctx.input, "Marker"), limit, scope, () => new SimError("InvalidMarkerException", "The marker that specifies where pagination should next begin is not valid."));
  return { items: items2, more: next ? { NextMarker: next, Truncated: true } : { Truncated: false } };
}

export const KMS_HANDLERS: Record<string, JsonHandler> = {
  ListKeys: (ctx) => {
    const { items, more } = page(ctx, keysInRegion(ctx), `ListKeys:${ctx.caller.accountId}:${ctx.region}`);
    return { Keys: items.map((k) => ({ KeyId: k.id, KeyArn: k.arn })), ...more };
  },
  ListAliases: (ctx) => {
    // Every key is named by one customer alias (alias/<name>), as keys usually are.
    const { items, more } = page(ctx, keysInRegion(ctx), `ListAliases:${ctx.caller.accountId}:${ctx.region}`);
    return { Aliases: items.map((k) => ({ AliasName: `alias/${k.name}`, AliasArn: `arn:aws:kms:${ctx.region}:${ctx.caller.accountId}:alias/${k.name}`, TargetKeyId: k.id })), ...more };
  },
  DescribeKey: (ctx) => {
    const k = findKey(ctx);
    return {
      KeyMetadata: {
        AWSAccountId: ctx.caller.accountId, KeyId: k.id, Arn: k.arn, CreationDate: epochSeconds(k.createDate), Enabled: k.keyState === "Enabled",
        Description: k.description, KeyUsage: "ENCRYPT_DECRYPT", KeyState: k.keyState, Origin: "AWS_KMS", KeyManager: k.keyManager,
        CustomerMasterKeySpec: "SYMMETRIC_DEFAULT", KeySpec: "SYMMETRIC_DEFAULT", EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"], MultiRegion: false,
      },
    };
  },
  GetKeyPolicy: (ctx) => {
    const k = findKey(ctx);
    const name = str(ctx.input, "PolicyName") ?? "default";
    if (name !== "default") throw new SimError("NotFoundException", `No such policy exists: ${name}`);
    return { Policy: k.policy, PolicyName: "default" };
  },
  ListGrants: (ctx) => {
    const k = findKey(ctx);
    const { items, more } = page(ctx, k.grants, `ListGrants:${k.arn}`);
    return {
      Grants: items.map((g) => ({
        KeyId: k.arn, GrantId: g.grantId, CreationDate: epochSeconds(k.createDate), GranteePrincipal: g.granteePrincipal,
        RetiringPrincipal: g.retiringPrincipal, IssuingAccount: `arn:aws:iam::${ctx.caller.accountId}:root`, Operations: g.operations, Constraints: g.constraints,
      })),
      ...more,
    };
  },
  ListResourceTags: (ctx) => {
    const k = findKey(ctx);
    const { items, more } = page(ctx, k.tags, `ListResourceTags:${k.arn}`);
    return { Tags: items.map((t) => ({ TagKey: t.Key, TagValue: t.Value })), ...more };
  },
};
