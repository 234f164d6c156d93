import { RDSClient, paginateDescribeDBClusterSnapshots, DescribeDBClusterSnapshotAttributesCommand } from "@aws-sdk/client-rds";
import type { TResource } from "../../../resources/resource-model";
import { mapLimited, newResource, readField, tagMap } from "./read-field";
import { restoreSharing } from "./rds-snapshot-sharing";
import type { TResourceCollector } from "./types";

/** Manual Aurora / Multi-AZ cluster snapshots and their "restore" attribute. */
export const rdsClusterSnapshotsCollector: TResourceCollector = {
  name: "rds-cluster-snapshots",
  types: ["rds-cluster-snapshot"],
  async collect(ctx) {
    const client = ctx.client("rds", (config) => new RDSClient(config));
    const items = [];
    for await (const page of paginateDescribeDBClusterSnapshots({ client, pageSize: 100 }, { SnapshotType: "manual" })) items.push(...(page.DBClusterSnapshots ?? []));
    const out = await mapLimited(ctx, items, async (snap) => {
      if (!snap.DBClusterSnapshotArn || !snap.DBClusterSnapshotIdentifier) return null;
      const resource = newResource({ arn: snap.DBClusterSnapshotArn, type: "rds-cluster-snapshot", accountId: ctx.account.accountId, region: ctx.region, name: snap.DBClusterSnapshotIdentifier, tags: tagMap(snap.TagList) });
      const attributes = await readField({ ctx, resource, field: "sharedWith", call: (s) => client.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: snap.DBClusterSnapshotIdentifier }), { abortSignal: s }) });
      if (attributes) resource.sharedWith = restoreSharing(attributes.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes);
      return resource;
    });
    return out.filter((r): r is TResource => r !== null);
  },
};
