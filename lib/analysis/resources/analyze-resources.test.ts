import { beforeAll, describe, expect, it } from "vitest";
import { loadActionCatalogue, type ActionCatalogue } from "../../policy";
import { computePrincipalAccess } from "../access/compute-principal-access";
import { PROD, SEC, VENDOR } from "../access/small-org.fixture";
import { runFindings } from "../findings/run-findings";
import { DEFAULT_ANALYSIS_CONFIG, type TFinding } from "../results";
import { analyzeResources } from "./analyze-resources";
import type { TResourceAnalysis } from "./resource-results";
import { buildSmallOrgWithResources, RESOURCE_ARNS } from "./small-org-resources.fixture";

let catalogue: ActionCatalogue;
let analysed: Map<string, TResourceAnalysis>;
let findings: TFinding[];
const model = buildSmallOrgWithResources();
const config = { ...DEFAULT_ANALYSIS_CONFIG, knownVendors: { [VENDOR]: "Acme Backup" } };

beforeAll(async () => {
  catalogue = await loadActionCatalogue();
  const access = computePrincipalAccess({ model, catalogue });
  const resources = analyzeResources({ model, catalogue, access, config });
  analysed = new Map(resources.map((resource) => [resource.arn, resource]));
  findings = runFindings({ model, access: new Map(access.map((entry) => [entry.principalKey, entry])), reach: [], resources, config });
});

const exposureOf = (arn: string) => analysed.get(arn)!.exposure;
const rulesFor = (arn: string) => findings.filter((finding) => finding.resourceKey === arn).map((finding) => finding.rule).sort();

describe("analyzeResources", () => {
  it("does not call a bucket public when account-level Block Public Access neutralises its policy", () => {
    const bucket = analysed.get(RESOURCE_ARNS.blockedBucket)!;
    expect(bucket.exposure).toBe("account");
    expect(bucket.policyPublic).toBe(true);
    expect(bucket.grants[0].blockedBy).toBe("RestrictPublicBuckets");
    expect(rulesFor(RESOURCE_ARNS.blockedBucket)).toEqual([]);
  });

  it("reports the truly public bucket with its FSBP control and granting statement", () => {
    expect(exposureOf(RESOURCE_ARNS.publicBucket)).toBe("public");
    const finding = findings.find((entry) => entry.resourceKey === RESOURCE_ARNS.publicBucket)!;
    expect(finding).toMatchObject({ rule: "resource-public", severity: "high", accountId: PROD });
    expect(finding.evidence).toMatchObject({ fsbpControl: "S3.2", grants: [{ principal: "*", levels: ["Read"], statement: "resource-policy#0" }] });
  });

  it("reports a KMS key shared with a known vendor at low severity, naming the vendor", () => {
    const key = analysed.get(RESOURCE_ARNS.vendorKey)!;
    expect(key).toMatchObject({ exposure: "outside-organization", externalAccounts: [VENDOR], identityAccess: true });
    const finding = findings.find((entry) => entry.resourceKey === RESOURCE_ARNS.vendorKey)!;
    expect(finding).toMatchObject({ rule: "kms-key-external", severity: "low" });
    expect(finding.evidence.grants).toEqual([expect.objectContaining({ vendor: "Acme Backup", statement: "resource-policy#1 (VendorDecrypt)" })]);
  });

  it("counts no identity-policy principals for a key whose policy does not delegate to the account", () => {
    const key = analysed.get(RESOURCE_ARNS.noDelegationKey)!;
    expect(key.identityAccess).toBe(false);
    expect(key.principalsByLevel.Write).toBe(0);
    // The delegating key: PROD's admins hold kms Write through their identity policies.
    expect(analysed.get(RESOURCE_ARNS.vendorKey)!.principalsByLevel.Write).toBeGreaterThan(0);
  });

  it("keeps a queue open to * with aws:SourceArn of an own topic inside the account", () => {
    expect(exposureOf(RESOURCE_ARNS.queue)).toBe("account");
    expect(analysed.get(RESOURCE_ARNS.queue)!.grants[0].restrictedBy).toEqual(["ArnEquals aws:SourceArn"]);
    expect(rulesFor(RESOURCE_ARNS.queue)).toEqual([]);
  });

  it("reports the Lambda function anyone may invoke, the public EBS snapshot and the RDS snapshot shared outside", () => {
    expect(rulesFor(RESOURCE_ARNS.lambda)).toEqual(["lambda-public-invoke"]);
    expect(rulesFor(RESOURCE_ARNS.ebsSnapshot)).toEqual(["snapshot-public"]);
    expect(findings.find((entry) => entry.resourceKey === RESOURCE_ARNS.ebsSnapshot)!.evidence.fsbpControl).toBe("EC2.1");
    expect(rulesFor(RESOURCE_ARNS.rdsSnapshot)).toEqual(["resource-shared-external"]);
    expect(findings.find((entry) => entry.resourceKey === RESOURCE_ARNS.rdsSnapshot)!.severity).toBe("high");
  });

  it("treats the org-wide ECR repository and the secret shared with another org account as internal", () => {
    expect(exposureOf(RESOURCE_ARNS.repository)).toBe("organization");
    expect(analysed.get(RESOURCE_ARNS.secret)).toMatchObject({ exposure: "organization", orgAccounts: [SEC] });
    expect(rulesFor(RESOURCE_ARNS.repository)).toEqual([]);
    expect(rulesFor(RESOURCE_ARNS.secret)).toEqual([]);
  });

  it("returns nothing for a model without resources", () => {
    expect(analyzeResources({ model: { ...model, resources: [] }, catalogue, access: [], config })).toEqual([]);
  });
});
