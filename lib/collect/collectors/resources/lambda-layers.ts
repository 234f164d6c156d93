import { LambdaClient, paginateListLayers, paginateListLayerVersions, GetLayerVersionPolicyCommand } from "@aws-sdk/client-lambda";
import type { TResource } from "../../../resources/resource-model";
import { newResource, parsePolicy, readField } from "./read-field";
import type { TResourceCollector } from "./types";

/** Lambda layer versions (permissions are per version): GetLayerVersionPolicy for each. */
export const lambdaLayersCollector: TResourceCollector = {
  name: "lambda-layers",
  types: ["lambda-layer"],
  async collect(ctx) {
    const client = ctx.client("lambda", (config) => new LambdaClient(config));
    const layers: string[] = [];
    for await (const page of paginateListLayers({ client, pageSize: 50 }, {})) for (const l of page.Layers ?? []) if (l.LayerName) layers.push(l.LayerName);
    const out: TResource[] = [];
    for (const LayerName of layers) {
      for await (const page of paginateListLayerVersions({ client, pageSize: 50 }, { LayerName })) {
        for (const v of page.LayerVersions ?? []) {
          if (!v.LayerVersionArn || v.Version === undefined) continue;
          const resource = newResource({ arn: v.LayerVersionArn, type: "lambda-layer", accountId: ctx.account.accountId, region: ctx.region, name: `${LayerName}:${v.Version}` });
          const policy = await readField({ ctx, resource, field: "policy", absent: ["ResourceNotFoundException"], call: (s) => client.send(new GetLayerVersionPolicyCommand({ LayerName, VersionNumber: v.Version }), { abortSignal: s }) });
          resource.policy = parsePolicy({ ctx, resource, text: policy?.Policy });
          out.push(resource);
        }
      }
    }
    return out;
  },
};
