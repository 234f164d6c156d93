import type { TResourceAnalysis } from "../resources/resource-results";
import type { TFinding } from "../results";
import { makeFinding, type TFindingRule } from "./make-finding";
import { describeGrants, describeResource, grantsReaching, SNAPSHOT_TYPES, writesOrPermissions } from "./resource-finding-evidence";

export const RESOURCE_SHARED_EXTERNAL: TFindingRule = {
  id: "resource-shared-external",
  category: "resource",
  title: "Resource shared with an account outside the organization",
  description: "A resource policy, sharing attribute or KMS grant names an account (or a principal in one) that is not in the organization, or lets \"*\" in under a condition that reaches beyond it. Known vendors from KNOWN_VENDORS are reported at lower severity.",
  severity: "high",
  cisControl: null,
  remediation: "Confirm the outside party still needs the access; remove it from the policy or sharing attribute otherwise, and prefer aws:PrincipalOrgID for internal sharing.",
};

// KMS keys have their own rule (a key usable from outside decrypts whatever it protects).
export function findResourcesSharedOutside(options: { resources: TResourceAnalysis[] }): TFinding[] {
  const findings: TFinding[] = [];
  for (const resource of options.resources) {
    if (resource.exposure !== "outside-organization" || resource.type === "kms-key") continue;
    const grants = grantsReaching(resource, "outside-organization");
    const vendors = grants.length > 0 && grants.every((grant) => grant.vendor !== null);
    const severity = vendors ? "low" : SNAPSHOT_TYPES.has(resource.type) || writesOrPermissions(grants) ? "high" : "medium";
    findings.push(makeFinding({
      rule: RESOURCE_SHARED_EXTERNAL,
      accountId: resource.accountId,
      resourceKey: resource.arn,
      resourceName: resource.name,
      severity,
      evidence: { ...describeResource(resource), externalAccounts: resource.externalAccounts, knownVendorsOnly: vendors, grants: describeGrants(grants) },
    }));
  }
  return findings;
}
