import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../policy";
import { callerDecisionKey, mayAllowAssumeRole } from "./may-allow-assume-role";

const identity = (id: string, statements: object[]) => parsePolicy({ id, kind: "identity", document: { Statement: statements } });
const deployRoles = identity("deploy", [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/Deploy*" }]);
const s3 = identity("s3", [{ Effect: "Allow", Action: "s3:*", Resource: "*" }]);
const ownUser = identity("own", [{ Effect: "Allow", Action: "sts:Assume*", Resource: "arn:aws:iam::*:role/${aws:username}" }]);

describe("mayAllowAssumeRole", () => {
  it("rules out roles no Allow statement for sts:AssumeRole points at", () => {
    expect(mayAllowAssumeRole({ policies: [s3, deployRoles], roleArn: "arn:aws:iam::111111111111:role/DeployApp" })).toBe(true);
    expect(mayAllowAssumeRole({ policies: [s3, deployRoles], roleArn: "arn:aws:iam::111111111111:role/Audit" })).toBe(false);
    expect(mayAllowAssumeRole({ policies: [s3], roleArn: "arn:aws:iam::111111111111:role/DeployApp" })).toBe(false);
  });

  it("leaves what patterns cannot judge to the full evaluation", () => {
    expect(mayAllowAssumeRole({ policies: [ownUser], roleArn: "arn:aws:iam::111111111111:role/Audit" })).toBe(true);
    const notResource = identity("not-resource", [{ Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:iam::*:role/Prod*" }]);
    expect(mayAllowAssumeRole({ policies: [notResource], roleArn: "arn:aws:iam::111111111111:role/Audit" })).toBe(true);
  });
});

describe("callerDecisionKey", () => {
  it("is shared by callers with the same policies, whatever their order", () => {
    expect(callerDecisionKey({ identityPolicies: [s3, deployRoles], principal: { arn: "a", accountId: "1" } }))
      .toBe(callerDecisionKey({ identityPolicies: [deployRoles, s3], principal: { arn: "b", accountId: "1" } }));
    expect(callerDecisionKey({ identityPolicies: [s3], groupPolicies: [deployRoles], principal: { arn: "a", accountId: "1" } }))
      .not.toBe(callerDecisionKey({ identityPolicies: [s3, deployRoles], principal: { arn: "a", accountId: "1" } }));
  });

  it("refuses to share when a statement about sts:AssumeRole depends on the caller", () => {
    expect(callerDecisionKey({ identityPolicies: [ownUser], principal: { arn: "a", accountId: "1" } })).toBeUndefined();
    const guard = parsePolicy({ id: "guard", kind: "scp", document: { Statement: [
      { Effect: "Allow", Action: "*", Resource: "*" },
      { Effect: "Deny", Action: "sts:AssumeRole", Resource: "*", Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin" } } },
    ] } });
    expect(callerDecisionKey({ identityPolicies: [s3], scps: [[guard]], principal: { arn: "a", accountId: "1" } })).toBeUndefined();
    // A caller-specific statement that cannot touch sts:AssumeRole does not matter.
    const tagged = identity("tagged", [{ Effect: "Allow", Action: "ec2:StartInstances", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "a" } } }]);
    expect(callerDecisionKey({ identityPolicies: [tagged, deployRoles], principal: { arn: "a", accountId: "1" } })).toBeDefined();
  });
});
