import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { GetAccountAuthorizationDetailsCommand, GetAccountSummaryCommand } from "@aws-sdk/client-iam";
import { paginateListAccounts } from "@aws-sdk/client-organizations";
import { loadOrg, parseOrg, OrgFileError } from "../load-org";
import { generateOrg } from "../generate-org";
import { startSimulator } from "../server";
import type { Organization } from "../model";
import { assume, clients, decode, errorOf, FIXTURE, hubCreds, NOW } from "./helpers";

const declared = (o: Organization, id: string) => {
  const a = o.accounts.find((x) => x.id === id)!;
  return {
    users: a.iam.users.filter((u) => u.arn !== o.hub.principalArn).length,
    groups: a.iam.groups.length,
    roles: a.iam.roles.filter((r) => !r.system).length,
  };
};

describe("org file loader", () => {
  it("resolves relative dates once against `now`", () => {
    const a = loadOrg(FIXTURE, { now: NOW });
    const b = loadOrg(FIXTURE, { now: NOW });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.now).toBe("2025-01-01T00:00:00Z");
    const later = loadOrg(FIXTURE, { now: NOW + 86_400_000 });
    expect(later.accounts[2].iam.users[0].createDate).toBe("2022-10-25T00:00:00Z");
    expect(later.accounts[2].iam.users[0].id).toBe(a.accounts[2].iam.users[0].id); // ids do not depend on time
  });

  it("names the offending field of a bad file", () => {
    const raw = parse(readFileSync(FIXTURE, "utf8"));
    raw.accounts[2].users[0].keys[1].ageDays = "old";
    expect(() => parseOrg(stringify(raw), { now: NOW })).toThrow(/accounts\[2\]\.users\[0\]\.keys\[1\]\.ageDays/);
    const raw2 = parse(readFileSync(FIXTURE, "utf8"));
    raw2.accounts[2].users[1].groups = ["Nope"];
    const e = (() => { try { parseOrg(stringify(raw2), { now: NOW }); } catch (x) { return x as OrgFileError; } })()!;
    expect(e).toBeInstanceOf(OrgFileError);
    expect(e.field).toBe("accounts[2].users[1].groups[0]");
    expect(e.message).toContain("unknown group Nope");
    const raw3 = parse(readFileSync(FIXTURE, "utf8"));
    raw3.accounts[2].roles[0].managedPolicies = ["NotARealPolicy"];
    expect(() => parseOrg(stringify(raw3), { now: NOW })).toThrow(/accounts\[2\]\.roles\[0\]\.managedPolicies\[0\]: unknown managed policy NotARealPolicy/);
  });
});

