import { beforeAll, describe, expect, it } from "vitest";
import { loadActionCatalogue, parsePolicy, type ActionCatalogue } from "../policy";
import { computePrincipalAccess } from "./access/compute-principal-access";
import { computeReachability } from "./access/compute-reachability";
import { createPrincipalEvaluator } from "./access/create-principal-evaluator";
import { findExternalTrusts } from "./access/find-external-trusts";
import { GENERATED_VENDORS, generateOrgModel } from "./generate-org-model";
import type { TOrgModel } from "./model";

const model = generateOrgModel({ principals: 4_000, accounts: 40, seed: 7 });
const byName = (name: string) => model.principals.filter((principal) => principal.name === name);

describe("generateOrgModel", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(JSON.stringify(generateOrgModel({ principals: 4_000, accounts: 40, seed: 7 }))).toBe(JSON.stringify(model));
    expect(JSON.stringify(generateOrgModel({ principals: 4_000, accounts: 40, seed: 8 }))).not.toBe(JSON.stringify(model));
  });

  it("has exactly the requested size", () => {
    expect(model.principals).toHaveLength(4_000);
    expect(model.accounts).toHaveLength(40);
    expect(model.principals.filter((principal) => principal.kind === "sso-user")).toHaveLength(80);
    expect(model.identityCenter.permissionSets).toHaveLength(15);
    expect(new Set(model.principals.map((principal) => principal.key)).size).toBe(4_000);
    expect(generateOrgModel({ principals: 100_000, accounts: 500 }).principals).toHaveLength(100_000);
  });

  it("builds an OU tree whose policies target existing OUs and accounts", () => {
    const targets = new Set([...model.accounts.flatMap((account) => account.ouPath), ...model.accounts.map((account) => account.id)]);
    for (const policy of [...model.scps, ...model.rcps]) for (const target of policy.targets) expect(targets.has(target)).toBe(true);
    expect(model.accounts[0]).toMatchObject({ isManagement: true, ouPath: ["r-gen1"] });
    expect(model.scps.map((policy) => policy.name)).toEqual(["FullAWSAccess", "DenyLeaveOrganization", "RegionLock", "ProtectSecurityTooling", "SandboxAllowList", "DenyAll"]);
    // The sandbox OU replaces FullAWSAccess with its allow-list.
    expect(model.scps[0].targets).not.toContain("ou-gen1-sandbox");
  });

  it("produces documents the policy engine parses", () => {
    const documents = new Map<object, string>();
    for (const principal of model.principals) {
      for (const ref of [...principal.identityPolicies, ...principal.groupPolicies, ...(principal.permissionsBoundary ? [principal.permissionsBoundary] : [])]) documents.set(ref.document as object, "identity");
      if (principal.trustPolicy) documents.set(principal.trustPolicy as object, "trust");
    }
    for (const policy of model.scps) documents.set(policy.document as object, "scp");
    for (const policy of model.rcps) documents.set(policy.document as object, "rcp");
    for (const [document, kind] of documents) expect(() => parsePolicy({ id: "generated", kind: kind as "identity", document })).not.toThrow();
    expect(documents.size).toBeGreaterThan(300);
  });

  it("mixes the shapes real organizations have", () => {
    const memberAccounts = model.accounts.filter((account) => !account.isManagement && account.collected);
    expect(byName("OrganizationAccountAccessRole")).toHaveLength(memberAccounts.length);
    expect(byName("JumpAdmin").length).toBeGreaterThan(10);
    expect(model.principals.filter((principal) => principal.serviceLinked).length).toBeGreaterThan(80);
    expect(model.principals.filter((principal) => principal.permissionsBoundary).length).toBeGreaterThan(0);
    expect(model.principals.some((principal) => principal.identityPolicies.some((ref) => ref.kind === "inline"))).toBe(true);
    expect(model.principals.filter((principal) => principal.kind === "iam-user" && principal.groups.length > 0).length).toBeGreaterThan(20);
    expect(model.principals.filter((principal) => principal.lastAccessed).length).toBeGreaterThan(1_000);
    expect(new Set(model.principals.flatMap((principal) => principal.identityPolicies.map((ref) => ref.id))).size).toBeGreaterThan(200);
  });

  it("links every Identity Center assignment to its AWSReservedSSO role, or to none when not collected", () => {
    const principals = new Map(model.principals.map((principal) => [principal.key, principal]));
    const members = new Set(model.identityCenter.groups.flatMap((group) => group.memberIds));
    expect(members.size).toBeGreaterThan(40);
    for (const assignment of model.identityCenter.assignments) {
      if (assignment.roleKey === null) continue;
      const role = principals.get(assignment.roleKey)!;
      expect(role).toMatchObject({ kind: "iam-role", accountId: assignment.accountId, ssoPermissionSetName: assignment.permissionSetName });
      expect(role.name.startsWith(`AWSReservedSSO_${assignment.permissionSetName}_`)).toBe(true);
    }
    expect(model.identityCenter.assignments.some((assignment) => assignment.roleKey === null)).toBe(true);
    expect(model.identityCenter.assignments.some((assignment) => assignment.principalType === "USER")).toBe(true);
  });
});

describe("the generated organization through the analysis", () => {
  let catalogue: ActionCatalogue;
  let analysed: { model: TOrgModel; adminCount: number; reachCount: number; jumpAdminReach: boolean[] };

  beforeAll(async () => {
    catalogue = await loadActionCatalogue();
    const evaluator = createPrincipalEvaluator({ model, catalogue });
    const access = computePrincipalAccess({ model, catalogue, evaluator });
    const reach = computeReachability({ model, catalogue, evaluator });
    const jumpAdmins = new Set(byName("JumpAdmin").map((role) => role.key));
    const admins = model.groups.find((group) => group.name === "JumpAdmins")!;
    const person = model.principals.find((principal) => principal.groups.includes(admins.name))!;
    analysed = {
      model, adminCount: access.filter((entry) => entry.adminEquivalent).length, reachCount: reach.length,
      jumpAdminReach: reach.filter((entry) => entry.sourceKey === person.key && jumpAdmins.has(entry.targetKey)).map((entry) => entry.conditional),
    };
  });

  it("finds admins, cross-account reach and the jump account's MFA-guarded switch into every workload", () => {
    expect(analysed.adminCount).toBeGreaterThan(100);
    expect(analysed.reachCount).toBeGreaterThan(1_000);
    expect(analysed.jumpAdminReach).toHaveLength(byName("JumpAdmin").length);
    expect(analysed.jumpAdminReach.every((conditional) => conditional)).toBe(true);
  });

  it("has vendor, unknown-account and service trusts to report", () => {
    const external = findExternalTrusts({ model, config: { unusedDays: 90, keyMaxAgeDays: 90, knownVendors: GENERATED_VENDORS } });
    const kinds = new Set(external.map((entry) => entry.partyKind));
    expect(kinds).toContain("service");
    expect(kinds).toContain("external-account");
    expect(external.some((entry) => entry.knownVendor !== null)).toBe(true);
  });
});
