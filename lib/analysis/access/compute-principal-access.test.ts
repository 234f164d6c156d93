import { beforeAll, describe, expect, it } from "vitest";
import { loadActionCatalogue, type ActionCatalogue } from "../../policy";
import type { TPrincipalAccess } from "../results";
import { computePrincipalAccess } from "./compute-principal-access";
import { createPrincipalEvaluator } from "./create-principal-evaluator";
import { buildSmallOrg, keyOf, PROD, SANDBOX } from "./small-org.fixture";

let catalogue: ActionCatalogue;
let byName: (name: string) => TPrincipalAccess;
let access: TPrincipalAccess[];
const model = buildSmallOrg();

beforeAll(async () => {
  catalogue = await loadActionCatalogue();
  access = computePrincipalAccess({ model, catalogue });
  byName = (name) => access.find((entry) => entry.principalKey === keyOf(model, name))!;
});

describe("computePrincipalAccess", () => {
  it("covers every IAM user and role, not Identity Center users", () => {
    expect(access).toHaveLength(11);
    expect(access.some((entry) => entry.principalKey.startsWith("sso/"))).toBe(false);
    expect(byName("SandboxAdmin").accountId).toBe(SANDBOX);
  });

  it("makes a management-account admin a definite full admin: SCPs do not apply there", () => {
    const alice = byName("alice");
    expect(alice.adminEquivalent).toBe(true);
    expect(alice.adminDefinite).toBe(true);
    expect(alice.adminPaths[0]).toMatchObject({ id: "full-admin", grant: "allowed", limitedActionCount: 0 });
    expect(alice.grantedServices.length).toBe(catalogue.services.filter((service) => service.end > service.start).length);
  });

  it("applies a deny-list SCP: AdministratorAccess in PROD is a full admin within the ceiling, which denies creating access keys", () => {
    for (const name of ["AWSReservedSSO_AdministratorAccess_0a1b", "OrganizationAccountAccessRole"]) {
      const entry = byName(name);
      const paths = entry.adminPaths.map((path) => path.id);
      expect(entry.accountId).toBe(PROD);
      expect(entry.adminDefinite).toBe(true);
      const fullAdmin = entry.adminPaths.find((path) => path.id === "full-admin");
      expect(fullAdmin).toMatchObject({ grant: "allowed", description: "can perform every action its SCP/RCP ceiling does not deny" });
      expect(fullAdmin?.ceilingDeniedActions).toContain("iam:CreateAccessKey");
      expect(paths).not.toContain("create-access-key");
      expect(paths).toContain("attach-user-policy");
      expect(paths).toContain("passrole-ec2");
    }
  });

  it("finds privilege escalation through iam:PassRole with Lambda", () => {
    const deployer = byName("Deployer");
    expect(deployer.adminEquivalent).toBe(true);
    expect(deployer.adminPaths.map((path) => path.id)).toEqual(["passrole-lambda-invoke", "passrole-lambda-event-source"]);
    expect(deployer.servicesByLevel.Write).toEqual(["iam", "lambda", "s3", "sts"]);
  });

  it("applies an allow-list SCP: AdministratorAccess in the sandbox keeps only the listed services, as their full admin", () => {
    const sandboxAdmin = byName("SandboxAdmin");
    // Its own policies grant everything; the ceiling leaves ec2, logs, s3 and sts.
    expect(sandboxAdmin.adminEquivalent).toBe(true);
    expect(sandboxAdmin.adminPaths.map((path) => path.id)).toEqual(["full-admin"]);
    expect(sandboxAdmin.adminPaths[0].ceilingDeniedActionCount).toBeGreaterThan(10_000);
    expect(sandboxAdmin.grantedServices).toEqual(["ec2", "logs", "s3", "sts"]);
    expect(sandboxAdmin.servicesByLevel.Write).toEqual(["ec2", "logs", "s3", "sts"]);
    expect(sandboxAdmin.servicesByLevel.Read).toEqual(["ec2", "logs", "s3"]);
    const sts = sandboxAdmin.summary.services.find((service) => service.service === "sts")!;
    expect(sts.totals.allowed).toBe(1);
  });

  it("intersects a user's identity and group policies with the permission boundary", () => {
    const bob = byName("bob");
    // The group grants dynamodb:GetItem, which the boundary does not let through.
    expect(bob.grantedServices).toEqual(["s3", "sts"]);
    expect(bob.servicesByLevel).toEqual({ List: ["s3"], Read: ["s3"], Write: ["sts"], "Permissions management": [], Tagging: [] });
    // sts:AssumeRole is granted on one role ARN only.
    const sts = bob.summary.services.find((service) => service.service === "sts")!;
    expect(sts.levels.Write).toMatchObject({ allowed: 0, partial: 1, conditional: 0 });
  });

  it("lists allowed actions the catalogue does not know", () => {
    expect(byName("carol").unknownActions).toEqual(["ec2:DescribeInstancez"]);
    expect(byName("carol").servicesByLevel.List).toEqual(["ec2"]);
    expect(byName("bob").unknownActions).toEqual([]);
  });

  it("shares one result between principals whose access is the same, whatever their account", () => {
    expect(byName("AuditRole").summary).toBe(byName("PublicRole").summary);
    expect(byName("AuditRole").principalKey).not.toBe(byName("PublicRole").principalKey);
  });

  it("notes each principal's sts:AssumeRole status for reachability", () => {
    const evaluator = createPrincipalEvaluator({ model, catalogue });
    computePrincipalAccess({ model, catalogue, evaluator });
    expect(evaluator.assumeRoleStatus.get(keyOf(model, "CiRunner"))).toBe("allowed");
    expect(evaluator.assumeRoleStatus.get(keyOf(model, "bob"))).toBe("partial");
    expect(evaluator.assumeRoleStatus.get(keyOf(model, "carol"))).toBe("not-allowed");
    expect(evaluator.resolver.failures).toEqual([]);
  });
});
