import { ECRClient, paginateDescribeRepositories, GetRepositoryPolicyCommand, ListTagsForResourceCommand } from "@aws-sdk/client-ecr";
import type { TResource } from "../../../resources/resource-model";
import { mapLimited, newResource, parsePolicy, readField, tagMap } from "./read-field";
import type { TResourceCollector } from "./types";

/** ECR repositories: the repository policy and tags; never an image or a layer. */
export const ecrRepositoriesCollector: TResourceCollector = {
  name: "ecr-repositories",
  types: ["ecr-repository"],
  async collect(ctx) {
    const client = ctx.client("ecr", (config) => new ECRClient(config));
    const items = [];
    for await (const page of paginateDescribeRepositories({ client, pageSize: 1000 }, {})) items.push(...(page.repositories ?? []));
    const out = await mapLimited(ctx, items, async (repo) => {
      if (!repo.repositoryArn || !repo.repositoryName) return null;
      const resource = newResource({ arn: repo.repositoryArn, type: "ecr-repository", accountId: ctx.account.accountId, region: ctx.region, name: repo.repositoryName });
      const policy = await readField({ ctx, resource, field: "policy", absent: ["RepositoryPolicyNotFoundException"], call: (s) => client.send(new GetRepositoryPolicyCommand({ repositoryName: repo.repositoryName }), { abortSignal: s }) });
      resource.policy = parsePolicy({ ctx, resource, text: policy?.policyText });
      const tags = await readField({ ctx, resource, field: "tags", call: (s) => client.send(new ListTagsForResourceCommand({ resourceArn: repo.repositoryArn }), { abortSignal: s }) });
      resource.tags = tagMap(tags?.tags);
      return resource;
    });
    return out.filter((r): r is TResource => r !== null);
  },
};
