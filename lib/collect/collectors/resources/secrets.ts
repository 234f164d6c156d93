import { SecretsManagerClient, paginateListSecrets, GetResourcePolicyCommand } from "@aws-sdk/client-secrets-manager";
import type { TResource } from "../../../resources/resource-model";
import { mapLimited, newResource, parsePolicy, readField, tagMap } from "./read-field";
import type { TResourceCollector } from "./types";

/**
 * Secrets Manager secrets: metadata from the listing (what DescribeSecret returns) and the
 * resource policy. Never GetSecretValue: the audit role cannot read a secret.
 */
export const secretsCollector: TResourceCollector = {
  name: "secrets",
  types: ["secretsmanager-secret"],
  async collect(ctx) {
    const client = ctx.client("secretsmanager", (config) => new SecretsManagerClient(config));
    const items = [];
    for await (const page of paginateListSecrets({ client, pageSize: 100 }, {})) items.push(...(page.SecretList ?? []));
    const out = await mapLimited(ctx, items, async (secret) => {
      if (!secret.ARN) return null;
      const resource = newResource({ arn: secret.ARN, type: "secretsmanager-secret", accountId: ctx.account.accountId, region: ctx.region, name: secret.Name ?? secret.ARN, tags: tagMap(secret.Tags) });
      const policy = await readField({ ctx, resource, field: "policy", call: (s) => client.send(new GetResourcePolicyCommand({ SecretId: secret.ARN }), { abortSignal: s }) });
      resource.policy = parsePolicy({ ctx, resource, text: policy?.ResourcePolicy });
      return resource;
    });
    return out.filter((r): r is TResource => r !== null);
  },
};
