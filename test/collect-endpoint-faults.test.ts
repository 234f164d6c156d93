// The collector against endpoints that behave unlike the one it was written with (issue
// 15): slow and busy, a record without its id, an unimplemented optional operation, an
// HTML page where an API answer belongs, Identity Center in another region.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRecords } from "../lib/snapshot/read-records";
import { startRun } from "../lib/collect/start-run";
import { loadOrg } from "../sim/load-org";
import type { TSessionUser } from "../lib/auth/permissions";
import { reachableAccounts, startHarness, type THarness } from "./collect-harness";

let h: THarness;
let baseline: Awaited<ReturnType<THarness["collect"]>>;
let baselineCalls: Record<string, number>;
const ADMIN: TSessionUser = { id: "test", email: "admin@example.com", name: "admin", roles: ["admin"] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  h = await startHarness();
  h.sim.resetStats();
  baseline = await h.collect();
  baselineCalls = { ...h.sim.stats().callsByOperation };
});
afterAll(async () => { await h?.stop(); });

const accountRuns = async (runId: number) =>
  (await h.db.pool.query("SELECT account_id, status, error_code, error, unavailable, api_calls FROM account_run WHERE run_id = $1", [runId])).rows;
// A clean check from the last 24 hours is reused; these tests present the endpoint as new.
const forgetEndpointChecks = () => h.db.pool.query("UPDATE collection_run SET summary = summary - 'endpointCheck' - 'identityCenterCheck'");
const runSummary = async (runId: number) => (await h.db.pool.query("SELECT status, error, summary FROM collection_run WHERE id = $1", [runId])).rows[0];

// Identity data (IAM, Identity Center, Organizations) is what a second run can reuse; data
// resources' policies are read again every run (nothing tells whether one changed).
const IDENTITY_SERVICES = new Set(["sts", "iam", "organizations", "sso", "identitystore", "sso-portal"]);
const identityCalls = (byOperation: Record<string, number>) =>
  Object.entries(byOperation).filter(([op]) => IDENTITY_SERVICES.has(op.split(":")[0])).reduce((n, [, c]) => n + c, 0);

describe("an unchanged second run", () => {
  it("reuses fresh Access Advisor data and the credential report: at most half the first run's identity calls", async () => {
    h.sim.resetStats();
    const second = await h.collect();
    const calls = h.sim.stats();
    expect(second.summary.apiCalls.total).toBe(calls.totalCalls);
    expect(calls.callsByOperation["iam:GenerateServiceLastAccessedDetails"] ?? 0).toBe(0);
    expect(calls.callsByOperation["iam:GenerateCredentialReport"] ?? 0).toBe(0);
    expect(identityCalls(calls.callsByOperation)).toBeLessThanOrEqual(identityCalls(baselineCalls) / 2);
    // Resources cost the same calls each run, no more.
    expect(calls.totalCalls - identityCalls(calls.callsByOperation)).toBeLessThanOrEqual(baseline.summary.apiCalls.total - identityCalls(baselineCalls));
    expect(second.summary.counts).toEqual(baseline.summary.counts);
    // The first run's clean endpoint check and the stored AWS-managed policy versions are reused.
    const { summary } = await runSummary(second.summary.runId);
    expect(summary.endpointCheck).toMatchObject({ missing: [], reusedFromRun: baseline.summary.runId });
    expect(calls.callsByOperation["iam:GetPolicyVersion"] ?? 0).toBe(0);
  });
});

describe("a slow endpoint that stays busy with abandoned requests", () => {
  it("stops the account on no progress with that reason, counts every call, and leaves nothing running after the run", async () => {
    const target = reachableAccounts(h.org).find((a) => a.id !== h.org.managementAccountId && a.id !== h.org.hub.accountId)!;
    // Each request takes 5 s on one of two workers, over three times the client's timeout.
    h.sim.setFaults({ slowEndpoint: { serviceMs: 5_000, workers: 2, accounts: [target.id] } });
    h.sim.resetStats();
    const started = Date.now();
    try {
      const run = await h.collect({ env: { COLLECT_CALL_TIMEOUT_MS: "1500", COLLECT_TIMEOUT_RETRIES: "1", COLLECT_NO_PROGRESS_MS: "6000", COLLECT_ACCOUNT_TIMEOUT_MS: "60000" } });
      const elapsed = Date.now() - started;
      const rows = await accountRuns(run.summary.runId);
      const row = rows.find((r) => r.account_id === target.id);
      expect(row).toMatchObject({ status: "failed", error_code: "NoProgress" });
      expect(row.error).toMatch(/no call was answered for \d+ s/);
      // Bounded: the breaker, not 10 attempts x 30 s per call.
      expect(elapsed).toBeLessThan(30_000);
      // Every other account ends as it did without the fault.
      const before = new Map((await accountRuns(baseline.summary.runId)).map((r) => [r.account_id, r.status]));
      const others = rows.filter((r) => r.account_id !== target.id);
      expect(others.map((r) => `${r.account_id}:${r.status}:${r.error_code ?? ""}`)).toEqual(others.map((r) => `${r.account_id}:${before.get(r.account_id)}:${r.error_code ?? ""}`));
      // Every request the endpoint received was counted by the run.
      const served = h.sim.stats();
      expect(run.summary.apiCalls.total).toBe(served.totalCalls);
      // Few attempts reached the slow account: timeouts are retried once, and the pace halves on each.
      const intoTarget = row.api_calls;
      expect(intoTarget).toBeGreaterThan(0);
      expect(intoTarget).toBeLessThan(40);
      // Nothing the account started outlives it: no request arrives after the run ended.
      await sleep(2_000);
      expect(h.sim.stats().totalCalls).toBe(served.totalCalls);
    } finally {
      h.sim.setFaults({});
    }
  });
});

