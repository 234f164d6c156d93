import { describe, expect, it } from "vitest";
import type { TAccountSettings, TOrgModel } from "../model";
import { accessKey, cleanOrg, credentialRow, daysAgo, findingsOf, MGMT, PROD, rootRow, settings, user, withPrincipals } from "./test-helpers";

const hana = user({ accountId: PROD, name: "hana" });

describe("access-key-not-rotated (CIS 1.13)", () => {
  it("reports active keys older than keyMaxAgeDays with their age", () => {
    const keys = [
      accessKey({ user: hana, id: "AKIAOLD", createdDaysAgo: 91, lastUsedDaysAgo: 1 }),
      accessKey({ user: hana, id: "AKIANEW", createdDaysAgo: 90, lastUsedDaysAgo: 1, status: "Inactive" }),
    ];
    const model = withPrincipals(cleanOrg(), { principals: [hana], accessKeys: keys });
    const [finding, ...rest] = findingsOf({ model, rule: "access-key-not-rotated" });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ resourceKey: "AKIAOLD", resourceName: "hana/AKIAOLD", severity: "medium", cisControl: "1.13", accountId: PROD, fingerprint: "access-key-not-rotated|AKIAOLD" });
    expect(finding.evidence).toMatchObject({ keyAgeDays: 91, maxAgeDays: 90, createDate: daysAgo(91) });
  });

  it("cites CIS 1.13 only past the benchmark's 90 days when the limit is stricter", () => {
    const model = withPrincipals(cleanOrg(), { principals: [hana], accessKeys: [accessKey({ user: hana, id: "AKIA60", createdDaysAgo: 60, lastUsedDaysAgo: 1 })] });
    expect(findingsOf({ model, rule: "access-key-not-rotated", config: { keyMaxAgeDays: 30 } }).map((f) => f.cisControl)).toEqual([null]);
    expect(findingsOf({ model, rule: "access-key-not-rotated" })).toEqual([]);
  });
});

describe("user-two-active-keys (CIS 1.12)", () => {
  it("reports a user with both keys active, not one with an inactive second key", () => {
    const ivan = user({ accountId: PROD, name: "ivan" });
    const keys = [
      accessKey({ user: hana, id: "AKIAH1", createdDaysAgo: 10, lastUsedDaysAgo: 1 }),
      accessKey({ user: hana, id: "AKIAH2", createdDaysAgo: 5, lastUsedDaysAgo: null }),
      accessKey({ user: ivan, id: "AKIAI1", createdDaysAgo: 10, lastUsedDaysAgo: 1 }),
      accessKey({ user: ivan, id: "AKIAI2", createdDaysAgo: 10, lastUsedDaysAgo: 1, status: "Inactive" }),
    ];
    const findings = findingsOf({ model: withPrincipals(cleanOrg(), { principals: [hana, ivan], accessKeys: keys }), rule: "user-two-active-keys" });
    expect(findings.map((f) => [f.resourceKey, f.cisControl, f.severity])).toEqual([[hana.key, "1.12", "medium"]]);
    expect((findings[0].evidence.activeKeys as Array<{ accessKeyId: string; keyAgeDays: number }>).map((key) => [key.accessKeyId, key.keyAgeDays])).toEqual([["AKIAH1", 10], ["AKIAH2", 5]]);
  });
});

describe("access-key-created-at-setup (CIS 1.10)", () => {
  const jon = user({ accountId: PROD, name: "jon", createDate: daysAgo(20) });
  const model = (keyCreatedDaysAgo: number, lastUsedDaysAgo: number | null, passwordEnabled = true) => withPrincipals(cleanOrg(), {
    principals: [jon],
    accessKeys: [accessKey({ user: jon, id: "AKIAJON", createdDaysAgo: keyCreatedDaysAgo, lastUsedDaysAgo })],
    credentialReport: [credentialRow({ user: jon, passwordEnabled, passwordLastUsedDaysAgo: 1 })],
  });

  it("reports a console user's never-used key created with the user", () => {
    const [finding] = findingsOf({ model: model(20, null), rule: "access-key-created-at-setup" });
    expect(finding).toMatchObject({ resourceKey: "AKIAJON", cisControl: "1.10", evidence: expect.objectContaining({ hoursAfterUserCreation: 0, userCreationTime: daysAgo(20) }) });
  });

  it("ignores used keys, keys created later and users without a console password", () => {
    expect(findingsOf({ model: model(20, 3), rule: "access-key-created-at-setup" })).toEqual([]);
    expect(findingsOf({ model: model(10, null), rule: "access-key-created-at-setup" })).toEqual([]);
    expect(findingsOf({ model: model(20, null, false), rule: "access-key-created-at-setup" })).toEqual([]);
  });
});

