import { describe, expect, it } from "vitest";
import { access, accessKey, accessMap, cleanOrg, credentialRow, daysAgo, findingsOf, PROD, role, user, withPrincipals } from "./test-helpers";

describe("unused-role", () => {
  it("reports roles unused for unusedDays, and never-used roles older than the window", () => {
    const stale = role({ accountId: PROD, name: "Stale", lastUsed: daysAgo(120) });
    const never = role({ accountId: PROD, name: "Never", lastUsed: null, createDate: daysAgo(200) });
    const findings = findingsOf({ model: withPrincipals(cleanOrg(), { principals: [stale, never] }), rule: "unused-role" });
    expect(findings.map((f) => [f.resourceKey, f.severity, f.evidence.daysSinceLastUsed, f.evidence.neverUsed, f.evidence.windowDays])).toEqual([
      [never.key, "low", null, true, 90],
      [stale.key, "low", 120, false, 90],
    ]);
    expect(findings[1].evidence.lastUsed).toBe(daysAgo(120));
  });

  it("leaves recently used, young, and service-linked roles alone, and follows config.unusedDays", () => {
    const recent = role({ accountId: PROD, name: "Recent", lastUsed: daysAgo(89) });
    const young = role({ accountId: PROD, name: "Young", lastUsed: null, createDate: daysAgo(10) });
    const linked = role({ accountId: PROD, name: "AWSServiceRoleForX", lastUsed: null, serviceLinked: true });
    const model = withPrincipals(cleanOrg(), { principals: [recent, young, linked] });
    expect(findingsOf({ model, rule: "unused-role" })).toEqual([]);
    expect(findingsOf({ model, rule: "unused-role", config: { unusedDays: 30 } }).map((f) => f.resourceName)).toEqual(["Recent"]);
  });
});

describe("unused-user", () => {
  it("takes the latest of password and key use", () => {
    const carol = user({ accountId: PROD, name: "carol", lastUsed: null });
    const key = accessKey({ user: carol, id: "AKIACAROL", createdDaysAgo: 300, lastUsedDaysAgo: 100 });
    const model = withPrincipals(cleanOrg(), { principals: [carol], accessKeys: [key], credentialReport: [credentialRow({ user: carol, passwordEnabled: true, passwordLastUsedDaysAgo: 95 })] });
    const [finding] = findingsOf({ model, rule: "unused-user" });
    expect(finding).toMatchObject({ resourceKey: carol.key, severity: "medium", cisControl: null, fingerprint: `unused-user|${carol.key}` });
    expect(finding.evidence).toMatchObject({ daysSinceLastUsed: 95, passwordLastUsed: daysAgo(95), accessKeys: [{ id: "AKIACAROL", status: "Active", lastUsedDate: daysAgo(100) }] });
  });

  it("does not report a user whose key was used recently", () => {
    const dave = user({ accountId: PROD, name: "dave", lastUsed: null });
    const model = withPrincipals(cleanOrg(), { principals: [dave], accessKeys: [accessKey({ user: dave, id: "AKIADAVE", createdDaysAgo: 30, lastUsedDaysAgo: 2 })] });
    expect(findingsOf({ model, rule: "unused-user" })).toEqual([]);
  });
});

