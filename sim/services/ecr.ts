// Amazon ECR (awsJson1_1): DescribeRepositories, GetRepositoryPolicy, ListTagsForResource.
import type { Repository } from "../resource-model";
import { epochSeconds, paginate, SimError } from "../protocol/common";
import { num, str, type JsonCtx, type JsonHandler } from "./types";

function reposInRegion(ctx: JsonCtx): Repository[] {
  return ctx.state.resources(ctx.caller.accountId).repositories.filter((r) => r.region === ctx.region);
}

function notFound(ctx: JsonCtx, name: string) {
  return new SimError("RepositoryNotFoundException", `The repository with name '${name}' does not exist in the registry with id '${ctx.caller.accountId}'`);
}

export const ECR_HANDLERS: Record<string, JsonHandler> = {
  DescribeRepositories: (ctx) => {
    const max = num(ctx.input, "maxResults") ?? 100;
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new SimError("InvalidParameterException", "maxResults must be between 1 and 1000.");
    const names = Array.isArray(ctx.input.repositoryNames) ? (ctx.input.repositoryNames as string[]) : undefined;
    let list = reposInRegion(ctx);
    if (names) {
      const missing = names.find((n) => !list.some((r) => r.name === n));
      if (missing) throw notFound(ctx, missing);
      list = list.filter((r) => names.includes(r.name));
    }
    const { page, next } = paginate(list, str(ctx.input, "nextToken"), max, `DescribeRepositories:${ctx.caller.accountId}:${ctx.region}`, () => new SimError("InvalidParameterException", "Invalid parameter at 'nextToken'."));
    return {
      repositories: page.map((r) => ({ repositoryArn: r.arn, registryId: ctx.caller.accountId, repositoryName: r.name, repositoryUri: r.uri, createdAt: epochSeconds(r.createDate), imageTagMutability: "MUTABLE" })),
      nextToken: next,
    };
  },
  GetRepositoryPolicy: (ctx) => {
    const name = str(ctx.input, "repositoryName") ?? "";
    const repo = reposInRegion(ctx).find((r) => r.name === name);
    if (!repo) throw notFound(ctx, name);
    if (!repo.policy) throw new SimError("RepositoryPolicyNotFoundException", `Repository policy does not exist for the repository with name '${name}' in the registry with id '${ctx.caller.accountId}'`);
    return { registryId: ctx.caller.accountId, repositoryName: name, policyText: repo.policy };
  },
  ListTagsForResource: (ctx) => {
    const arn = str(ctx.input, "resourceArn") ?? "";
    const repo = reposInRegion(ctx).find((r) => r.arn === arn);
    if (!repo) throw new SimError("RepositoryNotFoundException", `The repository with ARN '${arn}' does not exist.`);
    return { tags: repo.tags.map((t) => ({ Key: t.Key, Value: t.Value })) };
  },
};