describe("root user (CIS 1.3 to 1.6)", () => {
  const withRoot = (extra: { settings?: Parameters<typeof settings>[1]; row?: Parameters<typeof rootRow>[1] }): TOrgModel => {
    const model = cleanOrg();
    return {
      ...model,
      accountSettings: model.accountSettings.map((s) => (s.accountId === PROD ? settings(PROD, extra.settings) : s)),
      credentialReport: model.credentialReport.map((row) => (row.accountId === PROD ? rootRow(PROD, extra.row) : row)),
    };
  };

  it("root-access-key: from the account summary or an active key in the root row", () => {
    const fromSummary = withRoot({ settings: { summary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 1 } } });
    expect(findingsOf({ model: fromSummary, rule: "root-access-key" }).map((f) => [f.resourceKey, f.resourceName, f.severity, f.cisControl])).toEqual([[PROD, "prod", "critical", "1.3"]]);
    const fromRow = withRoot({ row: { accessKeys: [{ slot: 1, active: true, lastRotated: daysAgo(700), lastUsedDate: null }] } });
    expect(findingsOf({ model: fromRow, rule: "root-access-key" })[0].evidence.rootKeys).toEqual([{ slot: 1, active: true, lastRotated: daysAgo(700), lastUsedDate: null, ageDays: 700 }]);
  });

  it("root-no-mfa and root-virtual-mfa", () => {
    const noMfa = withRoot({ settings: { summary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 0 } } });
    expect(findingsOf({ model: noMfa, rule: "root-no-mfa" }).map((f) => [f.resourceKey, f.severity, f.cisControl])).toEqual([[PROD, "critical", "1.4"]]);
    expect(findingsOf({ model: noMfa, rule: "root-virtual-mfa" })).toEqual([]);
    const virtual = withRoot({ settings: { mfaDevices: [{ serialNumber: `arn:aws:iam::${PROD}:mfa/root-account-mfa-device`, virtual: true, userName: null }] } });
    expect(findingsOf({ model: virtual, rule: "root-virtual-mfa" }).map((f) => [f.resourceKey, f.severity, f.cisControl])).toEqual([[PROD, "medium", "1.5"]]);
    expect(findingsOf({ model: virtual, rule: "root-no-mfa" })).toEqual([]);
    // A user's virtual device says nothing about root.
    const userDevice = withRoot({ settings: { mfaDevices: [{ serialNumber: `arn:aws:iam::${PROD}:mfa/alice`, virtual: true, userName: "alice" }] } });
    expect(findingsOf({ model: userDevice, rule: "root-virtual-mfa" })).toEqual([]);
  });

  it("root-recent-use: a sign-in or key use within 90 days", () => {
    const signedIn = withRoot({ row: { passwordLastUsed: daysAgo(12) } });
    const [finding] = findingsOf({ model: signedIn, rule: "root-recent-use" });
    expect(finding).toMatchObject({ resourceKey: PROD, severity: "high", cisControl: "1.6", fingerprint: `root-recent-use|${PROD}` });
    expect(finding.evidence).toMatchObject({ daysSinceLastUsed: 12, lastUsed: daysAgo(12), windowDays: 90 });
    const keyUse = withRoot({ row: { passwordLastUsed: null, accessKeys: [{ slot: 2, active: false, lastRotated: null, lastUsedDate: daysAgo(30) }] } });
    expect(findingsOf({ model: keyUse, rule: "root-recent-use" })[0].evidence.daysSinceLastUsed).toBe(30);
    expect(findingsOf({ model: withRoot({ row: { passwordLastUsed: daysAgo(91) } }), rule: "root-recent-use" })).toEqual([]);
  });
});

describe("console-user-no-mfa (CIS 1.9)", () => {
  it("reports console users without MFA only", () => {
    const kim = user({ accountId: MGMT, name: "kim" });
    const lea = user({ accountId: MGMT, name: "lea" });
    const bot = user({ accountId: MGMT, name: "bot" });
    const rows = [
      credentialRow({ user: kim, passwordEnabled: true, passwordLastUsedDaysAgo: 3, mfaActive: false }),
      credentialRow({ user: lea, passwordEnabled: true, passwordLastUsedDaysAgo: 3, mfaActive: true }),
      credentialRow({ user: bot, passwordEnabled: false, mfaActive: false }),
    ];
    const findings = findingsOf({ model: withPrincipals(cleanOrg(), { principals: [kim, lea, bot], credentialReport: rows }), rule: "console-user-no-mfa" });
    expect(findings.map((f) => [f.resourceKey, f.severity, f.cisControl, f.evidence.daysSincePasswordUsed])).toEqual([[kim.key, "high", "1.9", 3]]);
  });
});

describe("password policy (CIS 1.7, 1.8)", () => {
  const withPolicy = (passwordPolicy: TAccountSettings["passwordPolicy"]): TOrgModel => {
    const model = cleanOrg();
    return { ...model, accountSettings: model.accountSettings.map((s) => (s.accountId === PROD ? { ...s, passwordPolicy } : s)) };
  };

  it("fails both controls without a password policy", () => {
    const model = withPolicy({ present: false });
    expect(findingsOf({ model, rule: "password-policy-short" }).map((f) => [f.resourceKey, f.cisControl, f.evidence.passwordPolicyPresent])).toEqual([[PROD, "1.7", false]]);
    expect(findingsOf({ model, rule: "password-policy-reuse" }).map((f) => [f.resourceKey, f.cisControl])).toEqual([[PROD, "1.8"]]);
  });

  it("checks length >= 14 and reuse prevention >= 24 separately", () => {
    const model = withPolicy({ present: true, MinimumPasswordLength: 12, PasswordReusePrevention: 24 });
    expect(findingsOf({ model, rule: "password-policy-short" }).map((f) => f.evidence.minimumPasswordLength)).toEqual([12]);
    expect(findingsOf({ model, rule: "password-policy-reuse" })).toEqual([]);
    const noReuse = withPolicy({ present: true, MinimumPasswordLength: 16 });
    expect(findingsOf({ model: noReuse, rule: "password-policy-short" })).toEqual([]);
    expect(findingsOf({ model: noReuse, rule: "password-policy-reuse" }).map((f) => f.evidence.passwordReusePrevention)).toEqual([null]);
  });

  it("says nothing when the policy was not collected", () => {
    expect(findingsOf({ model: withPolicy(null), rule: "password-policy-short" })).toEqual([]);
  });
});