describe("unused-services", () => {
  const jobCompletionDate = daysAgo(3);
  const app = role({
    accountId: PROD,
    name: "App",
    lastAccessed: {
      jobCompletionDate,
      usedServices: [
        { namespace: "s3", lastAuthenticated: daysAgo(5), actions: [], actionLevel: false },
        { namespace: "sqs", lastAuthenticated: daysAgo(200), actions: [], actionLevel: false },
      ],
      unusedServices: ["dynamodb"],
    },
  });

  it("lists granted services without use in the window, with the window, the data's age and the ratio", () => {
    const model = withPrincipals(cleanOrg(), { principals: [app] });
    const [finding] = findingsOf({ model, rule: "unused-services", access: accessMap([access({ principal: app, grantedServices: ["s3", "sqs", "dynamodb", "kms"] })]) });
    expect(finding).toMatchObject({ resourceKey: app.key, severity: "low", fingerprint: `unused-services|${app.key}` });
    expect(finding.evidence).toEqual({
      principalArn: app.arn,
      windowDays: 90,
      windowStart: new Date(Date.parse(jobCompletionDate) - 90 * 86_400_000).toISOString(),
      windowEnd: jobCompletionDate,
      dataAgeDays: 3,
      trackingPeriodDays: 400,
      grantedServiceCount: 4,
      unusedServiceCount: 3,
      excessPermissionRatio: 0.75,
      unusedServices: [
        { namespace: "dynamodb", lastAuthenticated: null },
        { namespace: "kms", lastAuthenticated: null },
        { namespace: "sqs", lastAuthenticated: daysAgo(200) },
      ],
    });
  });

  it("says nothing when every granted service is used, or the principal is younger than the window", () => {
    const model = withPrincipals(cleanOrg(), { principals: [app] });
    expect(findingsOf({ model, rule: "unused-services", access: accessMap([access({ principal: app, grantedServices: ["s3"] })]) })).toEqual([]);
    const young = { ...app, createDate: daysAgo(20) };
    expect(findingsOf({ model: withPrincipals(cleanOrg(), { principals: [young] }), rule: "unused-services", access: accessMap([access({ principal: young, grantedServices: ["kms"] })]) })).toEqual([]);
  });
});

describe("access-key-unused and password-unused (CIS 1.11, 45 days)", () => {
  const erin = user({ accountId: PROD, name: "erin" });

  it("uses 45 days whatever unusedDays says", () => {
    const keys = [
      accessKey({ user: erin, id: "AKIAOLDUSE", createdDaysAgo: 300, lastUsedDaysAgo: 50 }),
      accessKey({ user: erin, id: "AKIANEVER", createdDaysAgo: 60, lastUsedDaysAgo: null }),
      accessKey({ user: erin, id: "AKIAFRESH", createdDaysAgo: 300, lastUsedDaysAgo: 44 }),
      accessKey({ user: erin, id: "AKIAOFF", createdDaysAgo: 300, lastUsedDaysAgo: 200, status: "Inactive" }),
    ];
    const model = withPrincipals(cleanOrg(), { principals: [erin], accessKeys: keys });
    const findings = findingsOf({ model, rule: "access-key-unused", config: { unusedDays: 180 } });
    expect(findings.map((f) => [f.resourceKey, f.cisControl, f.severity, f.evidence.daysSinceLastUsed, f.evidence.keyAgeDays, f.evidence.thresholdDays])).toEqual([
      ["AKIANEVER", "1.11", "medium", null, 60, 45],
      ["AKIAOLDUSE", "1.11", "medium", 50, 300, 45],
    ]);
  });

  it("reports console passwords unused for 45 days, or never used by a user older than that", () => {
    const frank = user({ accountId: PROD, name: "frank", createDate: daysAgo(100) });
    const gina = user({ accountId: PROD, name: "gina" });
    const rows = [
      credentialRow({ user: erin, passwordEnabled: true, passwordLastUsedDaysAgo: 46 }),
      credentialRow({ user: frank, passwordEnabled: true, passwordLastUsedDaysAgo: null }),
      credentialRow({ user: gina, passwordEnabled: true, passwordLastUsedDaysAgo: 10 }),
    ];
    const model = withPrincipals(cleanOrg(), { principals: [erin, frank, gina], credentialReport: rows });
    const findings = findingsOf({ model, rule: "password-unused" });
    expect(findings.map((f) => [f.resourceName, f.cisControl, f.evidence.daysSinceLastUsed, f.evidence.userAgeDays, f.evidence.neverUsed])).toEqual([
      ["erin", "1.11", 46, 400, false],
      ["frank", "1.11", null, 100, true],
    ]);
  });
});
