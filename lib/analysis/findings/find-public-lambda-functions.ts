import type { TResourceAnalysis } from "../resources/resource-results";
import type { TFinding } from "../results";
import { makeFinding, type TFindingRule } from "./make-finding";
import { describeGrants, describeResource, grantsReaching } from "./resource-finding-evidence";

export const LAMBDA_PUBLIC_INVOKE: TFindingRule = {
  id: "lambda-public-invoke",
  category: "resource",
  title: "Lambda function invocable by anyone",
  description: "The function's resource policy lets \"*\" call it without a condition that pins the caller or the source (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID): anyone with AWS credentials can run it.",
  severity: "critical",
  cisControl: null,
  remediation: "Name the service principal with aws:SourceArn/aws:SourceAccount, or the accounts that invoke the function, instead of \"*\" (lambda remove-permission, then add-permission).",
  fsbpControls: ["Lambda.1"],
};

export function findPublicLambdaFunctions(options: { resources: TResourceAnalysis[] }): TFinding[] {
  const findings: TFinding[] = [];
  for (const resource of options.resources) {
    if (resource.type !== "lambda-function" || resource.exposure !== "public") continue;
    const grants = grantsReaching(resource, "public");
    findings.push(makeFinding({
      rule: LAMBDA_PUBLIC_INVOKE,
      accountId: resource.accountId,
      resourceKey: resource.arn,
      resourceName: resource.name,
      // Public read of the configuration (GetFunction…) without invoke is less severe.
      severity: grants.some((grant) => grant.levels.includes("Write")) ? "critical" : "high",
      evidence: { ...describeResource(resource), fsbpControl: "Lambda.1", grants: describeGrants(grants) },
    }));
  }
  return findings;
}