describe("an account that gives up mid-way", () => {
  it("cancels its Access Advisor jobs with it: no call after the run, every call counted", async () => {
    const [target] = reachableAccounts(h.org).filter((a) => a.id !== h.org.managementAccountId && a.id !== h.org.hub.accountId);
    // Access Advisor polls hang (the server stays busy with them): the breaker ends the account while its jobs poll.
    h.sim.setFaults({ slowEndpoint: { serviceMs: 8_000, workers: 1, accounts: [target.id], operations: ["iam:GetServiceLastAccessedDetails"] } });
    h.sim.resetStats();
    try {
      const run = await h.collect({ accounts: [target.id], env: {
        ACCESS_ADVISOR_MAX_AGE_HOURS: "0", COLLECT_CALL_TIMEOUT_MS: "1500", COLLECT_TIMEOUT_RETRIES: "1",
      } });
      const row = (await accountRuns(run.summary.runId)).find((r) => r.account_id === target.id);
      // The polls time out, are retried once, then Access Advisor alone is given up; the account ends with its jobs still polling.
      expect(row.status).toBe("partial");
      expect(row.unavailable).toEqual([expect.objectContaining({ kind: "iam.last-accessed", code: "TimeoutError" })]);
      const atEnd = h.sim.stats();
      expect(atEnd.callsByOperation["iam:GenerateServiceLastAccessedDetails"] ?? 0).toBeGreaterThan(1);
      expect(run.summary.apiCalls.total).toBe(atEnd.totalCalls);
      await sleep(2_000);
      expect(h.sim.stats().totalCalls).toBe(atEnd.totalCalls);
    } finally {
      h.sim.setFaults({});
    }
  });
});

describe("one bad record", () => {
  it("a managed policy listed without PolicyId is stored under its ARN and the account stays whole", async () => {
    const account = h.org.accounts.find((a) => a.name === "acme-prod")!;
    const arns = account.iam.policies.map((p) => p.arn);
    expect(arns.length).toBeGreaterThanOrEqual(2);
    h.sim.setFaults({ policiesWithoutId: arns });
    try {
      const run = await h.collect();
      expect(run.summary.counts).toEqual(baseline.summary.counts);
      const row = (await accountRuns(run.summary.runId)).find((r) => r.account_id === account.id);
      expect(row.status).toBe("succeeded");
      const records = await readRecords({ pool: h.db.pool, scope: account.id, kinds: ["iam.policy", "iam.user", "iam.role"] });
      const policies = records.filter((r) => r.kind === "iam.policy" && !r.data.awsManaged);
      expect(policies.map((p) => p.key).sort()).toEqual([...arns].sort());
      for (const p of policies) expect(p.data.policyId).toBeNull();
      expect(records.filter((r) => r.kind === "iam.user").length).toBe(account.iam.users.length);
      expect(records.filter((r) => r.kind === "iam.role").length).toBe(account.iam.roles.length);
    } finally {
      h.sim.setFaults({});
    }
    // Once the endpoint sends the id again, it is kept beside the ARN key.
    await h.collect();
    const again = await readRecords({ pool: h.db.pool, scope: account.id, kinds: ["iam.policy"] });
    const ids = new Map(account.iam.policies.map((p) => [p.arn, p.id]));
    for (const p of again.filter((r) => !r.data.awsManaged)) expect(p.data.policyId).toBe(ids.get(p.key));
  });
});

