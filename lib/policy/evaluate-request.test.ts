import { beforeAll, describe, expect, it } from "vitest";
import type { ActionCatalogue } from "./action-catalogue";
import { evaluateRequest } from "./evaluate-request";
import { loadActionCatalogue } from "./load-action-catalogue";
import { parsePolicy } from "./parse-policy";

let catalogue: ActionCatalogue;
beforeAll(async () => {
  catalogue = await loadActionCatalogue();
});

const identity = (statements: object[], version = "2012-10-17") => parsePolicy({ id: "p", kind: "identity", document: { Version: version, Statement: statements } });

describe("evaluateRequest", () => {
  const selfService = identity([{ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::*:user/${aws:username}" }]);

  it("resolves policy variables in resources from principal facts", () => {
    const request = (resource: string) => evaluateRequest({
      catalogue, identityPolicies: [selfService], action: "iam:CreateAccessKey", resource,
      principal: { arn: "arn:aws:iam::111111111111:user/alice", accountId: "111111111111", userName: "alice" },
    }).decision;
    expect(request("arn:aws:iam::111111111111:user/alice")).toBe("allowed");
    expect(request("arn:aws:iam::111111111111:user/bob")).toBe("not-allowed");
  });

  // Without "Version": "2012-10-17" the policy language has no variables: the text is literal
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).
  it("reads ${...} literally in a policy of the 2008-10-17 language", () => {
    const old = identity([{ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::*:user/${aws:username}" }], "2008-10-17");
    const decision = evaluateRequest({
      catalogue, identityPolicies: [old], action: "iam:CreateAccessKey", resource: "arn:aws:iam::111111111111:user/alice",
      principal: { arn: "arn:aws:iam::111111111111:user/alice", accountId: "111111111111", userName: "alice" },
    });
    expect(decision.decision).toBe("not-allowed");
  });

  it("keeps an unresolvable variable as a pending condition", () => {
    const decision = evaluateRequest({ catalogue, identityPolicies: [selfService], action: "iam:CreateAccessKey", resource: "arn:aws:iam::111111111111:user/bob" });
    expect(decision.decision).toBe("conditional");
    expect(decision.pendingConditions[0].clauses).toEqual([{ operator: "ResourceVariable", key: "Resource", values: ["arn:aws:iam::*:user/${aws:username}"] }]);
  });

  it("reports the layer that blocks", () => {
    const decision = evaluateRequest({
      catalogue,
      identityPolicies: [identity([{ Effect: "Allow", Action: "*", Resource: "*" }])],
      scps: [[parsePolicy({ id: "scp", kind: "scp", document: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } })]],
      action: "sts:AssumeRole",
      resource: "arn:aws:iam::222222222222:role/X",
    });
    expect(decision).toMatchObject({ decision: "not-allowed", blockedBy: { layer: "scp", level: 0 } });
  });
});