describe("generator", () => {
  it("is deterministic and produces the requested sizes", () => {
    const opts = { seed: 42, accounts: 30, principalsPerAccount: 40, now: NOW };
    const a = generateOrg(opts);
    expect(JSON.stringify(generateOrg(opts))).toBe(JSON.stringify(a));
    expect(JSON.stringify(generateOrg({ ...opts, seed: 43 }))).not.toBe(JSON.stringify(a));
    expect(a.accounts).toHaveLength(30);
    for (const acct of a.accounts) {
      const d = declared(a, acct.id);
      expect(d.users + d.groups + d.roles).toBe(40);
    }
    const ids = a.accounts.flatMap((x) => [...x.iam.users.map((u) => u.id), ...x.iam.roles.map((r) => r.id), ...x.iam.groups.map((g) => g.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    const depth = (id: string): number => { const ou = a.ous.find((o) => o.id === id); return ou ? 1 + depth(ou.parentId) : 0; };
    expect(Math.max(...a.accounts.map((x) => depth(x.parentId)))).toBe(3);
    const idc = a.identityCenter!;
    expect(idc.users.length).toBe(110);
    expect(idc.permissionSets.length).toBeGreaterThanOrEqual(5);
    expect(a.accounts.some((x) => x.iam.roles.some((r) => r.system === "sso"))).toBe(true);
  });

  it("builds 1,000 accounts × 150 principals in a few seconds", () => {
    const t0 = Date.now();
    const big = generateOrg({ seed: "big", accounts: 1000, principalsPerAccount: 150, now: NOW });
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(big.accounts).toHaveLength(1000);
    const d = declared(big, big.accounts[500].id);
    expect(d.users + d.groups + d.roles).toBe(150);
    expect(big.identityCenter!.users.length).toBe(400);
  });

  it("serves a generated organization", async () => {
    const org = generateOrg({ seed: 7, accounts: 12, principalsPerAccount: 20, now: NOW });
    const sim = await startSimulator({ org });
    try {
      const mgmt = clients(sim, await assume(sim, org.managementAccountId, "AccessAtlasOrgReader"));
      let n = 0;
      for await (const p of paginateListAccounts({ client: mgmt.org }, {})) n += p.Accounts!.length;
      expect(n).toBe(12);
      const target = org.accounts.find((a) => a.status === "ACTIVE" && a.auditRole && a.id !== org.managementAccountId)!;
      const iam = clients(sim, await assume(sim, target.id, "GovernanceAuditRole")).iam;
      const gaad = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
      expect(gaad.UserDetailList!.length + gaad.GroupDetailList!.length + gaad.RoleDetailList!.length)
        .toBe(target.iam.users.length + target.iam.groups.length + target.iam.roles.length);
    } finally {
      await sim.stop();
    }
  });
});

describe("demo organization", () => {
  const demo = loadOrg("demo", { now: NOW });
  const acct = (name: string) => demo.accounts.find((a) => a.name === name)!;

  it("has the planted structure and risks", () => {
    expect(demo.accounts.map((a) => a.name)).toEqual([
      "acme-management", "acme-security", "acme-log-archive", "acme-shared-services", "acme-prod", "acme-staging", "acme-dev", "acme-sandbox", "acme-legacy-analytics",
    ]);
    expect(acct("acme-legacy-analytics").status).toBe("SUSPENDED");
    expect(acct("acme-sandbox").iam.roles.some((r) => r.name === "GovernanceAuditRole")).toBe(false);
    expect(acct("acme-management").iam.root.accessKeys).toHaveLength(1);
    expect(acct("acme-dev").iam.root.mfa).toBeUndefined();
    const prod = acct("acme-prod").iam;
    expect(prod.users.find((u) => u.name === "deploy-bot")!.accessKeys.filter((k) => k.status === "Active")).toHaveLength(2);
    expect(decode(encodeURIComponent(prod.roles.find((r) => r.name === "partner-analytics-access")!.trustPolicy)).Statement[0]).toEqual({
      Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:root" }, Action: "sts:AssumeRole",
    });
    const app = prod.roles.find((r) => r.name === "app-server-role")!;
    expect(app.managedPolicyArns).toEqual(["arn:aws:iam::aws:policy/AdministratorAccess"]);
    expect(app.instanceProfiles).toHaveLength(1);
    const emails = demo.accounts.flatMap((a) => a.iam.users.filter((u) => u.tags.some((t) => t.Value === "alex.chen@acme.example")).map(() => a.name));
    expect(emails).toEqual(["acme-management", "acme-prod", "acme-dev"]);
    expect(acct("acme-dev").iam.passwordPolicy!.MinimumPasswordLength).toBe(6);
    expect(acct("acme-staging").iam.passwordPolicy).toBeUndefined();
    const ssoRoles = prod.roles.filter((r) => r.system === "sso").map((r) => r.name.replace(/_[0-9a-f]{16}$/, ""));
    expect(ssoRoles).toEqual(["AWSReservedSSO_AdministratorAccess", "AWSReservedSSO_ReadOnly", "AWSReservedSSO_DataScientist", "AWSReservedSSO_SecurityAudit"]);
  });

  it("is served: the hub reaches every active account except the one without the audit role", async () => {
    const sim = await startSimulator({ org: demo });
    try {
      const sts = clients(sim, hubCreds(sim), { maxAttempts: 1 }).sts;
      const reachable: string[] = [];
      for (const a of demo.accounts) {
        const r = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${a.id}:role/GovernanceAuditRole`, RoleSessionName: "atlas" })).catch(() => undefined);
        if (r) reachable.push(a.name);
      }
      expect(reachable).not.toContain("acme-sandbox");
      expect(reachable).not.toContain("acme-legacy-analytics");
      expect(reachable).toHaveLength(7);
      const dev = clients(sim, await assume(sim, acct("acme-dev").id, "GovernanceAuditRole")).iam;
      expect((await dev.send(new GetAccountSummaryCommand({}))).SummaryMap).toMatchObject({ Users: 5, AccountMFAEnabled: 0 });
      expect((await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct("acme-prod").id}:role/partner-analytics-access`, RoleSessionName: "x1" })))).name).toBe("AccessDenied");
    } finally {
      await sim.stop();
    }
  });
});
