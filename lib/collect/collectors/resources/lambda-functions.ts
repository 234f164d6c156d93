import { LambdaClient, paginateListFunctions, GetPolicyCommand, ListTagsCommand } from "@aws-sdk/client-lambda";
import type { TResource } from "../../../resources/resource-model";
import { mapLimited, newResource, parsePolicy, readField } from "./read-field";
import type { TResourceCollector } from "./types";

/** Lambda functions: the function policy (GetPolicy) and tags. Never GetFunction, which hands out a code URL. */
export const lambdaFunctionsCollector: TResourceCollector = {
  name: "lambda-functions",
  types: ["lambda-function"],
  async collect(ctx) {
    const client = ctx.client("lambda", (config) => new LambdaClient(config));
    const items = [];
    for await (const page of paginateListFunctions({ client, pageSize: 50 }, {})) items.push(...(page.Functions ?? []));
    const out = await mapLimited(ctx, items, async (fn) => {
      if (!fn.FunctionArn || !fn.FunctionName) return null;
      const resource = newResource({ arn: fn.FunctionArn, type: "lambda-function", accountId: ctx.account.accountId, region: ctx.region, name: fn.FunctionName });
      const policy = await readField({ ctx, resource, field: "policy", absent: ["ResourceNotFoundException"], call: (s) => client.send(new GetPolicyCommand({ FunctionName: fn.FunctionName }), { abortSignal: s }) });
      resource.policy = parsePolicy({ ctx, resource, text: policy?.Policy });
      const tags = await readField({ ctx, resource, field: "tags", call: (s) => client.send(new ListTagsCommand({ Resource: fn.FunctionArn }), { abortSignal: s }) });
      resource.tags = tags?.Tags ?? {};
      return resource;
    });
    return out.filter((r): r is TResource => r !== null);
  },
};
