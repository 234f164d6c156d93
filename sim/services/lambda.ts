// AWS Lambda (restJson1): functions and layers with their resource-based policies.
// GetFunction is not implemented on purpose: it returns a presigned URL to the code.
import type { LambdaFunction, LambdaLayer } from "../resource-model";
import { paginate, SimError } from "../protocol/common";
import { jsonReply, type RestRoute } from "../protocol/rest";
import type { RestCtx } from "./types";

const notFound = () => new SimError("ResourceNotFoundException", "The resource you requested does not exist.", 404);
const lambdaDate = (iso: string) => iso.replace("Z", ".000+0000");

function functions(ctx: RestCtx): LambdaFunction[] {
  return ctx.state.resources(ctx.caller.accountId).functions.filter((f) => f.region === ctx.region);
}
function layers(ctx: RestCtx): LambdaLayer[] {
  return ctx.state.resources(ctx.caller.accountId).layers.filter((l) => l.region === ctx.region);
}

/** A function is named by its name, its ARN or a partial ARN (account:function:name). */
function findFunction(ctx: RestCtx, ref: string): LambdaFunction {
  const name = ref.startsWith("arn:") ? ref.split(":")[6] : ref.includes(":function:") ? ref.split(":")[2] : ref;
  const fn = functions(ctx).find((f) => f.name === name && (!ref.startsWith("arn:") || ref.startsWith(f.arn)));
  if (!fn) throw notFound();
  return fn;
}

function findLayer(ctx: RestCtx, ref: string): LambdaLayer {
  const layer = layers(ctx).find((l) => l.name === ref || l.arn === ref);
  if (!layer) throw notFound();
  return layer;
}

function page<T>(ctx: RestCtx, items: T[], scope: string) {
  const raw = ctx.req.query.get("MaxItems");
  const max = raw === null ? 50 : Number(raw);
  if (!Number.isInteger(max) || max < 1 || max > 10_000) throw new SimError("InvalidParameterValueException", "MaxItems must be between 1 and 10000.");
  // Lambda returns at most 50 items per page whatever MaxItems says.
  return paginate(items, ctx.req.query.get("Marker") ?? undefined, Math.min(max, 50), scope, () => new SimError("InvalidParameterValueException", "Invalid Marker."));
}

const versionJson = (v: LambdaLayer["versions"][number]) => ({ LayerVersionArn: v.arn, Version: v.version, CreatedDate: lambdaDate(v.createDate), CompatibleRuntimes: ["nodejs22.x", "python3.13"] });

export const LAMBDA_ROUTES: RestRoute<RestCtx>[] = [
  {
    method: "GET", pattern: /^\/2015-03-31\/functions\/?$/, action: "ListFunctions",
    handle: (ctx) => {
      const { page: items, next } = page(ctx, functions(ctx), `ListFunctions:${ctx.caller.accountId}:${ctx.region}`);
      return jsonReply({
        Functions: items.map((f) => ({ FunctionName: f.name, FunctionArn: f.arn, Runtime: f.runtime, Role: `arn:aws:iam::${ctx.caller.accountId}:role/${f.name}-role`, Handler: "index.handler", CodeSize: 1024, LastModified: lambdaDate(f.createDate), PackageType: "Zip", Architectures: ["x86_64"] })),
        NextMarker: next ?? null,
      });
    },
  },
  {
    method: "GET", pattern: /^\/2015-03-31\/functions\/([^/]+)\/policy\/?$/, action: "GetPolicy",
    handle: (ctx, [ref]) => {
      const fn = findFunction(ctx, ref);
      if (!fn.policy) throw notFound();
      return jsonReply({ Policy: fn.policy, RevisionId: `rev-${fn.name}` });
    },
  },
  {
    method: "GET", pattern: /^\/2017-03-31\/tags\/(.+)$/, action: "ListTags",
    handle: (ctx, [arn]) => jsonReply({ Tags: Object.fromEntries(findFunction(ctx, arn).tags.map((t) => [t.Key, t.Value])) }),
  },
  {
    method: "GET", pattern: /^\/2018-10-31\/layers\/?$/, action: "ListLayers",
    handle: (ctx) => {
      const { page: items, next } = page(ctx, layers(ctx), `ListLayers:${ctx.caller.accountId}:${ctx.region}`);
      return jsonReply({ Layers: items.map((l) => ({ LayerName: l.name, LayerArn: l.arn, LatestMatchingVersion: versionJson(l.versions.at(-1)!) })), NextMarker: next ?? null });
    },
  },
  {
    method: "GET", pattern: /^\/2018-10-31\/layers\/([^/]+)\/versions\/?$/, action: "ListLayerVersions",
    handle: (ctx, [ref]) => {
      const layer = findLayer(ctx, ref);
      const newestFirst = [...layer.versions].reverse();
      const { page: items, next } = page(ctx, newestFirst, `ListLayerVersions:${layer.arn}`);
      return jsonReply({ LayerVersions: items.map(versionJson), NextMarker: next ?? null });
    },
  },
  {
    method: "GET", pattern: /^\/2018-10-31\/layers\/([^/]+)\/versions\/(\d+)\/policy\/?$/, action: "GetLayerVersionPolicy",
    handle: (ctx, [ref, version]) => {
      const v = findLayer(ctx, ref).versions.find((x) => x.version === Number(version));
      if (!v || !v.policy) throw notFound();
      return jsonReply({ Policy: v.policy, RevisionId: `rev-${v.version}` });
    },
  },
];