describe("a record that cannot be keyed", () => {
  it("is set aside as a record error naming kind, account and the missing field; the rest of the account is stored", async () => {
    const account = h.org.accounts.find((a) => a.name === "acme-prod")!;
    const broken = account.iam.roles[0];
    h.sim.setFaults({ rolesWithoutId: [broken.arn] });
    try {
      const run = await h.collect();
      const row = (await accountRuns(run.summary.runId)).find((r) => r.account_id === account.id);
      expect(row.status).toBe("partial");
      expect(row.unavailable).toEqual([expect.objectContaining({ kind: "iam.role", code: "RecordError", record: broken.arn, missing: ["RoleId"] })]);
      expect(row.unavailable[0].message).toMatch(/iam\.role .* lacks RoleId/);
      const records = await readRecords({ pool: h.db.pool, scope: account.id, kinds: ["iam.user", "iam.role", "iam.access-key"] });
      expect(records.filter((r) => r.kind === "iam.user").length).toBe(account.iam.users.length);
      // The role's version stored by an earlier run stays current: bad input never deletes what was known.
      expect(records.filter((r) => r.kind === "iam.role").map((r) => r.arn).sort()).toEqual(account.iam.roles.map((r) => r.arn).sort());
      expect(records.filter((r) => r.kind === "iam.access-key").length).toBe(account.iam.users.reduce((n, u) => n + u.accessKeys.length, 0));
      // The console's history lists it with the account.
      const { listAccountRuns } = await import("../lib/runs/list-runs");
      const rows = await listAccountRuns({ user: ADMIN, runId: run.summary.runId });
      expect(rows.find((r) => r.accountId === account.id)?.unavailable.map((u) => u.code)).toEqual(["RecordError"]);
    } finally {
      h.sim.setFaults({});
    }
  });
});

