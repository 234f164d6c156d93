import { beforeAll, describe, expect, it } from "vitest";
import { loadActionCatalogue } from "../../policy";
import { computePrincipalAccess } from "../access/compute-principal-access";
import { analyzeResources } from "../resources/analyze-resources";
import type { TResourceAnalysis } from "../resources/resource-results";
import { buildSmallOrgWithResources } from "../resources/small-org-resources.fixture";
import type { TOrgModel, TPrincipal } from "../model";
import { DEFAULT_ANALYSIS_CONFIG, type TFinding, type TPrincipalAccess, type TReach } from "../results";
import { FINDING_RULES } from "./finding-rules";
import { runFindings } from "./run-findings";
import { summarizeFindings } from "./summarize-findings";
import {
  access, accessKey, accessMap, adminPath, ADMIN_DOCUMENT, awsManaged, cleanOrg, credentialRow, daysAgo, inlinePolicy,
  MGMT, OUTSIDE, PROD, role, rootRow, settings, trustDocument, user, withPrincipals,
} from "./test-helpers";

const github = `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com`;

/** One organization that breaks every rule of the catalogue at least once. */
function messyOrg(): { model: TOrgModel; access: Map<string, TPrincipalAccess>; reach: TReach[] } {
  const roles = {
    vendor: role({ accountId: PROD, name: "Vendor", trust: trustDocument({ AWS: `arn:aws:iam::${OUTSIDE}:role/Scanner` }, { Bool: { "aws:MultiFactorAuthPresent": "true" } }) }),
    partner: role({ accountId: PROD, name: "Partner", trust: trustDocument({ AWS: `arn:aws:iam::${OUTSIDE}:root` }) }),
    open: role({ accountId: PROD, name: "Open", trust: trustDocument("*") }),
    weak: role({ accountId: PROD, name: "Weak", trust: trustDocument("*", { StringEquals: { "sts:ExternalId": "x" } }) }),
    config: role({ accountId: PROD, name: "Config", trust: trustDocument({ Service: "config.amazonaws.com" }) }),
    ci: role({ accountId: PROD, name: "Ci", trust: trustDocument({ Federated: github }, undefined, "sts:AssumeRoleWithWebIdentity") }),
    broadCi: role({ accountId: PROD, name: "BroadCi", trust: trustDocument({ Federated: github }, { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } }, "sts:AssumeRoleWithWebIdentity") }),
    saml: role({ accountId: PROD, name: "Saml", trust: trustDocument({ Federated: `arn:aws:iam::${PROD}:saml-provider/Okta` }, undefined, "sts:AssumeRoleWithSAML") }),
    admin: role({ accountId: PROD, name: "Admin", identityPolicies: [awsManaged("AdministratorAccess", ADMIN_DOCUMENT)] }),
    deployer: role({ accountId: PROD, name: "Deployer", lastUsed: daysAgo(150) }),
    web: role({ accountId: PROD, name: "Web", instanceProfileCount: 1, identityPolicies: [awsManaged("AmazonS3FullAccess"), awsManaged("AWSCloudShellFullAccess")] }),
  };
  const users = {
    alice: user({ accountId: MGMT, name: "alice", tags: { email: "alice@example.com" }, identityPolicies: [awsManaged("ReadOnlyAccess"), inlinePolicy("alice", "extra", { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] })] }),
    alice2: user({ accountId: PROD, name: "alice-prod", tags: { Email: "alice@example.com" } }),
    idle: user({ accountId: PROD, name: "idle", lastUsed: null }),
    newbie: user({ accountId: PROD, name: "newbie", createDate: daysAgo(100) }),
  };
  const keys = [
    accessKey({ user: users.alice, id: "AKIAALICE1", createdDaysAgo: 200, lastUsedDaysAgo: 1 }),
    accessKey({ user: users.alice, id: "AKIAALICE2", createdDaysAgo: 10, lastUsedDaysAgo: 2 }),
    accessKey({ user: users.idle, id: "AKIAIDLE", createdDaysAgo: 300, lastUsedDaysAgo: 120 }),
    accessKey({ user: users.newbie, id: "AKIANEWBIE", createdDaysAgo: 100, lastUsedDaysAgo: null }),
  ];
  const base = withPrincipals(cleanOrg(), {
    principals: [...Object.values(roles), ...Object.values(users)] as TPrincipal[],
    accessKeys: keys,
    credentialReport: [
      credentialRow({ user: users.alice, passwordEnabled: true, passwordLastUsedDaysAgo: 2, mfaActive: false }),
      credentialRow({ user: users.idle, passwordEnabled: true, passwordLastUsedDaysAgo: 130 }),
      credentialRow({ user: users.newbie, passwordEnabled: true, passwordLastUsedDaysAgo: 3 }),
    ],
  });
  const model: TOrgModel = {
    ...base,
    groups: [{ key: `${PROD}/AGPALEGACY`, accountId: PROD, name: "Legacy", arn: `arn:aws:iam::${PROD}:group/Legacy`, policies: [] }],
    customerManagedPolicies: [{
      key: `${PROD}/arn:aws:iam::${PROD}:policy/BreakGlass`, accountId: PROD, arn: `arn:aws:iam::${PROD}:policy/BreakGlass`, name: "BreakGlass",
      attachmentCount: 0, permissionsBoundaryUsageCount: 0, document: ADMIN_DOCUMENT,
    }],
    principals: base.principals.filter((p) => !(p.accountId === PROD && p.name === "Support")),
    credentialReport: base.credentialReport.map((row) => (row.isRoot && row.accountId === MGMT ? rootRow(MGMT, { passwordLastUsed: daysAgo(12) }) : row.isRoot
      ? rootRow(PROD, { accessKeys: [{ slot: 1, active: true, lastRotated: daysAgo(900), lastUsedDate: daysAgo(400) }] }) : row)),
    accountSettings: [
      settings(MGMT, { mfaDevices: [{ serialNumber: `arn:aws:iam::${MGMT}:mfa/root-account-mfa-device`, virtual: true, userName: null }] }),
      settings(PROD, { summary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 }, passwordPolicy: { present: false } }),
    ],
  };
  const deployerWithData = model.principals.find((p) => p.key === roles.deployer.key)!;
  deployerWithData.lastAccessed = { jobCompletionDate: daysAgo(2), usedServices: [{ namespace: "s3", lastAuthenticated: daysAgo(150), actions: [], actionLevel: false }], unusedServices: [] };
  return {
    model,
    access: accessMap([
      access({ principal: roles.admin, adminPaths: [adminPath({ id: "full-admin" })], grantedServices: ["s3"] }),
      access({ principal: roles.deployer, adminPaths: [adminPath({ id: "passrole-ec2", actions: ["iam:PassRole", "ec2:RunInstances"] })], grantedServices: ["s3", "ec2", "iam"] }),
    ]),
    reach: [{ sourceKey: users.alice.key, targetKey: roles.admin.key, targetAccountId: PROD, hops: [{ from: users.alice.key, to: roles.admin.key, via: "assume-role", conditional: false }], conditional: false }],
  };
}

