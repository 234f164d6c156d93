import { beforeAll, describe, expect, it } from "vitest";
import type { ActionCatalogue } from "./action-catalogue";
import { computeEffectiveActions } from "./compute-effective-actions";
import { detectAdminEquivalence } from "./detect-admin-equivalence";
import { loadActionCatalogue } from "./load-action-catalogue";
import { parsePolicy } from "./parse-policy";

let catalogue: ActionCatalogue;
beforeAll(async () => { catalogue = await loadActionCatalogue(); });

const identity = (statements: object[]) => parsePolicy({ id: "p", kind: "identity", document: { Statement: statements } });

describe("detectAdminEquivalence: full admin", () => {
  // Catalogue words with bit 31 set once compared unequal (signed `|` vs unsigned words),
  // so "*:*" was never reported as full admin.
  it("reports Allow * on * as a definite full-admin path", () => {
    const effective = computeEffectiveActions({ catalogue, identityPolicies: [identity([{ Effect: "Allow", Action: "*", Resource: "*" }])] });
    const admin = detectAdminEquivalence({ effective });
    expect(admin.definite).toBe(true);
    expect(admin.paths[0]).toMatchObject({ id: "full-admin", kind: "full-admin", grant: "allowed", limitedActionCount: 0 });
  });

  it("reports * on some resources only as a partial full-admin path", () => {
    // NotResource still names "*", so actions without a resource type stay allowed outright.
    const effective = computeEffectiveActions({ catalogue, identityPolicies: [identity([{ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::secret/*" }])] });
    expect(detectAdminEquivalence({ effective }).paths.find((p) => p.id === "full-admin")?.grant).toBe("partial");
  });

  it("is not full admin when * is granted on ARNs only: actions without a resource type need Resource \"*\"", () => {
    const effective = computeEffectiveActions({ catalogue, identityPolicies: [identity([{ Effect: "Allow", Action: "*", Resource: "arn:*" }])] });
    expect(detectAdminEquivalence({ effective }).paths.some((p) => p.id === "full-admin")).toBe(false);
  });

  it("is a full admin within the SCP ceiling when an SCP denies one action, and names it", () => {
    const scp = (id: string, statements: object[]) => parsePolicy({ id, kind: "scp", document: { Statement: statements } });
    const effective = computeEffectiveActions({
      catalogue,
      identityPolicies: [identity([{ Effect: "Allow", Action: "*", Resource: "*" }])],
      scps: [[scp("FullAWSAccess", [{ Effect: "Allow", Action: "*", Resource: "*" }]), scp("DenyLeave", [{ Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }])]],
    });
    const admin = detectAdminEquivalence({ effective });
    expect(admin.definite).toBe(true);
    expect(admin.paths[0]).toMatchObject({
      id: "full-admin", grant: "allowed", ceilingDeniedActions: ["organizations:LeaveOrganization"], ceilingDeniedActionCount: 1,
      limitedActions: ["organizations:LeaveOrganization"], description: "can perform every action its SCP/RCP ceiling does not deny",
    });
  });

  it("is a full admin within a region-lock SCP: the lock is the ceiling's condition, not the admin's", () => {
    const scp = (id: string, statements: object[]) => parsePolicy({ id, kind: "scp", document: { Statement: statements } });
    const effective = computeEffectiveActions({
      catalogue,
      identityPolicies: [identity([{ Effect: "Allow", Action: "*", Resource: "*" }])],
      scps: [[scp("FullAWSAccess", [{ Effect: "Allow", Action: "*", Resource: "*" }]), scp("RegionLock", [{ Effect: "Deny", NotAction: ["iam:*", "sts:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } } }])]],
    });
    const [path] = detectAdminEquivalence({ effective }).paths;
    expect(path).toMatchObject({ id: "full-admin", grant: "allowed", description: "can perform every action of every service" });
    expect(path.limitedActionCount).toBeGreaterThan(1000);
    expect(path.limitedActions).not.toContain("iam:CreateUser");
    expect(path.ceilingDeniedActionCount).toBeUndefined();
  });

  it("keeps the admin's own condition: an MFA-only administrator behind an SCP is conditional", () => {
    const scp = (id: string, statements: object[]) => parsePolicy({ id, kind: "scp", document: { Statement: statements } });
    const effective = computeEffectiveActions({
      catalogue,
      identityPolicies: [identity([{ Effect: "Allow", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }])],
      scps: [[scp("FullAWSAccess", [{ Effect: "Allow", Action: "*", Resource: "*" }]), scp("DenyLeave", [{ Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }])]],
    });
    const [path] = detectAdminEquivalence({ effective }).paths;
    expect(path).toMatchObject({ id: "full-admin", grant: "conditional", ceilingDeniedActionCount: 1 });
  });

  it("is no full admin when its own policies leave one action out, whatever the SCPs", () => {
    const scp = (id: string, statements: object[]) => parsePolicy({ id, kind: "scp", document: { Statement: statements } });
    const effective = computeEffectiveActions({
      catalogue,
      identityPolicies: [identity([{ Effect: "Allow", NotAction: "organizations:LeaveOrganization", Resource: "*" }])],
      scps: [[scp("FullAWSAccess", [{ Effect: "Allow", Action: "*", Resource: "*" }])]],
    });
    expect(detectAdminEquivalence({ effective }).paths.some((p) => p.id === "full-admin")).toBe(false);
  });

  it("is not full admin when one service is denied", () => {
    const effective = computeEffectiveActions({ catalogue, identityPolicies: [identity([
      { Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "s3:*", Resource: "*" },
    ])] });
    expect(detectAdminEquivalence({ effective }).paths.some((p) => p.id === "full-admin")).toBe(false);
  });
});
