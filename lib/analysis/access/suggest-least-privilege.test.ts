import { beforeAll, describe, expect, it } from "vitest";
import { loadActionCatalogue, type ActionCatalogue, type EffectiveAccess } from "../../policy";
import type { TPrincipal } from "../model";
import { createPrincipalEvaluator, evaluatePrincipal } from "./create-principal-evaluator";
import { AS_OF, buildSmallOrg } from "./small-org.fixture";
import { suggestLeastPrivilege } from "./suggest-least-privilege";

let catalogue: ActionCatalogue;
let sandboxAdmin: TPrincipal;
let effective: EffectiveAccess;
const daysBefore = (days: number) => new Date(Date.parse(AS_OF) - days * 86_400_000).toISOString();

beforeAll(async () => {
  catalogue = await loadActionCatalogue();
  const model = buildSmallOrg();
  sandboxAdmin = model.principals.find((principal) => principal.name === "SandboxAdmin")!;
  // Data completed two days before the analysis; the 90-day window ends there.
  sandboxAdmin.lastAccessed = {
    jobCompletionDate: daysBefore(2),
    usedServices: [
      { namespace: "s3", lastAuthenticated: daysBefore(5), actionLevel: true, actions: [
        { action: "GetObject", lastAccessed: daysBefore(5) },
        { action: "PutObject", lastAccessed: daysBefore(200) },
        { action: "ListBucket", lastAccessed: null },
      ] },
      { namespace: "ec2", lastAuthenticated: daysBefore(10), actionLevel: false, actions: [] },
      { namespace: "logs", lastAuthenticated: daysBefore(300), actionLevel: false, actions: [] },
      // Access Advisor counts denied attempts: iam is outside the sandbox's allow-list SCP.
      { namespace: "iam", lastAuthenticated: daysBefore(3), actionLevel: true, actions: [{ action: "CreateRole", lastAccessed: daysBefore(3) }] },
    ],
    unusedServices: ["sts"],
  };
  effective = evaluatePrincipal({ evaluator: createPrincipalEvaluator({ model, catalogue }), principal: sandboxAdmin })!;
});

describe("suggestLeastPrivilege", () => {
  it("keeps the actions used in the window and read-only access to services tracked per service", () => {
    const suggestion = suggestLeastPrivilege({ principal: sandboxAdmin, effective, asOf: AS_OF, windowDays: 90 });
    expect(suggestion.basedOn).toEqual({ jobCompletionDate: daysBefore(2), windowDays: 90, dataAgeDays: 2 });
    expect(suggestion.keptServices.map(({ service, basis }) => [service, basis])).toEqual([["ec2", "service-level"], ["s3", "action-level"]]);
    expect(suggestion.keptServices[1].actions).toEqual(["s3:GetObject"]);
    const s3Statement = suggestion.document!.Statement.find((statement) => statement.Sid === "UsedS3")!;
    expect(s3Statement).toEqual({ Sid: "UsedS3", Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" });
    const ec2Actions = suggestion.document!.Statement.find((statement) => statement.Sid === "ReadOnlyEc2")!.Action;
    expect(ec2Actions).toContain("ec2:Describe*");
    expect(ec2Actions).not.toContain("ec2:RunInstances");
    expect(ec2Actions.some((action) => action.startsWith("ec2:Terminate") || action.startsWith("ec2:Create"))).toBe(false);
  });

  it("drops services unused in the window, never used, or only tried without permission", () => {
    const suggestion = suggestLeastPrivilege({ principal: sandboxAdmin, effective, asOf: AS_OF, windowDays: 90 });
    expect(suggestion.droppedServices).toEqual([
      { service: "logs", reason: "not-used-in-window", lastUsed: daysBefore(300) },
      { service: "sts", reason: "never-used", lastUsed: null },
    ]);
    // iam is not granted at all, so it is neither kept nor dropped.
    expect(JSON.stringify(suggestion.document)).not.toContain("iam:");
    expect(suggestion.notes[0]).toContain("2 days before");
  });

  it("widens with the window", () => {
    const suggestion = suggestLeastPrivilege({ principal: sandboxAdmin, effective, asOf: AS_OF, windowDays: 365 });
    expect(suggestion.keptServices.map((entry) => entry.service)).toEqual(["ec2", "logs", "s3"]);
    expect(suggestion.keptServices.find((entry) => entry.service === "s3")!.actions).toEqual(["s3:GetObject", "s3:PutObject"]);
  });

  it("says so when there is no data to go on", () => {
    const suggestion = suggestLeastPrivilege({ principal: { ...sandboxAdmin, lastAccessed: null }, effective, asOf: AS_OF, windowDays: 90 });
    expect(suggestion.document).toBeNull();
    expect(suggestion.basedOn.jobCompletionDate).toBeNull();
    expect(suggestion.notes).toEqual([expect.stringMatching(/No last-accessed data/)]);
  });
});
