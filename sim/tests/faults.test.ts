import { afterEach, describe, expect, it } from "vitest";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { GetAccountAuthorizationDetailsCommand, GetAccountSummaryCommand } from "@aws-sdk/client-iam";
import { ListRootsCommand, TooManyRequestsException } from "@aws-sdk/client-organizations";
import { ListInstancesCommand, ListPermissionSetsCommand, ThrottlingException } from "@aws-sdk/client-sso-admin";
import { FaultEngine } from "../faults";
import type { SimulatorHandle } from "../server";
import { assume, clients, errorOf, HUB, hubCreds, MGMT, PROD, startFixture } from "./helpers";

let sim: SimulatorHandle | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("token buckets", () => {
  it("refuse without consuming, refill at the rate, and report the wall-time bound", () => {
    const f = new FaultEngine({ throttle: { perAccount: { rate: 10, burst: 5 } } });
    let t = 1_000_000;
    const ok = () => f.admit("iam:X", "A", "C", t);
    for (let i = 0; i < 5; i++) expect(ok()).toBe(true);
    for (let i = 0; i < 50; i++) expect(ok()).toBe(false); // refusals consume nothing…
    t += 100; // …so 100 ms later exactly one token is back
    expect(ok()).toBe(true);
    expect(ok()).toBe(false);
    for (let i = 0; i < 19; i++) { t += 100; expect(ok()).toBe(true); }
    expect(f.stats.acceptedByBucket["account:A"]).toBe(25);
    expect(f.stats.throttled).toBe(51);
    expect(f.stats.boundSeconds).toBeCloseTo(2.0); // (25 − 5) / 10
  });

  it("charge both the target-account and the calling-account bucket", () => {
    const f = new FaultEngine({ throttle: { perAccount: { rate: 1, burst: 10 }, perCaller: { rate: 1, burst: 3 } } });
    const t = 5_000;
    expect(f.admit("iam:X", "A1", "HUB", t)).toBe(true);
    expect(f.admit("iam:X", "A2", "HUB", t)).toBe(true);
    expect(f.admit("iam:X", "A3", "HUB", t)).toBe(true);
    expect(f.admit("iam:X", "A4", "HUB", t)).toBe(false); // caller bucket empty
    expect(f.stats.acceptedByBucket).toEqual({ "account:A1": 1, "account:A2": 1, "account:A3": 1, "caller:HUB": 3 });
  });
});

describe("throttling through the SDK", () => {
  it("answers with each service's throttling error, which the SDK retries", async () => {
    sim = await startFixture({ faults: { throttle: { perAccount: { rate: 40, burst: 3 } } } });
    const audit = await assume(sim, PROD, "GovernanceAuditRole"); // charged to the hub account's bucket
    const iam = clients(sim, audit, { maxAttempts: 8 }).iam;
    const results = await Promise.all(Array.from({ length: 12 }, () => iam.send(new GetAccountSummaryCommand({}))));
    expect(results.every((r) => r.SummaryMap!.Users === 3)).toBe(true);
    expect(results.some((r) => r.$metadata.attempts! > 1)).toBe(true);
    const s = sim.stats();
    expect(s.throttled).toBeGreaterThan(0);
    expect(s.throttledByOperation["iam:GetAccountSummary"]).toBe(s.throttled);
    expect(s.callsByOperation["iam:GetAccountSummary"]).toBe(12 + s.throttled);
    expect(s.acceptedByBucket[`account:${PROD}`]).toBe(12);
    expect(s.acceptedByBucket[`account:${HUB}`]).toBe(1);
    expect(s.boundSeconds).toBeCloseTo((12 - 3) / 40);

    const once = clients(sim, audit, { maxAttempts: 1 }).iam;
    const burst = await Promise.all(Array.from({ length: 6 }, () => once.send(new GetAccountSummaryCommand({})).catch((e: Error) => e)));
    const err = burst.find((r) => r instanceof Error) as Error & { $metadata: { httpStatusCode: number } };
    expect(err.name).toBe("Throttling");
    expect(err.$metadata.httpStatusCode).toBe(400);

    const mg = clients(sim, await assume(sim, MGMT, "OrgReader"), { maxAttempts: 1 });
    const orgErrs = await Promise.all(Array.from({ length: 6 }, () => mg.org.send(new ListRootsCommand({})).catch((e: Error) => e)));
    expect(orgErrs.some((e) => e instanceof TooManyRequestsException)).toBe(true);
    await sleep(200);
    const ssoErrs = await Promise.all(Array.from({ length: 6 }, () => mg.ssoAdmin.send(new ListInstancesCommand({})).catch((e: Error) => e)));
    expect(ssoErrs.some((e) => e instanceof ThrottlingException)).toBe(true);
  });

  it("a throttled request consumes no token", async () => {
    sim = await startFixture({ faults: { throttle: { perAccount: { rate: 4, burst: 2 } } } });
    const iam = clients(sim, await assume(sim, PROD, "GovernanceAuditRole"), { maxAttempts: 1 }).iam;
    await iam.send(new GetAccountSummaryCommand({}));
    await iam.send(new GetAccountSummaryCommand({}));
    for (let i = 0; i < 10; i++) expect((await errorOf(iam.send(new GetAccountSummaryCommand({})))).name).toBe("Throttling");
    await sleep(300); // 1.2 tokens refilled; had the refusals consumed tokens the bucket would be deep in debt
    await expect(iam.send(new GetAccountSummaryCommand({}))).resolves.toBeTruthy();
    expect(sim.stats().acceptedByBucket[`account:${PROD}`]).toBe(3);
  });
});

