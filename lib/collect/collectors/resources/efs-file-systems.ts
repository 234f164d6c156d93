import { EFSClient, paginateDescribeFileSystems, DescribeFileSystemPolicyCommand } from "@aws-sdk/client-efs";
import type { TResource } from "../../../resources/resource-model";
import { newResource, parsePolicy, readField, tagMap } from "./read-field";
import type { TResourceCollector } from "./types";

/** EFS file systems (tags come with the listing) and their file system policies. */
export const efsFileSystemsCollector: TResourceCollector = {
  name: "efs-file-systems",
  types: ["efs-file-system"],
  async collect(ctx) {
    const client = ctx.client("efs", (config) => new EFSClient(config));
    const out: TResource[] = [];
    for await (const page of paginateDescribeFileSystems({ client, pageSize: 100 }, {})) {
      for (const fs of page.FileSystems ?? []) {
        if (!fs.FileSystemId || !fs.FileSystemArn) continue;
        const resource = newResource({ arn: fs.FileSystemArn, type: "efs-file-system", accountId: ctx.account.accountId, region: ctx.region, name: fs.Name ?? fs.FileSystemId, tags: tagMap(fs.Tags) });
        const policy = await readField({ ctx, resource, field: "policy", absent: ["PolicyNotFound"], call: (s) => client.send(new DescribeFileSystemPolicyCommand({ FileSystemId: fs.FileSystemId }), { abortSignal: s }) });
        resource.policy = parsePolicy({ ctx, resource, text: policy?.Policy });
        out.push(resource);
      }
    }
    return out;
  },
};
