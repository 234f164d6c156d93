// Amazon RDS (awsQuery): DB and cluster snapshots and their "restore" sharing attribute.
import type { DbSnapshot } from "../resource-model";
import { paginate, SimError } from "../protocol/common";
import { XmlList } from "../protocol/query";
import type { QueryCtx, QueryHandler } from "./types";

type TKind = "db" | "cluster";

function inRegion(ctx: QueryCtx, kind: TKind): DbSnapshot[] {
  const r = ctx.state.resources(ctx.caller.accountId);
  return (kind === "db" ? r.dbSnapshots : r.clusterSnapshots).filter((s) => s.region === ctx.region);
}

function page(ctx: QueryCtx, kind: TKind, list: DbSnapshot[]) {
  const max = ctx.params.int("MaxRecords") ?? 100;
  if (!Number.isInteger(max) || max < 20 || max > 100) throw new SimError("InvalidParameterValue", "Invalid value for parameter MaxRecords: must be between 20 and 100.");
  return paginate(list, ctx.params.str("Marker"), max, `${kind}:${ctx.caller.accountId}:${ctx.region}`, () => new SimError("InvalidParameterValue", "Invalid marker."));
}

function find(ctx: QueryCtx, kind: TKind): DbSnapshot {
  const param = kind === "db" ? "DBSnapshotIdentifier" : "DBClusterSnapshotIdentifier";
  const id = ctx.params.str(param);
  const snap = inRegion(ctx, kind).find((s) => s.name === id || s.arn === id);
  if (!snap) throw kind === "db" ? new SimError("DBSnapshotNotFound", `DBSnapshot ${id} not found.`, 404) : new SimError("DBClusterSnapshotNotFoundFault", `DBClusterSnapshot ${id} not found.`, 404);
  return snap;
}

const restore = (s: DbSnapshot) => new XmlList("AttributeValue", [...(s.sharing.public ? ["all"] : []), ...s.sharing.userIds]);
const tags = (s: DbSnapshot) => new XmlList("Tag", s.tags.map((t) => ({ Key: t.Key, Value: t.Value })));

export const RDS_HANDLERS: Record<string, QueryHandler> = {
  DescribeDBSnapshots: (ctx) => {
    const { page: items, next } = page(ctx, "db", inRegion(ctx, "db"));
    return {
      DBSnapshots: new XmlList("DBSnapshot", items.map((s) => ({
        DBSnapshotIdentifier: s.name, DBInstanceIdentifier: s.sourceId, DBSnapshotArn: s.arn, SnapshotCreateTime: s.createDate,
        Engine: s.engine, SnapshotType: "manual", Status: "available", AllocatedStorage: 20, Encrypted: false, TagList: tags(s),
      }))),
      Marker: next,
    };
  },
  DescribeDBSnapshotAttributes: (ctx) => {
    const s = find(ctx, "db");
    return { DBSnapshotAttributesResult: { DBSnapshotIdentifier: s.name, DBSnapshotAttributes: new XmlList("DBSnapshotAttribute", [{ AttributeName: "restore", AttributeValues: restore(s) }]) } };
  },
  DescribeDBClusterSnapshots: (ctx) => {
    const { page: items, next } = page(ctx, "cluster", inRegion(ctx, "cluster"));
    return {
      DBClusterSnapshots: new XmlList("DBClusterSnapshot", items.map((s) => ({
        DBClusterSnapshotIdentifier: s.name, DBClusterIdentifier: s.sourceId, DBClusterSnapshotArn: s.arn, SnapshotCreateTime: s.createDate,
        Engine: s.engine, SnapshotType: "manual", Status: "available", StorageEncrypted: false, TagList: tags(s),
      }))),
      Marker: next,
    };
  },
  DescribeDBClusterSnapshotAttributes: (ctx) => {
    const s = find(ctx, "cluster");
    return { DBClusterSnapshotAttributesResult: { DBClusterSnapshotIdentifier: s.name, DBClusterSnapshotAttributes: new XmlList("DBClusterSnapshotAttribute", [{ AttributeName: "restore", AttributeValues: restore(s) }]) } };
  },
};
