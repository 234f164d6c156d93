import { beforeAll, describe, expect, it } from "vitest";
import type { ActionCatalogue } from "./action-catalogue";
import { countActions, intersect, isEmptySet } from "./action-set";
import { compilePolicy } from "./compile-policy";
import { computeEffectiveActions } from "./compute-effective-actions";
import { createEffectiveAccessCache } from "./effective-access-cache";
import { actionStatus, explainAction } from "./explain-action";
import { loadActionCatalogue } from "./load-action-catalogue";
import { parsePolicy } from "./parse-policy";

let catalogue: ActionCatalogue;
beforeAll(async () => {
  catalogue = await loadActionCatalogue();
});

const identity = (id: string, statements: object[]) => parsePolicy({ id, kind: "identity", document: { Statement: statements } });
const scp = (id: string, statements: object[]) => parsePolicy({ id, kind: "scp", document: { Statement: statements } });

describe("computeEffectiveActions", () => {
  it("puts every action in at most one result set", () => {
    const effective = computeEffectiveActions({
      catalogue,
      identityPolicies: [identity("mix", [
        { Effect: "Allow", Action: "*", Resource: "*" },
        { Effect: "Deny", Action: "iam:*", Resource: "*" },
        { Effect: "Deny", Action: "s3:Delete*", Resource: "arn:aws:s3:::prod/*" },
        { Effect: "Deny", Action: "ec2:*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } } },
      ])],
    });
    const sets = [effective.allowed, effective.partial, effective.conditional, effective.denied];
    for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) expect(isEmptySet(intersect(sets[i], sets[j]))).toBe(true);
    expect(sets.reduce((total, set) => total + countActions(set), 0)).toBe(catalogue.size);
  });

  it("reuses the result for the same policies in any order", () => {
    const cache = createEffectiveAccessCache();
    const a = identity("a", [{ Effect: "Allow", Action: "s3:*", Resource: "*" }]);
    const b = identity("b", [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }]);
    const first = computeEffectiveActions({ catalogue, identityPolicies: [a, b], cache });
    const second = computeEffectiveActions({ catalogue, identityPolicies: [b, a], cache });
    const asGroup = computeEffectiveActions({ catalogue, identityPolicies: [a], groupPolicies: [b], cache });
    expect(second).toBe(first);
    expect(asGroup).not.toBe(first);
    expect(cache.hits).toBe(1);
  });

  it("keeps principals apart when principal facts settle a condition differently", () => {
    const cache = createEffectiveAccessCache();
    const admin = identity("admin", [{ Effect: "Allow", Action: "*", Resource: "*" }]);
    const guard = scp("guard", [
      { Effect: "Allow", Action: "*", Resource: "*" },
      { Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/OrgAdmin" } } },
    ]);
    const run = (arn: string) => computeEffectiveActions({ catalogue, identityPolicies: [admin], scps: [[guard]], cache, principal: { arn, accountId: "111111111111" } });
    const orgAdmin = run("arn:aws:iam::111111111111:role/OrgAdmin");
    const developer = run("arn:aws:iam::111111111111:role/Developer");
    const otherDeveloper = run("arn:aws:iam::111111111111:role/Tester");
    expect(actionStatus({ effective: orgAdmin, action: "iam:CreateUser" })).toBe("allowed");
    expect(actionStatus({ effective: developer, action: "iam:CreateUser" })).toBe("denied");
    expect(otherDeveloper).toBe(developer);
  });

  it("explains a conditional deny with the statement and its condition", () => {
    const effective = computeEffectiveActions({
      catalogue,
      identityPolicies: [identity("mfa-guard", [
        { Effect: "Allow", Action: "s3:*", Resource: "*" },
        { Sid: "NeedMfa", Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
      ])],
    });
    const explanation = explainAction({ effective, action: "S3:deletebucket" });
    expect(explanation).toMatchObject({ action: "s3:DeleteBucket", accessLevel: "Write", status: "conditional" });
    expect(explanation.deniedBy).toEqual([expect.objectContaining({
      policyId: "mfa-guard", statementIndex: 1, sid: "NeedMfa", conditional: true,
      conditions: [{ operator: "BoolIfExists", key: "aws:MultiFactorAuthPresent", values: ["false"] }],
    })]);
  });

  it("lists action entries the catalogue does not know instead of failing on them", () => {
    const policy = identity("typo", [{ Effect: "Allow", Action: ["s3:GetObjekt", "s3:Get*", "madeup:*"], Resource: "*" }]);
    expect(compilePolicy({ catalogue, policy }).unknownActions).toEqual(["s3:GetObjekt", "madeup:*"]);
  });

  it("refuses to answer for actions that do not exist", () => {
    const effective = computeEffectiveActions({ catalogue, identityPolicies: [] });
    expect(() => actionStatus({ effective, action: "s3:GetObjekt" })).toThrow(/Unknown action "s3:GetObjekt"/);
  });
});
