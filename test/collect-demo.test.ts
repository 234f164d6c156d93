import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRecords } from "../lib/snapshot/read-records";
import { reachableAccounts, startHarness, type THarness } from "./collect-harness";

let h: THarness;
let first: Awaited<ReturnType<THarness["collect"]>>;

beforeAll(async () => {
  h = await startHarness();
  first = await h.collect();
});
afterAll(async () => { await h?.stop(); });

const byKind = async (scope: string, kind: string) => readRecords({ pool: h.db.pool, scope, kinds: [kind] });

describe("collecting the demo organization from the simulator", () => {
  it("ends partial: the account without the audit role fails, the suspended one is skipped, the rest succeed", async () => {
    const reachable = reachableAccounts(h.org);
    const missingRole = h.org.accounts.filter((a) => a.status === "ACTIVE" && !a.auditRole);
    const suspended = h.org.accounts.filter((a) => a.status !== "ACTIVE");
    expect(missingRole.length).toBeGreaterThan(0);
    expect(suspended.length).toBeGreaterThan(0);
    expect(first.summary.status).toBe("partial");
    expect(first.summary.accounts).toMatchObject({ succeeded: reachable.length, failed: missingRole.length, skipped: suspended.length });
    const { rows } = await h.db.pool.query("SELECT account_id, status, error_code, error FROM account_run WHERE run_id = $1", [first.summary.runId]);
    for (const a of missingRole) {
      const row = rows.find((r) => r.account_id === a.id);
      expect(row).toMatchObject({ status: "failed", error_code: "AccessDenied" });
      expect(row.error).toContain("sts:AssumeRole");
    }
    for (const a of suspended) expect(rows.find((r) => r.account_id === a.id)?.status).toBe("skipped");
  });

  it("stores every account's users, groups, roles, customer policies and keys as the simulator has them", async () => {
    for (const account of reachableAccounts(h.org)) {
      const users = await byKind(account.id, "iam.user");
      expect(users.map((u) => u.key).sort()).toEqual(account.iam.users.map((u) => u.id).sort());
      expect((await byKind(account.id, "iam.group")).length).toBe(account.iam.groups.length);
      const roles = await byKind(account.id, "iam.role");
      expect(roles.map((r) => r.name).sort()).toEqual(account.iam.roles.map((r) => r.name).sort());
      const customer = (await byKind(account.id, "iam.policy")).filter((p) => !p.data.awsManaged);
      expect(customer.map((p) => p.arn).sort()).toEqual(account.iam.policies.map((p) => p.arn).sort());
      const keys = await byKind(account.id, "iam.access-key");
      expect(keys.map((k) => k.key).sort()).toEqual(account.iam.users.flatMap((u) => u.accessKeys.map((k) => k.id)).sort());
      for (const key of keys) expect(JSON.stringify(key.data)).not.toMatch(/secret/i);
      const lastAccessed = await byKind(account.id, "iam.last-accessed");
      expect(lastAccessed.length).toBe(account.iam.users.length + account.iam.roles.length);
      const report = await byKind(account.id, "iam.credential-report");
      expect(report.find((r) => r.data.isRoot)?.data.user).toBe("<root_account>");
      expect(report.length).toBe(account.iam.users.length + 1);
    }
  });

  it("keeps chosen values: decoded trust policies, key usage, root keys, password policy state, last-accessed services", async () => {
    const accounts = reachableAccounts(h.org);
    const externalTrust = accounts.flatMap((a) => a.iam.roles.filter((r) => r.trustPolicy.includes("999988887777")).map((r) => ({ a, r })));
    expect(externalTrust.length).toBeGreaterThan(0);
    const { a, r } = externalTrust[0];
    const role = (await byKind(a.id, "iam.role")).find((x) => x.key === r.id)!;
    expect(role.data.trust.principals.map((p: { value: string }) => p.value)).toContain("arn:aws:iam::999988887777:root");
    const { rows: doc } = await h.db.pool.query("SELECT document FROM policy_document WHERE hash = $1", [role.data.trust.documentHash]);
    expect(doc[0].document).toEqual(JSON.parse(r.trustPolicy));

    const twoKeys = accounts.flatMap((acc) => acc.iam.users.filter((u) => u.accessKeys.filter((k) => k.status === "Active").length === 2).map((u) => ({ acc, u })));
    expect(twoKeys.length).toBeGreaterThan(0);
    const keys = (await byKind(twoKeys[0].acc.id, "iam.access-key")).filter((k) => k.data.userName === twoKeys[0].u.name);
    expect(keys.map((k) => k.data.status)).toEqual(["Active", "Active"]);
    const usedKey = twoKeys[0].u.accessKeys.find((k) => k.lastUsed);
    if (usedKey) expect(keys.find((k) => k.key === usedKey.id)?.data.lastUsedService).toBe(usedKey.lastUsed!.service);

    let usedTotal = 0;
    let unusedTotal = 0;
    for (const acc of accounts) {
      const summary = (await byKind(acc.id, "iam.account-summary"))[0];
      expect(summary.data.summary.AccountAccessKeysPresent).toBe(acc.iam.root.accessKeys?.length ? 1 : 0);
      const policy = (await byKind(acc.id, "iam.password-policy"))[0];
      expect(policy.data.present).toBe(Boolean(acc.iam.passwordPolicy));
      if (acc.iam.passwordPolicy) expect(policy.data.MinimumPasswordLength).toBe(acc.iam.passwordPolicy.MinimumPasswordLength);
      // AWS reports a service only when the principal's policies grant it, so the collected
      // used services are those of the model's usage that a policy grants, with its dates.
      for (const user of acc.iam.users) {
        const la = (await byKind(acc.id, "iam.last-accessed")).find((x) => x.key === user.id)!;
        for (const used of la.data.usedServices) {
          const model = user.lastAccessed.find((s) => s.service === used.namespace);
          expect(model, `${user.name} ${used.namespace}`).toBeDefined();
          expect(Date.parse(used.lastAuthenticated)).toBe(Date.parse(model!.date));
        }
        usedTotal += la.data.usedServices.length;
        unusedTotal += la.data.unusedServices.length;
      }
    }
    // The demo plants mostly-unused grants.
    expect(usedTotal).toBeGreaterThan(0);
    expect(unusedTotal).toBeGreaterThan(usedTotal);
  });

  it("records the organization, SCPs with targets, and Identity Center linked to its AWSReservedSSO roles", async () => {
    const accounts = await byKind("org", "org.account");
    expect(accounts.map((a) => a.key).sort()).toEqual(h.org.accounts.map((a) => a.id).sort());
    expect((await byKind("org", "org.ou")).length).toBe(h.org.ous.length);
    const policies = await byKind("org", "org.policy");
    expect(policies.map((p) => p.key).sort()).toEqual(h.org.policies.map((p) => p.id).sort());
    const ic = h.org.identityCenter!;
    const assignments = await byKind("org", "sso.assignment");
    expect(assignments.length).toBe(ic.assignments.length);
    expect(first.summary.counts.identityCenterAssignments).toBe(ic.assignments.length);
    const links = await byKind("org", "sso.assignment-role");
    const reachable = new Set(reachableAccounts(h.org).map((a) => a.id));
    for (const link of links.filter((l) => reachable.has(l.data.accountId))) {
      expect(link.data.roleArn).toMatch(new RegExp(`^arn:aws:iam::${link.data.accountId}:role/aws-reserved/sso.amazonaws.com/.*AWSReservedSSO_${link.data.permissionSetName}_[0-9a-f]{16}$`));
    }
    expect((await byKind("org", "sso.user")).length).toBe(ic.users.length);
  });

  it("summarises the run with counts that match the stored records", async () => {
    const reachable = reachableAccounts(h.org);
    expect(first.summary.counts.users).toBe(reachable.reduce((n, a) => n + a.iam.users.length, 0));
    expect(first.summary.counts.roles).toBe(reachable.reduce((n, a) => n + a.iam.roles.length, 0));
    expect(first.summary.counts.accessKeys).toBe(reachable.reduce((n, a) => n + a.iam.users.reduce((k, u) => k + u.accessKeys.length, 0), 0));
    expect(first.summary.counts.inlinePolicies).toBe(reachable.reduce((n, a) => n + [...a.iam.users, ...a.iam.groups, ...a.iam.roles].reduce((k, p) => k + p.inlinePolicies.length, 0), 0));
    expect(first.summary.counts.trustRelationships).toBeGreaterThanOrEqual(first.summary.counts.roles);
  });

  it("re-collecting the unchanged organization adds no snapshot rows and grows the database by under 5%", async () => {
    const size = async () => (await h.db.pool.query("SELECT pg_database_size(current_database())::bigint AS n")).rows[0].n as number;
    const rows = async () => (await h.db.pool.query("SELECT count(*)::int AS n FROM snapshot_record")).rows[0].n as number;
    const rowsBefore = await rows();
    const sizeBefore = await size();
    const second = await h.collect();
    expect(second.summary.counts).toEqual(first.summary.counts);
    expect(await rows()).toBe(rowsBefore);
    const growth = (await size()) - sizeBefore;
    expect(growth / sizeBefore).toBeLessThan(0.05);
    // The first snapshot still reads back as it was.
    const atFirst = await readRecords({ pool: h.db.pool, runId: first.summary.runId, kinds: ["iam.user"] });
    expect(atFirst.length).toBe(first.summary.counts.users);
  });
});
