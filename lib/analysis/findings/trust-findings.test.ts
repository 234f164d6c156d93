import { describe, expect, it } from "vitest";
import type { TPrincipal } from "../model";
import { DEFAULT_ANALYSIS_CONFIG } from "../results";
import { runFindings } from "./run-findings";
import { cleanOrg, findingsOf, MGMT, OUTSIDE, PROD, role, trustDocument, withPrincipals } from "./test-helpers";

const withRole = (trust: unknown, extra: Omit<Partial<TPrincipal>, "accountId" | "name"> = {}) =>
  withPrincipals(cleanOrg(), { principals: [role({ accountId: PROD, name: "Target", trust, ...extra })] });
const TARGET = `${PROD}/AROATARGET`;
type TCondition = Record<string, Record<string, unknown>>;

describe("a clean organization", () => {
  it("raises no finding at all", () => {
    expect(runFindings({ model: cleanOrg(), access: new Map(), reach: [], config: DEFAULT_ANALYSIS_CONFIG })).toEqual([]);
  });
});

describe("trust-external-account", () => {
  it("reports an account outside the organization, at low severity for a known vendor", () => {
    const model = withRole(trustDocument({ AWS: `arn:aws:iam::${OUTSIDE}:role/Scanner` }, { StringEquals: { "sts:ExternalId": "abc" } }));
    const [unknown] = findingsOf({ model, rule: "trust-external-account" });
    expect(unknown).toMatchObject({ resourceKey: TARGET, severity: "medium", cisControl: null, accountId: PROD, fingerprint: `trust-external-account|${TARGET}|${OUTSIDE}` });
    expect(unknown.evidence).toMatchObject({ trustedAccountId: OUTSIDE, vendor: null, externalId: true, principals: [`arn:aws:iam::${OUTSIDE}:role/Scanner`] });
    const [vendor] = findingsOf({ model, rule: "trust-external-account", config: { knownVendors: { [OUTSIDE]: "Datadog" } } });
    expect(vendor).toMatchObject({ severity: "low", title: `Role Target trusts external account ${OUTSIDE} (Datadog)` });
    expect(vendor.evidence.vendor).toBe("Datadog");
  });

  it("takes vendor names the access computation resolved, the configuration winning", () => {
    const model = withRole(trustDocument({ AWS: `arn:aws:iam::${OUTSIDE}:role/Scanner` }, { StringEquals: { "sts:ExternalId": "abc" } }));
    const externalTrusts = [{ roleKey: TARGET, accountId: PROD, partyKind: "external-account" as const, party: `arn:aws:iam::${OUTSIDE}:role/Scanner`, conditionKeys: ["sts:ExternalId"], knownVendor: "Wiz" }];
    const run = (knownVendors: Record<string, string>) =>
      runFindings({ model, access: new Map(), reach: [], externalTrusts, config: { ...DEFAULT_ANALYSIS_CONFIG, knownVendors } }).find((finding) => finding.rule === "trust-external-account");
    expect(run({})?.evidence.vendor).toBe("Wiz");
    expect(run({ [OUTSIDE]: "Wiz Inc." })?.evidence.vendor).toBe("Wiz Inc.");
  });

  it("ignores accounts of the organization", () => {
    expect(findingsOf({ model: withRole(trustDocument({ AWS: `arn:aws:iam::${MGMT}:role/Deploy` })), rule: "trust-external-account" })).toEqual([]);
  });

  it("merges the same account named twice into one finding listing both statements", () => {
    const trust = { Version: "2012-10-17", Statement: [
      { Effect: "Allow", Principal: { AWS: OUTSIDE }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "x" } } },
      { Sid: "Second", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` }, Action: "sts:TagSession", Condition: { StringEquals: { "sts:ExternalId": "x" } } },
    ] };
    const findings = findingsOf({ model: withRole(trust), rule: "trust-external-account" });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence.principals).toEqual([OUTSIDE, `arn:aws:iam::${OUTSIDE}:root`]);
    expect((findings[0].evidence.statements as Array<{ sid: string | null }>).map((statement) => statement.sid)).toEqual([null, "Second"]);
  });
});

describe("trust-account-root-unconditioned and trust-external-no-external-id", () => {
  it("reports an external :root without conditions as high, and not again for the missing ExternalId", () => {
    const model = withRole(trustDocument({ AWS: `arn:aws:iam::${OUTSIDE}:root` }));
    expect(findingsOf({ model, rule: "trust-account-root-unconditioned" }).map((f) => [f.resourceKey, f.severity])).toEqual([[TARGET, "high"]]);
    expect(findingsOf({ model, rule: "trust-external-no-external-id" })).toEqual([]);
  });

  it("reports another organization account's root without conditions at low severity", () => {
    const model = withRole(trustDocument({ AWS: `arn:aws:iam::${MGMT}:root` }));
    const [finding] = findingsOf({ model, rule: "trust-account-root-unconditioned" });
    expect(finding).toMatchObject({ severity: "low", fingerprint: `trust-account-root-unconditioned|${TARGET}|${MGMT}` });
    expect(findingsOf({ model: withRole(trustDocument({ AWS: `arn:aws:iam::${MGMT}:root` }, { StringEquals: { "aws:PrincipalArn": `arn:aws:iam::${MGMT}:role/Ci` } })), rule: "trust-account-root-unconditioned" })).toEqual([]);
  });

  it("reports an external trust with conditions but without sts:ExternalId", () => {
    const model = withRole(trustDocument({ AWS: `arn:aws:iam::${OUTSIDE}:root` }, { Bool: { "aws:MultiFactorAuthPresent": "true" } }));
    const [finding] = findingsOf({ model, rule: "trust-external-no-external-id" });
    expect(finding).toMatchObject({ resourceKey: TARGET, severity: "high" });
    expect(finding.evidence.conditionKeys).toEqual(["aws:MultiFactorAuthPresent"]);
    expect(findingsOf({ model: withRole(trustDocument({ AWS: `arn:aws:iam::${OUTSIDE}:root` }, { StringEquals: { "sts:ExternalId": "x" } })), rule: "trust-external-no-external-id" })).toEqual([]);
  });
});

describe("trust-any-principal", () => {
  it("is critical without conditions, for Principal \"*\" and AWS \"*\"", () => {
    for (const principal of ["*", { AWS: "*" }]) {
      const findings = findingsOf({ model: withRole(trustDocument(principal)), rule: "trust-any-principal-unconditioned" });
      expect(findings.map((f) => [f.resourceKey, f.severity])).toEqual([[TARGET, "critical"]]);
    }
  });

  it("treats an Allow with NotPrincipal as open to anyone", () => {
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: "sts:AssumeRole" }] };
    const [finding] = findingsOf({ model: withRole(trust), rule: "trust-any-principal-unconditioned" });
    expect(finding.evidence.principals).toEqual([`NotPrincipal: arn:aws:iam::${MGMT}:root`]);
  });

  it("is high when only weak conditions hold it back", () => {
    const weak: TCondition[] = [
      { StringEquals: { "sts:ExternalId": "secret" } },
      { StringNotEquals: { "aws:PrincipalOrgID": "o-example" } },
      { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-example" } },
      { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/Deploy" } },
    ];
    for (const condition of weak) {
      const findings = findingsOf({ model: withRole(trustDocument("*", condition)), rule: "trust-any-principal-weak-conditions" });
      expect(findings.map((f) => f.severity)).toEqual(["high"]);
    }
  });

  it("is not reported when an identity condition ties callers to the organization", () => {
    const model = withRole(trustDocument("*", { StringEquals: { "aws:PrincipalOrgID": "o-example" } }));
    expect(findingsOf({ model, rule: "trust-any-principal-unconditioned" })).toEqual([]);
    expect(findingsOf({ model, rule: "trust-any-principal-weak-conditions" })).toEqual([]);
  });
});

describe("trust-service-no-source-condition", () => {
  it("reports a listed service without aws:SourceAccount / aws:SourceArn", () => {
    const [finding] = findingsOf({ model: withRole(trustDocument({ Service: "config.amazonaws.com" })), rule: "trust-service-no-source-condition" });
    expect(finding).toMatchObject({ resourceKey: TARGET, severity: "medium", fingerprint: `trust-service-no-source-condition|${TARGET}|config.amazonaws.com` });
  });

  it("leaves services outside the list, conditioned trusts and service-linked roles alone", () => {
    expect(findingsOf({ model: withRole(trustDocument({ Service: "ec2.amazonaws.com" })), rule: "trust-service-no-source-condition" })).toEqual([]);
    expect(findingsOf({ model: withRole(trustDocument({ Service: "config.amazonaws.com" }, { StringEquals: { "aws:SourceAccount": PROD } })), rule: "trust-service-no-source-condition" })).toEqual([]);
    expect(findingsOf({ model: withRole(trustDocument({ Service: "config.amazonaws.com" }), { serviceLinked: true }), rule: "trust-service-no-source-condition" })).toEqual([]);
  });
});

describe("federation trusts", () => {
  const github = `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com`;
  const webIdentity = "sts:AssumeRoleWithWebIdentity";

  it("reports a GitHub OIDC trust open to any repository as high", () => {
    const openConditions: TCondition[] = [
      { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } },
      { StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" } },
    ];
    for (const condition of openConditions) {
      const [finding] = findingsOf({ model: withRole(trustDocument({ Federated: github }, condition, webIdentity)), rule: "trust-oidc-open-subject" });
      expect(finding).toMatchObject({ resourceKey: TARGET, severity: "high", fingerprint: `trust-oidc-open-subject|${TARGET}|${github}` });
    }
  });

  it("lists an OIDC trust restricted to one repository as an informational federation", () => {
    const condition = { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main" } };
    const model = withRole(trustDocument({ Federated: github }, condition, webIdentity));
    expect(findingsOf({ model, rule: "trust-oidc-open-subject" })).toEqual([]);
    const [finding] = findingsOf({ model, rule: "trust-federated-provider" });
    expect(finding).toMatchObject({ severity: "info", title: "Role Target is federated to token.actions.githubusercontent.com" });
    expect(finding.evidence.subjectConditions).toEqual([{ operator: "StringLike", key: "token.actions.githubusercontent.com:sub", values: ["repo:acme/app:ref:refs/heads/main"] }]);
  });

  it("lists SAML federation but not the roles Identity Center maintains", () => {
    const saml = `arn:aws:iam::${PROD}:saml-provider/Okta`;
    const trust = trustDocument({ Federated: saml }, { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } }, "sts:AssumeRoleWithSAML");
    const [finding] = findingsOf({ model: withRole(trust), rule: "trust-federated-provider" });
    expect(finding).toMatchObject({ severity: "info", evidence: expect.objectContaining({ protocol: "saml", samlAudience: true }) });
    const sso = withRole(trust, { ssoPermissionSetName: "Admin", path: "/aws-reserved/sso.amazonaws.com/" });
    expect(findingsOf({ model: sso, rule: "trust-federated-provider" })).toEqual([]);
  });
});
