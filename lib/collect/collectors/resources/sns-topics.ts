import { SNSClient, paginateListTopics, GetTopicAttributesCommand, ListTagsForResourceCommand } from "@aws-sdk/client-sns";
import type { TResource } from "../../../resources/resource-model";
import { mapLimited, newResource, parsePolicy, readField, tagMap } from "./read-field";
import type { TResourceCollector } from "./types";

/** SNS topics: the topic's access policy (every topic has one) and tags. */
export const snsTopicsCollector: TResourceCollector = {
  name: "sns-topics",
  types: ["sns-topic"],
  async collect(ctx) {
    const client = ctx.client("sns", (config) => new SNSClient(config));
    const arns: string[] = [];
    for await (const page of paginateListTopics({ client }, {})) for (const t of page.Topics ?? []) if (t.TopicArn) arns.push(t.TopicArn);
    return mapLimited(ctx, arns, async (TopicArn): Promise<TResource> => {
      const resource = newResource({ arn: TopicArn, type: "sns-topic", accountId: ctx.account.accountId, region: ctx.region, name: TopicArn.split(":").pop() ?? TopicArn });
      const attributes = await readField({ ctx, resource, field: "policy", call: (s) => client.send(new GetTopicAttributesCommand({ TopicArn }), { abortSignal: s }) });
      resource.policy = parsePolicy({ ctx, resource, text: attributes?.Attributes?.Policy });
      const tags = await readField({ ctx, resource, field: "tags", call: (s) => client.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }), { abortSignal: s }) });
      resource.tags = tagMap(tags?.Tags);
      return resource;
    });
  },
};
