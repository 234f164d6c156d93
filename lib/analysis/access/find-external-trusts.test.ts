import { describe, expect, it } from "vitest";
import { findExternalTrusts } from "./find-external-trusts";
import { buildSmallOrg, PROD, SEC } from "./small-org.fixture";

describe("findExternalTrusts", () => {
  const model = buildSmallOrg();
  const config = { unusedDays: 90, keyMaxAgeDays: 90, knownVendors: { "999999999999": "Datadog" } };

  it("lists services, '*' and accounts outside the organization, naming known vendors", () => {
    expect(findExternalTrusts({ model, config })).toEqual([
      { roleKey: `${SEC}/AROACIRUNNER`, accountId: SEC, partyKind: "service", party: "ec2.amazonaws.com", conditionKeys: [], knownVendor: null },
      { roleKey: `${SEC}/AROAPUBLICROLE`, accountId: SEC, partyKind: "any-principal", party: "*", conditionKeys: ["aws:PrincipalOrgID"], knownVendor: null },
      { roleKey: `${PROD}/AROAVENDORROLE`, accountId: PROD, partyKind: "external-account", party: "arn:aws:iam::999999999999:root", conditionKeys: ["sts:ExternalId"], knownVendor: "Datadog" },
    ]);
  });

  it("leaves out accounts of the organization and Identity Center's own sign-in", () => {
    const found = findExternalTrusts({ model });
    expect(found.some((entry) => entry.party.includes("AWSSSO_"))).toBe(false);
    expect(found.some((entry) => /111111111111|222222222222|333333333333/.test(entry.party))).toBe(false);
    expect(found.find((entry) => entry.partyKind === "external-account")?.knownVendor).toBeNull();
  });

  it("reports other SAML and OIDC providers", () => {
    const withFederation = buildSmallOrg();
    const role = withFederation.principals.find((principal) => principal.name === "AuditRole")!;
    role.trustPolicy = { Statement: [
      { Effect: "Allow", Principal: { Federated: `arn:aws:iam::${PROD}:saml-provider/CorporateADFS` }, Action: "sts:AssumeRoleWithSAML" },
      { Effect: "Allow", Principal: { Federated: `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com` }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } },
    ] };
    const found = findExternalTrusts({ model: withFederation }).filter((entry) => entry.roleKey === role.key);
    expect(found.map((entry) => [entry.partyKind, entry.conditionKeys])).toEqual([["saml", []], ["oidc", ["token.actions.githubusercontent.com:aud"]]]);
  });
});
