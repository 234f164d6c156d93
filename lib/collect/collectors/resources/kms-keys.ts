import { KMSClient, paginateListKeys, paginateListAliases, paginateListGrants, DescribeKeyCommand, GetKeyPolicyCommand, ListResourceTagsCommand } from "@aws-sdk/client-kms";
import type { TKmsGrant, TResource } from "../../../resources/resource-model";
import { mapLimited, newResource, parsePolicy, readField } from "./read-field";
import type { TResourceCollector } from "./types";

/** KMS keys: key policy, grants (ListGrants), key manager (AWS or customer), state, aliases as names. */
export const kmsKeysCollector: TResourceCollector = {
  name: "kms-keys",
  types: ["kms-key"],
  async collect(ctx) {
    const client = ctx.client("kms", (config) => new KMSClient(config));
    const keys: Array<{ id: string; arn: string }> = [];
    for await (const page of paginateListKeys({ client, pageSize: 1000 }, {})) {
      for (const k of page.Keys ?? []) if (k.KeyId && k.KeyArn) keys.push({ id: k.KeyId, arn: k.KeyArn });
    }
    const aliases = new Map<string, string>();
    if (keys.length) {
      for await (const page of paginateListAliases({ client, pageSize: 100 }, {})) {
        for (const a of page.Aliases ?? []) if (a.TargetKeyId && a.AliasName && !aliases.has(a.TargetKeyId)) aliases.set(a.TargetKeyId, a.AliasName);
      }
    }
    return mapLimited(ctx, keys, async (key): Promise<TResource> => {
      const resource = newResource({ arn: key.arn, type: "kms-key", accountId: ctx.account.accountId, region: ctx.region, name: aliases.get(key.id) ?? key.id });
      const described = await readField({ ctx, resource, field: "kms", call: (s) => client.send(new DescribeKeyCommand({ KeyId: key.id }), { abortSignal: s }) });
      const policy = await readField({ ctx, resource, field: "policy", call: (s) => client.send(new GetKeyPolicyCommand({ KeyId: key.id, PolicyName: "default" }), { abortSignal: s }) });
      resource.policy = parsePolicy({ ctx, resource, text: policy?.Policy });
      const grants = await readField({
        ctx, resource, field: "grants",
        call: async () => {
          const list: TKmsGrant[] = [];
          for await (const page of paginateListGrants({ client, pageSize: 100 }, { KeyId: key.id })) {
            for (const g of page.Grants ?? []) {
              list.push({
                grantId: g.GrantId ?? "", granteePrincipal: g.GranteePrincipal ?? "", retiringPrincipal: g.RetiringPrincipal ?? null,
                operations: [...(g.Operations ?? [])].sort(), constraints: (g.Constraints as Record<string, unknown> | undefined) ?? null,
              });
            }
          }
          return list.sort((a, b) => a.grantId.localeCompare(b.grantId));
        },
      });
      const keyManager = described?.KeyMetadata?.KeyManager === "AWS" ? "AWS" : "CUSTOMER";
      // AWS managed keys carry no tags of their own.
      const tags = keyManager === "CUSTOMER" ? await readField({ ctx, resource, field: "tags", call: (s) => client.send(new ListResourceTagsCommand({ KeyId: key.id }), { abortSignal: s }) }) : null;
      resource.tags = Object.fromEntries((tags?.Tags ?? []).map((t) => [t.TagKey ?? "", t.TagValue ?? ""]));
      resource.kms = { keyManager, keyState: described?.KeyMetadata?.KeyState ?? "Unknown", grants: grants ?? [] };
      return resource;
    });
  },
};
