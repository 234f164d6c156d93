// Amazon SNS (awsQuery): ListTopics, GetTopicAttributes, ListTagsForResource.
import type { Topic } from "../resource-model";
import { paginate, SimError } from "../protocol/common";
import { XmlMap } from "../protocol/query";
import type { QueryCtx, QueryHandler } from "./types";

function topicsInRegion(ctx: QueryCtx): Topic[] {
  return ctx.state.resources(ctx.caller.accountId).topics.filter((t) => t.region === ctx.region);
}

function findTopic(ctx: QueryCtx, param: string): Topic {
  const arn = ctx.params.str(param);
  const topic = topicsInRegion(ctx).find((t) => t.arn === arn);
  if (!topic) throw new SimError(param === "TopicArn" ? "NotFound" : "ResourceNotFound", param === "TopicArn" ? "Topic does not exist" : "Resource does not exist", 404);
  return topic;
}

/** The access policy SNS gives a topic created without one: the owner account only. */
export function defaultTopicPolicy(topic: Topic, accountId: string): string {
  return JSON.stringify({
    Version: "2008-10-17", Id: "__default_policy_ID",
    Statement: [{
      Sid: "__default_statement_ID", Effect: "Allow", Principal: { AWS: "*" },
      Action: ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
      Resource: topic.arn, Condition: { StringEquals: { "AWS:SourceOwner": accountId } },
    }],
  });
}

export const SNS_HANDLERS: Record<string, QueryHandler> = {
  ListTopics: (ctx) => {
    const { page, next } = paginate(topicsInRegion(ctx), ctx.params.str("NextToken"), 100, `ListTopics:${ctx.caller.accountId}:${ctx.region}`, () => new SimError("InvalidParameter", "Invalid parameter: NextToken"));
    return { Topics: page.map((t) => ({ TopicArn: t.arn })), NextToken: next };
  },
  GetTopicAttributes: (ctx) => {
    const t = findTopic(ctx, "TopicArn");
    const account = ctx.caller.accountId;
    return {
      Attributes: new XmlMap([
        ["Policy", t.policy ?? defaultTopicPolicy(t, account)], ["Owner", account], ["TopicArn", t.arn], ["DisplayName", ""],
        ["SubscriptionsConfirmed", "0"], ["SubscriptionsPending", "0"], ["SubscriptionsDeleted", "0"],
        ["EffectiveDeliveryPolicy", JSON.stringify({ http: { defaultHealthyRetryPolicy: { numRetries: 3 } } })],
      ]),
    };
  },
  ListTagsForResource: (ctx) => {
    const t = findTopic(ctx, "ResourceArn");
    return { Tags: t.tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })) };
  },
};
