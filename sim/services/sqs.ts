// Amazon SQS (awsJson1_0, query-compatible errors): ListQueues, GetQueueAttributes, ListQueueTags.
import type { Queue } from "../resource-model";
import { epochSeconds, paginate, SimError } from "../protocol/common";
import { num, str, type JsonCtx, type JsonHandler } from "./types";

function queuesInRegion(ctx: JsonCtx): Queue[] {
  return ctx.state.resources(ctx.caller.accountId).queues.filter((q) => q.region === ctx.region);
}

function findQueue(ctx: JsonCtx): Queue {
  const url = str(ctx.input, "QueueUrl");
  if (!url) throw new SimError("MissingParameter", "The request must contain the parameter QueueUrl.");
  // Clients may address a queue by its real URL or through a custom endpoint: match on account/name.
  const tail = /\/(\d{12})\/([^/?]+)$/.exec(url);
  const queue = tail && tail[1] === ctx.caller.accountId ? queuesInRegion(ctx).find((q) => q.name === tail[2]) : undefined;
  if (!queue) throw new SimError("QueueDoesNotExist", "The specified queue does not exist.");
  return queue;
}

const ATTRIBUTES = ["Policy", "QueueArn", "CreatedTimestamp", "LastModifiedTimestamp", "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "SqsManagedSseEnabled"];

export const SQS_HANDLERS: Record<string, JsonHandler> = {
  ListQueues: (ctx) => {
    const max = num(ctx.input, "MaxResults") ?? 1000;
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new SimError("InvalidParameterValue", "Value for parameter MaxResults is invalid. Reason: must be between 1 and 1000.");
    const prefix = str(ctx.input, "QueueNamePrefix") ?? "";
    const list = queuesInRegion(ctx).filter((q) => q.name.startsWith(prefix));
    const { page, next } = paginate(list, str(ctx.input, "NextToken"), max, `ListQueues:${ctx.caller.accountId}:${ctx.region}:${prefix}`, () => new SimError("InvalidParameterValue", "Invalid NextToken value."));
    // Like other emulators, queue URLs point at the endpoint that was called: the SDK sends
    // each queue's requests to its URL, and real AWS URLs would leave the simulator.
    const url = (q: Queue) => (ctx.host ? `http://${ctx.host}/${ctx.caller.accountId}/${q.name}` : q.url);
    return { QueueUrls: page.map(url), NextToken: next };
  },
  GetQueueAttributes: (ctx) => {
    const q = findQueue(ctx);
    const wanted = Array.isArray(ctx.input.AttributeNames) ? (ctx.input.AttributeNames as string[]) : [];
    const all = wanted.includes("All");
    const values: Record<string, string | undefined> = {
      Policy: q.policy, QueueArn: q.arn, CreatedTimestamp: String(epochSeconds(q.createDate)), LastModifiedTimestamp: String(epochSeconds(q.createDate)),
      VisibilityTimeout: "30", MaximumMessageSize: "262144", MessageRetentionPeriod: "345600", DelaySeconds: "0", ReceiveMessageWaitTimeSeconds: "0", SqsManagedSseEnabled: "true",
    };
    const Attributes: Record<string, string> = {};
    for (const name of ATTRIBUTES) if ((all || wanted.includes(name)) && values[name] !== undefined) Attributes[name] = values[name]!;
    return { Attributes };
  },
  ListQueueTags: (ctx) => {
    const q = findQueue(ctx);
    return { Tags: Object.fromEntries(q.tags.map((t) => [t.Key, t.Value])) };
  },
};