describe("other faults", () => {
  it("accessDenied: AssumeRole into listed accounts and explicit SCP denies on listed APIs", async () => {
    sim = await startFixture({ faults: { accessDenied: { accounts: [HUB], apis: [{ account: PROD, action: "GetAccountAuthorizationDetails" }, { action: "sso:ListPermissionSets" }] } } });
    const sts = clients(sim, hubCreds(sim), { maxAttempts: 1 }).sts;
    const e1 = await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${HUB}:role/GovernanceAuditRole`, RoleSessionName: "s1" })));
    expect(e1.name).toBe("AccessDenied");
    const iam = clients(sim, await assume(sim, PROD, "GovernanceAuditRole"), { maxAttempts: 1 }).iam;
    const e2 = await errorOf(iam.send(new GetAccountAuthorizationDetailsCommand({})));
    expect(e2.name).toBe("AccessDenied");
    expect(e2.message).toMatch(/iam:GetAccountAuthorizationDetails .*with an explicit deny in a service control policy$/);
    await expect(iam.send(new GetAccountSummaryCommand({}))).resolves.toBeTruthy();
    const mgmtIam = clients(sim, await assume(sim, MGMT, "GovernanceAuditRole"), { maxAttempts: 1 }).iam;
    await expect(mgmtIam.send(new GetAccountAuthorizationDetailsCommand({}))).resolves.toBeTruthy();
    const sso = clients(sim, await assume(sim, MGMT, "OrgReader"), { maxAttempts: 1 }).ssoAdmin;
    const { Instances } = await sso.send(new ListInstancesCommand({}));
    expect((await errorOf(sso.send(new ListPermissionSetsCommand({ InstanceArn: Instances![0].InstanceArn })))).name).toBe("AccessDeniedException");
  });

  it("errorRate5xx returns InternalFailure/ServiceUnavailable, which the SDK retries", async () => {
    sim = await startFixture({ faults: { errorRate5xx: 1, seed: 3 } });
    const once = clients(sim, hubCreds(sim), { maxAttempts: 1 }).sts;
    const e = await errorOf(once.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PROD}:role/GovernanceAuditRole`, RoleSessionName: "s1" })));
    expect(["InternalFailure", "ServiceUnavailable"]).toContain(e.name);
    expect([500, 503]).toContain(e.$metadata?.httpStatusCode);
    sim.setFaults({ errorRate5xx: 0.5, seed: 4 });
    const retrying = clients(sim, hubCreds(sim), { maxAttempts: 10 }).sts;
    const ok = await retrying.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PROD}:role/GovernanceAuditRole`, RoleSessionName: "s2" }));
    expect(ok.Credentials).toBeTruthy();
    expect(sim.stats().errors5xx).toBeGreaterThanOrEqual(1);
  });

  it("blackholed accounts never answer; latency delays every answer", async () => {
    sim = await startFixture({ faults: { blackholeAccounts: [PROD], latencyMs: 60 } });
    const sts = clients(sim, hubCreds(sim), { maxAttempts: 1, requestTimeoutMs: 400 }).sts;
    const e = await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PROD}:role/GovernanceAuditRole`, RoleSessionName: "s1" })));
    expect(e.name).toMatch(/TimeoutError|RequestTimeout/);
    expect(sim.stats().blackholed).toBe(1);
    const t0 = Date.now();
    await assume(sim, MGMT, "GovernanceAuditRole");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
  });
});
