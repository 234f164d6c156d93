import { EC2Client, paginateDescribeSnapshots, DescribeSnapshotAttributeCommand } from "@aws-sdk/client-ec2";
import type { TResource } from "../../../resources/resource-model";
import { mapLimited, newResource, partitionOf, readField, tagMap } from "./read-field";
import type { TResourceCollector } from "./types";

/** The account's own EBS snapshots and who may create volumes from them (group "all" = public). */
export const ebsSnapshotsCollector: TResourceCollector = {
  name: "ebs-snapshots",
  types: ["ebs-snapshot"],
  async collect(ctx) {
    const client = ctx.client("ec2", (config) => new EC2Client(config));
    const items = [];
    for await (const page of paginateDescribeSnapshots({ client, pageSize: 1000 }, { OwnerIds: ["self"] })) items.push(...(page.Snapshots ?? []));
    const out = await mapLimited(ctx, items, async (snap) => {
      if (!snap.SnapshotId) return null;
      const tags = tagMap(snap.Tags);
      const resource = newResource({ arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}::snapshot/${snap.SnapshotId}`, type: "ebs-snapshot", accountId: ctx.account.accountId, region: ctx.region, name: tags.Name || snap.SnapshotId, tags });
      const attribute = await readField({ ctx, resource, field: "sharedWith", call: (s) => client.send(new DescribeSnapshotAttributeCommand({ SnapshotId: snap.SnapshotId, Attribute: "createVolumePermission" }), { abortSignal: s }) });
      if (attribute) {
        const permissions = attribute.CreateVolumePermissions ?? [];
        resource.sharedWith = { public: permissions.some((p) => p.Group === "all"), accountIds: permissions.flatMap((p) => (p.UserId ? [p.UserId] : [])).sort() };
      }
      return resource;
    });
    return out.filter((r): r is TResource => r !== null);
  },
};
