// Amazon EFS (restJson1): DescribeFileSystems and DescribeFileSystemPolicy.
import type { FileSystem } from "../resource-model";
import { epochSeconds, paginate, SimError } from "../protocol/common";
import { jsonReply, type RestRoute } from "../protocol/rest";
import type { RestCtx } from "./types";

function fileSystems(ctx: RestCtx): FileSystem[] {
  return ctx.state.resources(ctx.caller.accountId).fileSystems.filter((f) => f.region === ctx.region);
}

function findFileSystem(ctx: RestCtx, id: string): FileSystem {
  const fs = fileSystems(ctx).find((f) => f.id === id || f.arn === id);
  if (!fs) throw new SimError("FileSystemNotFound", `File system '${id}' does not exist.`, 404);
  return fs;
}

export const EFS_ROUTES: RestRoute<RestCtx>[] = [
  {
    method: "GET", pattern: /^\/2015-02-01\/file-systems\/?$/, action: "DescribeFileSystems",
    handle: (ctx) => {
      const q = ctx.req.query;
      const id = q.get("FileSystemId");
      const list = id ? [findFileSystem(ctx, id)] : fileSystems(ctx);
      const max = q.has("MaxItems") ? Number(q.get("MaxItems")) : 100;
      if (!Number.isInteger(max) || max < 1) throw new SimError("BadRequest", "MaxItems must be a positive integer.");
      const { page, next } = paginate(list, q.get("Marker") ?? undefined, max, `DescribeFileSystems:${ctx.caller.accountId}:${ctx.region}`, () => new SimError("BadRequest", "Invalid Marker."));
      return jsonReply({
        Marker: q.get("Marker") ?? undefined,
        FileSystems: page.map((f) => ({
          OwnerId: ctx.caller.accountId, CreationToken: f.name, FileSystemId: f.id, FileSystemArn: f.arn, CreationTime: epochSeconds(f.createDate),
          LifeCycleState: "available", Name: f.name, NumberOfMountTargets: 1, SizeInBytes: { Value: 6144 }, PerformanceMode: "generalPurpose",
          Encrypted: true, ThroughputMode: "bursting", Tags: [{ Key: "Name", Value: f.name }, ...f.tags.filter((t) => t.Key !== "Name")],
        })),
        NextMarker: next,
      });
    },
  },
  {
    method: "GET", pattern: /^\/2015-02-01\/file-systems\/([^/]+)\/policy\/?$/, action: "DescribeFileSystemPolicy",
    handle: (ctx, [id]) => {
      const fs = findFileSystem(ctx, id);
      if (!fs.policy) throw new SimError("PolicyNotFound", "None", 404);
      return jsonReply({ FileSystemId: fs.id, Policy: fs.policy });
    },
  },
];
