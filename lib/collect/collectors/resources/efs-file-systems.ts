import { EFSClient, paginateDescribeFileSystems, DescribeFileSystemPolicyCommand } from "@aws-sdk/client-efs";
import type { TResource } from "../../../resources/resource-model";
import { mapLimited, newResource, parsePolicy, readField, tagMap } from "./read-field";
import type { TResourceCollector } from "./types";

/** EFS file systems (tags come with the listing) and their file system policies. */
export const efsFileSystemsCollector: TResourceCollector = {
  name: "efs-file-systems",
  types: ["efs-file-system"],
  async collect(ctx) {
    const client = ctx.client("efs", (config) => new EFSClient(config));
    const items = [];
    for await (const page of paginateDescribeFileSystems({ client, pageSize: 100 }, {})) items.push(...(page.FileSystems ?? []));
    const out = await mapLimited(ctx, items, async (fs) => {
      if (!fs.FileSystemId || !fs.FileSystemArn) return null;
      const resource = newResource({ arn: fs.FileSystemArn, type: "efs-file-system", accountId: ctx.account.accountId, region: ctx.region, name: fs.Name ?? fs.FileSystemId, tags: tagMap(fs.Tags) });
      const policy = await readField({ ctx, resource, field: "policy", absent: ["PolicyNotFound"], call: (s) => client.send(new DescribeFileSystemPolicyCommand({ FileSystemId: fs.FileSystemId }), { abortSignal: s }) });
      resource.policy = parsePolicy({ ctx, resource, text: policy?.Policy });
      return resource;
    });
    return out.filter((r): r is TResource => r !== null);
  },
};