describe("a missing optional Identity Center operation", () => {
  it("makes only the permission sets' boundary field unavailable, on the records and in the run", async () => {
    h.sim.setFaults({ unimplemented: ["sso:GetPermissionsBoundaryForPermissionSet"] });
    await forgetEndpointChecks();
    try {
      const run = await h.collect();
      expect(run.summary.status).toBe("partial");
      expect(run.summary.counts).toEqual(baseline.summary.counts);
      const sets = await readRecords({ pool: h.db.pool, scope: "org", kinds: ["sso.permission-set", "sso.user", "sso.group", "sso.assignment"] });
      const idc = h.org.identityCenter!;
      const permissionSets = sets.filter((r) => r.kind === "sso.permission-set");
      expect(permissionSets.length).toBe(idc.permissionSets.length);
      for (const ps of permissionSets) expect(ps.data.unavailableFields).toEqual(["permissionsBoundary"]);
      expect(sets.filter((r) => r.kind === "sso.user").length).toBe(idc.users.length);
      expect(sets.filter((r) => r.kind === "sso.group").length).toBe(idc.groups.length);
      expect(sets.filter((r) => r.kind === "sso.assignment").length).toBe(baseline.summary.counts.identityCenterAssignments);
      const { summary } = await runSummary(run.summary.runId);
      expect(summary.orgUnavailable).toEqual([expect.objectContaining({
        kind: "sso.permission-set.permissionsBoundary", code: "UnknownOperationException", operation: "GetPermissionsBoundaryForPermissionSet",
      })]);
      expect(summary.orgUnavailable[0].message).toMatch(/^SSOAdmin GetPermissionsBoundaryForPermissionSet at http:\/\/127\.0\.0\.1:\d+\/ \(HTTP 400/);
      // The start-of-run check names it as optional, with what it feeds.
      expect(summary.identityCenterMissingOperations).toEqual([expect.objectContaining({ operation: "sso:GetPermissionsBoundaryForPermissionSet", required: false })]);
      // The console's run history shows the unavailable field.
      const { listRuns } = await import("../lib/runs/list-runs");
      const listed = (await listRuns({ user: ADMIN })).find((r) => r.id === run.summary.runId);
      expect(listed?.orgUnavailable.map((u) => `${u.kind}:${u.operation}`)).toEqual(["sso.permission-set.permissionsBoundary:GetPermissionsBoundaryForPermissionSet"]);
    } finally {
      h.sim.setFaults({});
    }
    const healed = await h.collect();
    const sets = await readRecords({ pool: h.db.pool, scope: "org", kinds: ["sso.permission-set"] });
    expect(sets.every((ps) => ps.data.unavailableFields === undefined)).toBe(true);
    expect(healed.summary.status).toBe(baseline.summary.status);
  });
});

describe("an HTML page where the protocol promises JSON", () => {
  it("fails discovery with the service, operation, endpoint, status and content type", async () => {
    h.sim.setFaults({ htmlAnswers: ["organizations:DescribeOrganization"] });
    try {
      await expect(startRun({ pool: h.db.pool, env: h.env(), trigger: "test" }))
        .rejects.toThrow(/account discovery failed: UnexpectedResponse: Organizations DescribeOrganization at http:\/\/127\.0\.0\.1:\d+\/ \(HTTP 200 text\/html; charset=utf-8\)/);
    } finally {
      h.sim.setFaults({});
    }
  });

  it("fails each account of Identity Center mode with the SSO portal's answer named", async () => {
    const accounts = reachableAccounts(h.org).slice(0, 2);
    h.sim.setFaults({ htmlAnswers: ["sso-portal:GetRoleCredentials"] });
    try {
      const run = await h.collect({ accounts: accounts.map((a) => a.id), env: {
        COLLECT_MODE: "identity-center", SSO_ACCESS_TOKEN: "demo-sso-token-alice", IDENTITY_CENTER_ROLE_NAME: "AdministratorAccess",
        ORG_READER_ACCOUNT_ID: h.org.managementAccountId, ORG_READER_ROLE_ARN: "",
      } }).catch((error: Error) => error);
      // The org reader's own credentials come from the portal too: discovery fails first, naming it.
      expect(String(run instanceof Error ? run.message : JSON.stringify(run))).toMatch(
        /SSO GetRoleCredentials at http:\/\/127\.0\.0\.1:\d+\/federation\/credentials \(HTTP 200 text\/html; charset=utf-8\)/,
      );
    } finally {
      h.sim.setFaults({});
    }
  });
});

describe("the start-of-run endpoint check", () => {
  it("fails the run at once, naming each required operation the endpoint lacks", async () => {
    h.sim.setFaults({ unimplemented: ["iam:GetAccountAuthorizationDetails", "iam:GetCredentialReport"] });
    await forgetEndpointChecks();
    h.sim.resetStats();
    try {
      await expect(h.collect()).rejects.toThrow(/does not implement what jump-account mode needs: iam:GetAccountAuthorizationDetails \(required\): InvalidAction/);
      const { rows: [run] } = await h.db.pool.query("SELECT status, error, summary FROM collection_run ORDER BY id DESC LIMIT 1");
      expect(run.status).toBe("failed");
      expect(run.summary.endpointCheck.missing.map((m: { operation: string; required: boolean }) => `${m.operation}:${m.required}`).sort())
        .toEqual(["iam:GetAccountAuthorizationDetails:true", "iam:GetCredentialReport:false"]);
      // Failed before any account's collection: only discovery and the check's calls.
      expect(h.sim.stats().callsByOperation["iam:GenerateCredentialReport"] ?? 0).toBe(0);
    } finally {
      h.sim.setFaults({});
    }
  });
});

describe("the JSON summary", () => {
  it("carries the accounts discovered beside the counts by status, and managed policies split", () => {
    const s = baseline.summary;
    expect(s.accountsDiscovered).toBe(h.org.accounts.length);
    expect(s.accountsDiscovered).toBe(Object.values(s.accounts).reduce((a, b) => a + b, 0));
    const customer = reachableAccounts(h.org).reduce((n, a) => n + a.iam.policies.length, 0);
    expect(s.counts.customerManagedPolicies).toBe(customer);
    const used = new Set<string>();
    for (const a of reachableAccounts(h.org)) {
      for (const holder of [...a.iam.users, ...a.iam.groups, ...a.iam.roles]) for (const arn of holder.managedPolicyArns) if (arn.includes(":iam::aws:policy/")) used.add(arn);
      for (const holder of [...a.iam.users, ...a.iam.roles]) if (holder.permissionsBoundaryArn?.includes(":iam::aws:policy/")) used.add(holder.permissionsBoundaryArn);
    }
    for (const ps of h.org.identityCenter!.permissionSets) for (const arn of ps.managedPolicyArns) used.add(arn);
    expect(s.counts.awsManagedPolicies).toBe(used.size);
    expect(s.counts.managedPolicies).toBe(customer + used.size);
    expect(s.identityCenterRegion).toBe("us-east-1");
  });
});

describe("Identity Center in a home region other than AWS_REGION", () => {
  let other: THarness;
  afterAll(async () => { await other?.stop(); });

  it("is found there, collected there, and the run says which region answered", async () => {
    const org = loadOrg("demo");
    org.identityCenter!.region = "eu-west-1";
    other = await startHarness({ org });
    const run = await other.collect();
    expect(run.summary.identityCenterRegion).toBe("eu-west-1");
    const sets = await readRecords({ pool: other.db.pool, scope: "org", kinds: ["sso.permission-set"] });
    expect(sets.length).toBe(org.identityCenter!.permissionSets.length);
    const { rows: [row] } = await other.db.pool.query("SELECT summary FROM collection_run WHERE id = $1", [run.summary.runId]);
    expect(row.summary.identityCenter).toMatchObject({ region: "eu-west-1", source: "discovered" });
    // The next run asks the region that answered first: one ListInstances finds it.
    const next = await other.collect();
    const { rows: [again] } = await other.db.pool.query("SELECT summary FROM collection_run WHERE id = $1", [next.summary.runId]);
    expect(again.summary.identityCenter).toMatchObject({ region: "eu-west-1", regionsTried: 1 });
  });
});
