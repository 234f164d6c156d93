// Amazon EC2 (ec2 query protocol): DescribeRegions and EBS snapshots with their
// createVolumePermission attribute.
import { paginate, SimError } from "../protocol/common";
import type { QueryCtx } from "./types";

export type Ec2Handler = (ctx: QueryCtx) => Record<string, unknown>;

const OPT_IN: Record<string, string> = { ENABLED_BY_DEFAULT: "opt-in-not-required", ENABLED: "opted-in", ENABLING: "opted-in", DISABLED: "not-opted-in", DISABLING: "not-opted-in" };

function snapshotsInRegion(ctx: QueryCtx) {
  return ctx.state.resources(ctx.caller.accountId).ebsSnapshots.filter((s) => s.region === ctx.region);
}

export const EC2_HANDLERS: Record<string, Ec2Handler> = {
  DescribeRegions: (ctx) => {
    const all = ctx.params.str("AllRegions") === "true";
    const regions = ctx.state.resources(ctx.caller.accountId).regions.filter((r) => all || OPT_IN[r.status] !== "not-opted-in");
    return { regionInfo: regions.map((r) => ({ regionName: r.name, regionEndpoint: `ec2.${r.name}.amazonaws.com`, optInStatus: OPT_IN[r.status] })) };
  },
  DescribeSnapshots: (ctx) => {
    const owners = [...ctx.params.flatList("Owner"), ...ctx.params.flatList("OwnerId")];
    const ids = ctx.params.flatList("SnapshotId");
    const mine = owners.length === 0 || owners.includes("self") || owners.includes(ctx.caller.accountId);
    // Snapshots shared with the account by others are not modelled: only its own.
    let list = mine ? snapshotsInRegion(ctx) : [];
    if (ids.length) list = list.filter((s) => ids.includes(s.id));
    const max = ctx.params.int("MaxResults") ?? 1000;
    if (!Number.isInteger(max) || max < 5 || max > 1000) throw new SimError("InvalidParameterValue", `Value (${max}) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`);
    const { page, next } = paginate(list, ctx.params.str("NextToken"), max, `DescribeSnapshots:${ctx.caller.accountId}:${ctx.region}`, () => new SimError("InvalidParameterValue", "The nextToken is not valid."));
    return {
      snapshotSet: page.map((s) => ({
        snapshotId: s.id, volumeId: `vol-${s.id.slice(5)}`, status: "completed", startTime: s.createDate, progress: "100%",
        ownerId: ctx.caller.accountId, volumeSize: s.volumeSize, description: s.name, encrypted: false, storageTier: "standard",
        tagSet: [...(s.tags.some((t) => t.Key === "Name") ? [] : [{ key: "Name", value: s.name }]), ...s.tags.map((t) => ({ key: t.Key, value: t.Value }))],
      })),
      nextToken: next,
    };
  },
  DescribeSnapshotAttribute: (ctx) => {
    const id = ctx.params.str("SnapshotId");
    const snap = snapshotsInRegion(ctx).find((s) => s.id === id);
    if (!snap) throw new SimError("InvalidSnapshot.NotFound", `The snapshot '${id}' does not exist.`);
    const attribute = ctx.params.str("Attribute");
    if (attribute !== "createVolumePermission" && attribute !== "productCodes") throw new SimError("InvalidParameterValue", `Value (${attribute}) for parameter attribute is invalid.`);
    if (attribute === "productCodes") return { snapshotId: snap.id, productCodes: [] };
    return { snapshotId: snap.id, createVolumePermission: [...(snap.sharing.public ? [{ group: "all" }] : []), ...snap.sharing.userIds.map((userId) => ({ userId }))] };
  },
};
