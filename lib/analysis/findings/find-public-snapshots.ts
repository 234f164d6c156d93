import type { TResourceAnalysis } from "../resources/resource-results";
import type { TFinding } from "../results";
import { makeFinding, type TFindingRule } from "./make-finding";
import { describeGrants, describeResource, grantsReaching, publicControl, SNAPSHOT_TYPES } from "./resource-finding-evidence";

export const SNAPSHOT_PUBLIC: TFindingRule = {
  id: "snapshot-public",
  category: "resource",
  title: "Snapshot is public",
  description: "An EBS snapshot's createVolumePermission or an RDS DB or cluster snapshot's restore attribute includes \"all\": any AWS account can copy the data.",
  severity: "critical",
  cisControl: null,
  remediation: "Remove \"all\" from the snapshot's sharing (ec2 modify-snapshot-attribute / rds modify-db-snapshot-attribute); share with named accounts only, and turn on EBS block public access for snapshots.",
  fsbpControls: ["EC2.1", "RDS.1"],
};

export function findPublicSnapshots(options: { resources: TResourceAnalysis[] }): TFinding[] {
  return options.resources
    .filter((resource) => SNAPSHOT_TYPES.has(resource.type) && resource.exposure === "public")
    .map((resource) => {
      const grants = grantsReaching(resource, "public");
      return makeFinding({
        rule: SNAPSHOT_PUBLIC,
        accountId: resource.accountId,
        resourceKey: resource.arn,
        resourceName: resource.name,
        evidence: { ...describeResource(resource), fsbpControl: publicControl({ resource, grants }), grants: describeGrants(grants) },
      });
    });
}
