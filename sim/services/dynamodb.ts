// Amazon DynamoDB (awsJson1_0): ListTables, DescribeTable, GetResourcePolicy (tables and
// streams), ListTagsOfResource.
import type { Table } from "../resource-model";
import { epochSeconds, SimError } from "../protocol/common";
import { num, str, type JsonCtx, type JsonHandler } from "./types";

function tablesInRegion(ctx: JsonCtx): Table[] {
  return ctx.state.resources(ctx.caller.accountId).tables.filter((t) => t.region === ctx.region);
}

function findByName(ctx: JsonCtx): Table {
  const name = str(ctx.input, "TableName") ?? "";
  const table = tablesInRegion(ctx).find((t) => t.name === name || t.arn === name);
  if (!table) throw new SimError("ResourceNotFoundException", `Requested resource not found: Table: ${name} not found`);
  return table;
}

function findByArn(ctx: JsonCtx): { table: Table; stream: boolean } {
  const arn = str(ctx.input, "ResourceArn") ?? "";
  for (const table of tablesInRegion(ctx)) {
    if (table.arn === arn) return { table, stream: false };
    if (table.stream?.arn === arn) return { table, stream: true };
  }
  throw new SimError("ResourceNotFoundException", `Requested resource not found: ${arn}`);
}

export const DYNAMODB_HANDLERS: Record<string, JsonHandler> = {
  ListTables: (ctx) => {
    const limit = num(ctx.input, "Limit") ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new SimError("ValidationException", `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100`);
    const names = tablesInRegion(ctx).map((t) => t.name).sort();
    const start = str(ctx.input, "ExclusiveStartTableName");
    const from = start ? names.findIndex((n) => n > start) : 0;
    const page = from < 0 ? [] : names.slice(from, from + limit);
    const more = from >= 0 && from + limit < names.length;
    return { TableNames: page, LastEvaluatedTableName: more ? page.at(-1) : undefined };
  },
  DescribeTable: (ctx) => {
    const t = findByName(ctx);
    return {
      Table: {
        TableName: t.name, TableArn: t.arn, TableStatus: "ACTIVE", CreationDateTime: epochSeconds(t.createDate), ItemCount: 0, TableSizeBytes: 0,
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }], AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingModeSummary: { BillingMode: "PAY_PER_REQUEST" },
        StreamSpecification: t.stream ? { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } : undefined,
        LatestStreamArn: t.stream?.arn, LatestStreamLabel: t.stream?.label,
      },
    };
  },
  GetResourcePolicy: (ctx) => {
    const { table, stream } = findByArn(ctx);
    const policy = stream ? table.stream!.policy : table.policy;
    if (!policy) throw new SimError("PolicyNotFoundException", `Resource-based policy not found for the provided ResourceArn: ${str(ctx.input, "ResourceArn")}`);
    return { Policy: policy, RevisionId: String(epochSeconds(table.createDate)) };
  },
  // A stream ARN lists the stream's own tags (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/streams-abac-example-1.html).
  ListTagsOfResource: (ctx) => {
    const { table, stream } = findByArn(ctx);
    return { Tags: (stream ? table.stream!.tags : table.tags).map((t) => ({ Key: t.Key, Value: t.Value })) };
  },
};
