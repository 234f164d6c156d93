import type { TResourceAnalysis } from "../resources/resource-results";
import type { TFinding } from "../results";
import { makeFinding, type TFindingRule } from "./make-finding";
import { describeGrants, describeResource, grantsReaching, publicControl, SNAPSHOT_TYPES, writesOrPermissions } from "./resource-finding-evidence";

export const RESOURCE_PUBLIC: TFindingRule = {
  id: "resource-public",
  category: "resource",
  title: "Resource is public",
  description: "A resource policy or ACL lets anyone in: a \"*\" principal without a condition that pins the caller's organization, account, source or network (IAM Access Analyzer's reading), or an AllUsers/AuthenticatedUsers ACL grant, not neutralised by S3 Block Public Access.",
  severity: "high",
  cisControl: null,
  remediation: "Name the accounts or principals that need access, or add aws:PrincipalOrgID; for S3 turn on Block Public Access (account level) and disable ACLs (BucketOwnerEnforced).",
  fsbpControls: ["S3.2", "S3.3", "SNS.4", "SQS.3"],
};

// Snapshots, KMS keys and Lambda functions have rules of their own.
const OWN_RULE = new Set<TResourceAnalysis["type"]>([...SNAPSHOT_TYPES, "kms-key", "lambda-function"]);

export function findPublicResources(options: { resources: TResourceAnalysis[] }): TFinding[] {
  const findings: TFinding[] = [];
  for (const resource of options.resources) {
    if (resource.exposure !== "public" || OWN_RULE.has(resource.type)) continue;
    const grants = grantsReaching(resource, "public");
    const fsbpControl = publicControl({ resource, grants });
    findings.push(makeFinding({
      rule: RESOURCE_PUBLIC,
      accountId: resource.accountId,
      resourceKey: resource.arn,
      resourceName: resource.name,
      // Anyone writing, or changing permissions, is worse than anyone reading.
      severity: writesOrPermissions(grants) ? "critical" : "high",
      evidence: { ...describeResource(resource), fsbpControl, grants: describeGrants(grants) },
    }));
  }
  return findings;
}
