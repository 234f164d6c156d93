// AWS Secrets Manager (awsJson1_1): ListSecrets, DescribeSecret, GetResourcePolicy. No secret
// values exist in the simulator: GetSecretValue is not implemented on purpose.
import type { Secret } from "../resource-model";
import { epochSeconds, paginate, SimError } from "../protocol/common";
import { num, str, type JsonCtx, type JsonHandler } from "./types";

function secretsInRegion(ctx: JsonCtx): Secret[] {
  return ctx.state.resources(ctx.caller.accountId).secrets.filter((s) => s.region === ctx.region);
}

function findSecret(ctx: JsonCtx): Secret {
  const id = str(ctx.input, "SecretId");
  if (!id) throw new SimError("InvalidParameterException", "You must provide a SecretId.");
  const secret = secretsInRegion(ctx).find((s) => s.arn === id || s.name === id);
  if (!secret) throw new SimError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
  return secret;
}

const describe = (s: Secret) => ({
  ARN: s.arn, Name: s.name, CreatedDate: epochSeconds(s.createDate), LastChangedDate: epochSeconds(s.createDate),
  Tags: s.tags.map((t) => ({ Key: t.Key, Value: t.Value })), SecretVersionsToStages: undefined,
});

export const SECRETS_MANAGER_HANDLERS: Record<string, JsonHandler> = {
  ListSecrets: (ctx) => {
    const max = num(ctx.input, "MaxResults") ?? 100;
    if (!Number.isInteger(max) || max < 1 || max > 100) throw new SimError("InvalidParameterException", "MaxResults must be between 1 and 100.");
    const { page, next } = paginate(secretsInRegion(ctx), str(ctx.input, "NextToken"), max, `ListSecrets:${ctx.caller.accountId}:${ctx.region}`, () => new SimError("InvalidNextTokenException", "The NextToken value is invalid."));
    return { SecretList: page.map(describe), NextToken: next };
  },
  DescribeSecret: (ctx) => describe(findSecret(ctx)),
  GetResourcePolicy: (ctx) => {
    const s = findSecret(ctx);
    return { ARN: s.arn, Name: s.name, ResourcePolicy: s.policy };
  },
};
