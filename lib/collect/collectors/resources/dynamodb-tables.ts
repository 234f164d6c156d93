import { DynamoDBClient, paginateListTables, DescribeTableCommand, GetResourcePolicyCommand, ListTagsOfResourceCommand } from "@aws-sdk/client-dynamodb";
import type { TResource } from "../../../resources/resource-model";
import { mapLimited, newResource, parsePolicy, partitionOf, readField, tagMap } from "./read-field";
import type { TResourceCollector } from "./types";

/**
 * DynamoDB tables and their streams (found through DescribeTable), each with its resource
 * policy (GetResourcePolicy) and its own tags (ListTagsOfResource); never an item.
 */
export const dynamodbTablesCollector: TResourceCollector = {
  name: "dynamodb-tables",
  types: ["dynamodb-table", "dynamodb-stream"],
  async collect(ctx) {
    const client = ctx.client("dynamodb", (config) => new DynamoDBClient(config));
    const names: string[] = [];
    for await (const page of paginateListTables({ client, pageSize: 100 }, {})) names.push(...(page.TableNames ?? []));
        const policyOf = async (resource: TResource) => {
      const policy = await readField({ ctx, resource, field: "policy", absent: ["PolicyNotFoundException"], call: (s) => client.send(new GetResourcePolicyCommand({ ResourceArn: resource.arn }), { abortSignal: s }) });
      resource.policy = parsePolicy({ ctx, resource, text: policy?.Policy });
    };
const perTable = await mapLimited(ctx, names, async (TableName): Promise<TResource[]> => {
      const fallbackArn = `arn:${partitionOf(ctx.region)}:dynamodb:${ctx.region}:${ctx.account.accountId}:table/${TableName}`;
      const table = newResource({ arn: fallbackArn, type: "dynamodb-table", accountId: ctx.account.accountId, region: ctx.region, name: TableName });
      const described = await readField({ ctx, resource: table, field: "stream", call: (s) => client.send(new DescribeTableCommand({ TableName }), { abortSignal: s }) });
      table.arn = described?.Table?.TableArn ?? fallbackArn;
      await policyOf(table);
      const tags = await readField({ ctx, resource: table, field: "tags", call: (s) => client.send(new ListTagsOfResourceCommand({ ResourceArn: table.arn }), { abortSignal: s }) });
      table.tags = tagMap(tags?.Tags);
      const out = [table];
      const streamArn = described?.Table?.LatestStreamArn;
      if (streamArn) {
        const stream = newResource({ arn: streamArn, type: "dynamodb-stream", accountId: ctx.account.accountId, region: ctx.region, name: `${TableName}/stream/${described?.Table?.LatestStreamLabel ?? ""}` });
        await policyOf(stream);
        // Streams carry tags of their own, listed by the stream ARN (Streams ABAC):
        // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/streams-abac-example-1.html
        const streamTags = await readField({ ctx, resource: stream, field: "tags", call: (s) => client.send(new ListTagsOfResourceCommand({ ResourceArn: streamArn }), { abortSignal: s }) });
        stream.tags = tagMap(streamTags?.Tags);
        out.push(stream);
      }
      return out;
    });
    return perTable.flat();
  },
};
