import type { TResourceAnalysis } from "../resources/resource-results";
import type { TFinding } from "../results";
import { makeFinding, type TFindingRule } from "./make-finding";
import { describeGrants, describeResource, grantsReaching } from "./resource-finding-evidence";

export const KMS_KEY_EXTERNAL: TFindingRule = {
  id: "kms-key-external",
  category: "resource",
  title: "KMS key usable from outside the organization",
  description: "The key policy or a grant lets a principal outside the organization (or anyone) use or manage the key: whoever holds it can decrypt the data it protects, wherever that data is shared.",
  severity: "high",
  cisControl: null,
  remediation: "Remove the outside account or \"*\" from the key policy and retire its grants; for cross-account use keep kms:ViaService or encryption-context conditions and a known vendor only.",
  fsbpControls: ["KMS.5"],
};

export function findKmsKeysUsableOutside(options: { resources: TResourceAnalysis[] }): TFinding[] {
  const findings: TFinding[] = [];
  for (const resource of options.resources) {
    if (resource.type !== "kms-key" || (resource.exposure !== "public" && resource.exposure !== "outside-organization")) continue;
    const grants = [...grantsReaching(resource, "public"), ...grantsReaching(resource, "outside-organization")];
    const vendors = resource.exposure !== "public" && grants.every((grant) => grant.vendor !== null);
    findings.push(makeFinding({
      rule: KMS_KEY_EXTERNAL,
      accountId: resource.accountId,
      resourceKey: resource.arn,
      resourceName: resource.name,
      severity: resource.exposure === "public" ? "critical" : vendors ? "low" : "high",
      evidence: {
        ...describeResource(resource),
        fsbpControl: resource.exposure === "public" ? "KMS.5" : null,
        externalAccounts: resource.externalAccounts,
        knownVendorsOnly: vendors,
        grants: describeGrants(grants),
      },
    }));
  }
  return findings;
}