/** The same organization seen `days` later: every date moved, every age `extraAge` days older. */
function laterSnapshot(model: TOrgModel, options: { days: number; extraAge: number }): TOrgModel {
  const shift = (value: unknown, by: number): unknown => {
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(Date.parse(value) + by * 86_400_000).toISOString();
    if (Array.isArray(value)) return value.map((item) => shift(item, by));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shift(item, by)]));
    return value;
  };
  const moved = shift(model, options.days) as TOrgModel;
  return { ...moved, runId: model.runId + 1, asOf: shift(model.asOf, options.days + options.extraAge) as string };
}

// The resource rules' cases: the small organization's planted resources, analysed for real.
let resources: TResourceAnalysis[] = [];
beforeAll(async () => {
  const catalogue = await loadActionCatalogue();
  const withResources = buildSmallOrgWithResources();
  resources = analyzeResources({ model: withResources, catalogue, access: computePrincipalAccess({ model: withResources, catalogue }), config: DEFAULT_ANALYSIS_CONFIG });
});

const run = (fixture: ReturnType<typeof messyOrg>, model: TOrgModel = fixture.model): TFinding[] =>
  runFindings({ model, access: fixture.access, reach: fixture.reach, resources, config: DEFAULT_ANALYSIS_CONFIG });

describe("runFindings", () => {
  it("raises every rule of the catalogue on the messy organization, each with the catalogue's CIS control", () => {
    const findings = run(messyOrg());
    expect([...new Set(findings.map((f) => f.rule))].sort()).toEqual(FINDING_RULES.map((rule) => rule.id).sort());
    for (const finding of findings) {
      const rule = FINDING_RULES.find((entry) => entry.id === finding.rule)!;
      expect([rule.cisControl, null]).toContain(finding.cisControl);
      expect(finding.fingerprint.startsWith(`${finding.rule}|${finding.resourceKey}`)).toBe(true);
    }
  });

  it("gives every finding its own fingerprint and orders them most severe first", () => {
    const findings = run(messyOrg());
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
    const order = ["critical", "high", "medium", "low", "info"];
    const ranks = findings.map((f) => order.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("keeps fingerprints when the same problems are seen in a later snapshot with other dates", () => {
    const fixture = messyOrg();
    const before = run(fixture);
    const after = run(fixture, laterSnapshot(fixture.model, { days: 30, extraAge: 15 }));
    expect(after.map((f) => f.fingerprint).sort()).toEqual(before.map((f) => f.fingerprint).sort());
    // The evidence did move on, so the test compares snapshots that really differ.
    const age = (findings: TFinding[]) => findings.find((f) => f.fingerprint === "access-key-not-rotated|AKIAALICE1")?.evidence.keyAgeDays;
    expect([age(before), age(after)]).toEqual([200, 215]);
    const lastUsed = (findings: TFinding[]) => findings.find((f) => f.rule === "unused-role")?.evidence.lastUsed;
    expect(lastUsed(after)).not.toBe(lastUsed(before));
  });
});

describe("summarizeFindings", () => {
  it("counts by severity, rule, CIS control and account", () => {
    const finding = (rule: string, severity: TFinding["severity"], cisControl: string | null, accountId: string | null): TFinding =>
      ({ fingerprint: `${rule}|${accountId}`, rule, title: rule, severity, cisControl, accountId, resourceKey: String(accountId), resourceName: "", evidence: {} });
    const summary = summarizeFindings([
      finding("root-no-mfa", "critical", "1.4", PROD),
      finding("root-no-mfa", "critical", "1.4", MGMT),
      finding("password-policy-short", "medium", "1.7", PROD),
      finding("person-multiple-iam-users", "medium", null, null),
    ]);
    expect(summary).toEqual({
      total: 4,
      bySeverity: { critical: 2, high: 0, medium: 2, low: 0, info: 0 },
      byRule: { "root-no-mfa": 2, "password-policy-short": 1, "person-multiple-iam-users": 1 },
      byCisControl: { "1.4": 2, "1.7": 1 },
      byAccount: { [PROD]: 2, [MGMT]: 1, organization: 1 },
    });
  });

  it("adds up to the findings of a full run", () => {
    const findings = run(messyOrg());
    const summary = summarizeFindings(findings);
    const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
    expect([sum(summary.bySeverity), sum(summary.byRule), sum(summary.byAccount)]).toEqual([findings.length, findings.length, findings.length]);
    expect(summary.byCisControl["1.3"]).toBe(1);
  });
});

describe("FINDING_RULES", () => {
  it("has unique ids and says what to do for every rule", () => {
    expect(new Set(FINDING_RULES.map((rule) => rule.id)).size).toBe(FINDING_RULES.length);
    for (const rule of FINDING_RULES) {
      expect(rule.remediation.length).toBeGreaterThan(20);
      expect(rule.cisControl === null || /^1\.(?:[3-9]|1\d|2[01])$/.test(rule.cisControl)).toBe(true);
    }
  });
});
