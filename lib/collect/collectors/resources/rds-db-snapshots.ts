import { RDSClient, paginateDescribeDBSnapshots, DescribeDBSnapshotAttributesCommand } from "@aws-sdk/client-rds";
import type { TResource } from "../../../resources/resource-model";
import { mapLimited, newResource, readField, tagMap } from "./read-field";
import { restoreSharing } from "./rds-snapshot-sharing";
import type { TResourceCollector } from "./types";

/** Manual RDS DB snapshots (only those can be shared) and their "restore" attribute. */
export const rdsDbSnapshotsCollector: TResourceCollector = {
  name: "rds-db-snapshots",
  types: ["rds-db-snapshot"],
  async collect(ctx) {
    const client = ctx.client("rds", (config) => new RDSClient(config));
    const items = [];
    for await (const page of paginateDescribeDBSnapshots({ client, pageSize: 100 }, { SnapshotType: "manual" })) items.push(...(page.DBSnapshots ?? []));
    const out = await mapLimited(ctx, items, async (snap) => {
      if (!snap.DBSnapshotArn || !snap.DBSnapshotIdentifier) return null;
      const resource = newResource({ arn: snap.DBSnapshotArn, type: "rds-db-snapshot", accountId: ctx.account.accountId, region: ctx.region, name: snap.DBSnapshotIdentifier, tags: tagMap(snap.TagList) });
      const attributes = await readField({ ctx, resource, field: "sharedWith", call: (s) => client.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: snap.DBSnapshotIdentifier }), { abortSignal: s }) });
      if (attributes) resource.sharedWith = restoreSharing(attributes.DBSnapshotAttributesResult?.DBSnapshotAttributes);
      return resource;
    });
    return out.filter((r): r is TResource => r !== null);
  },
};
