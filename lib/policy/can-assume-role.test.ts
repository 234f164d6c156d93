import { beforeAll, describe, expect, it } from "vitest";
import type { ActionCatalogue } from "./action-catalogue";
import { canAssumeRole } from "./can-assume-role";
import { computeEffectiveActions } from "./compute-effective-actions";
import { loadActionCatalogue } from "./load-action-catalogue";
import { parsePolicy } from "./parse-policy";

let catalogue: ActionCatalogue;
beforeAll(async () => {
  catalogue = await loadActionCatalogue();
});

const role = () => ({
  arn: "arn:aws:iam::111111111111:role/Audit",
  trustPolicy: parsePolicy({
    id: "trust",
    kind: "trust",
    document: { Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: ["sts:AssumeRole", "sts:TagSession"] }] },
  }),
});
const caller = { kind: "role" as const, arn: "arn:aws:iam::222222222222:role/Collector", accountId: "222222222222" };

describe("canAssumeRole", () => {
  it("reuses a computed effective access for the caller's side", () => {
    const callerEffective = computeEffectiveActions({
      catalogue,
      identityPolicies: [parsePolicy({ id: "assume-audit", kind: "identity", document: { Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole", "sts:TagSession"], Resource: "arn:aws:iam::*:role/Audit" }] } })],
    });
    const result = canAssumeRole({ catalogue, caller, role: role(), callerEffective, withSessionTags: true });
    expect(result.reachable).toBe("yes");
    expect(result.trust.actions).toEqual(["sts:AssumeRole", "sts:TagSession"]);
    expect(result.identity?.grantedBy.map((evidence) => evidence.policyId)).toEqual(["assume-audit"]);
  });

  it("needs sts:TagSession on the caller's side too when session tags are passed", () => {
    const callerPolicies = {
      identityPolicies: [parsePolicy({ id: "assume-only", kind: "identity", document: { Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] } })],
    };
    expect(canAssumeRole({ catalogue, caller, role: role(), callerPolicies }).reachable).toBe("yes");
    expect(canAssumeRole({ catalogue, caller, role: role(), callerPolicies, withSessionTags: true }).reachable).toBe("no");
  });

  it("insists on the caller's policies for AWS callers", () => {
    expect(() => canAssumeRole({ catalogue, caller, role: role() })).toThrow(/pass callerPolicies or callerEffective/);
  });
});
