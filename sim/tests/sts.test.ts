import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { SimulatorHandle } from "../server";
import { assume, clients, errorOf, HUB, hubCreds, NOAUDIT, PROD, startFixture, SUSPENDED } from "./helpers";

let sim: SimulatorHandle;
beforeAll(async () => { sim = await startFixture(); });
afterAll(async () => { await sim.stop(); });

const hubArn = "arn:aws:iam::222222222222:user/collector";

describe("STS", () => {
  it("identifies the hub and issues ASIA credentials acting in the target account", async () => {
    const { sts } = clients(sim, hubCreds(sim));
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: HUB, Arn: hubArn });
    expect(me.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);

    const r = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PROD}:role/GovernanceAuditRole`, RoleSessionName: "atlas", DurationSeconds: 900 }));
    expect(r.Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(r.Credentials!.Expiration).toBeInstanceOf(Date);
    expect(r.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/GovernanceAuditRole/atlas`);
    expect(r.AssumedRoleUser!.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:atlas$/);

    const session = clients(sim, { accessKeyId: r.Credentials!.AccessKeyId!, secretAccessKey: r.Credentials!.SecretAccessKey!, sessionToken: r.Credentials!.SessionToken! });
    const who = await session.sts.send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: PROD, Arn: `arn:aws:sts::${PROD}:assumed-role/GovernanceAuditRole/atlas` });
  });

  it("refuses a role whose trust does not admit the caller, with the real AccessDenied message", async () => {
    const { sts } = clients(sim, hubCreds(sim), { maxAttempts: 1 });
    const arn = `arn:aws:iam::${PROD}:role/vendor`;
    const e = await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: "x1" })));
    expect(e.name).toBe("AccessDenied");
    expect(e.$metadata?.httpStatusCode).toBe(403);
    expect(e.message).toBe(`User: ${hubArn} is not authorized to perform: sts:AssumeRole on resource: ${arn}`);
  });

  it("honours the sts:ExternalId condition", async () => {
    const { sts } = clients(sim, hubCreds(sim), { maxAttempts: 1 });
    const RoleArn = `arn:aws:iam::${PROD}:role/hub-external`;
    expect((await errorOf(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "xx" })))).name).toBe("AccessDenied");
    expect((await errorOf(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "xx", ExternalId: "wrong" })))).name).toBe("AccessDenied");
    const ok = await sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "xx", ExternalId: "xyz" }));
    expect(ok.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/hub-external/xx`);
  });

  it("admits Principal \"*\" with aws:PrincipalOrgID and a bare account-id principal", async () => {
    await expect(assume(sim, PROD, "open-with-org")).resolves.toBeTruthy();
    await expect(assume(sim, PROD, "hub-account-root")).resolves.toBeTruthy();
    await expect(assume(sim, PROD, "hub-direct")).resolves.toBeTruthy();
  });

  it("refuses missing roles, suspended accounts, role chaining past the trust, and over-long sessions", async () => {
    const { sts } = clients(sim, hubCreds(sim), { maxAttempts: 1 });
    const denied = async (account: string, role: string) =>
      (await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/${role}`, RoleSessionName: "x1" })))).name;
    expect(await denied(NOAUDIT, "GovernanceAuditRole")).toBe("AccessDenied");
    expect(await denied(SUSPENDED, "GovernanceAuditRole")).toBe("AccessDenied");
    expect(await denied(PROD, "no-such-role")).toBe("AccessDenied");

    const session = await assume(sim, PROD, "GovernanceAuditRole");
    const chained = clients(sim, session, { maxAttempts: 1 });
    const e = await errorOf(chained.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PROD}:role/hub-direct`, RoleSessionName: "x2" })));
    expect(e.message).toContain(`assumed-role/GovernanceAuditRole/atlas-test is not authorized`);

    const long = await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PROD}:role/GovernanceAuditRole`, RoleSessionName: "x3", DurationSeconds: 7200 })));
    expect(long.name).toBe("ValidationError");
  });

  it("rejects unknown keys and a session used with the wrong token", async () => {
    const bad = clients(sim, { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x" }, { maxAttempts: 1 });
    expect((await errorOf(bad.sts.send(new GetCallerIdentityCommand({})))).name).toBe("InvalidClientTokenId");
    const s = await assume(sim, PROD, "GovernanceAuditRole");
    const wrong = clients(sim, { ...s, sessionToken: "nope" }, { maxAttempts: 1 });
    expect((await errorOf(wrong.sts.send(new GetCallerIdentityCommand({})))).name).toBe("InvalidClientTokenId");
  });
});
