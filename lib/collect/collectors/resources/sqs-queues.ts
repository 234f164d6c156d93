import { SQSClient, paginateListQueues, GetQueueAttributesCommand, ListQueueTagsCommand } from "@aws-sdk/client-sqs";
import type { TResource } from "../../../resources/resource-model";
import { mapLimited, newResource, parsePolicy, partitionOf, readField } from "./read-field";
import type { TResourceCollector } from "./types";

/** SQS queues: the queue policy (the Policy attribute) and tags; never a message. */
export const sqsQueuesCollector: TResourceCollector = {
  name: "sqs-queues",
  types: ["sqs-queue"],
  async collect(ctx) {
    const client = ctx.client("sqs", (config) => new SQSClient(config));
    const urls: string[] = [];
    for await (const page of paginateListQueues({ client, pageSize: 1000 }, {})) urls.push(...(page.QueueUrls ?? []));
    return mapLimited(ctx, urls, async (QueueUrl): Promise<TResource> => {
      const name = QueueUrl.split("/").pop() ?? QueueUrl;
      const resource = newResource({ arn: `arn:${partitionOf(ctx.region)}:sqs:${ctx.region}:${ctx.account.accountId}:${name}`, type: "sqs-queue", accountId: ctx.account.accountId, region: ctx.region, name });
      const attributes = await readField({ ctx, resource, field: "policy", call: (s) => client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["Policy", "QueueArn"] }), { abortSignal: s }) });
      if (attributes?.Attributes?.QueueArn) resource.arn = attributes.Attributes.QueueArn;
      resource.policy = parsePolicy({ ctx, resource, text: attributes?.Attributes?.Policy });
      const tags = await readField({ ctx, resource, field: "tags", call: (s) => client.send(new ListQueueTagsCommand({ QueueUrl }), { abortSignal: s }) });
      resource.tags = tags?.Tags ?? {};
      return resource;
    });
  },
};
