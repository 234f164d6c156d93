import { describe, expect, it } from "vitest";
import { buildPrincipalContext, type ConditionContext } from "./condition-context";
import { evaluateClause, evaluateConditions } from "./evaluate-conditions";

const context: ConditionContext = {
  values: {
    "aws:principalarn": ["arn:aws:iam::111111111111:role/OrgAdmin"],
    "aws:principaltag/team": ["platform"],
    "aws:tagkeys": ["team", "env"],
    "aws:username": ["alice"],
    "aws:multifactorauthage": ["600"],
    "sts:externalid": null,
  },
};

const clause = (operator: string, key: string, ...values: string[]) => evaluateClause({ clause: { operator, key, values }, context });

describe("evaluateClause", () => {
  it("compares strings exactly, case-insensitively and with wildcards", () => {
    expect(clause("StringEquals", "aws:PrincipalTag/team", "platform")).toBe("true");
    expect(clause("StringEquals", "aws:PrincipalTag/team", "Platform")).toBe("false");
    expect(clause("StringEqualsIgnoreCase", "aws:PrincipalTag/team", "Platform")).toBe("true");
    expect(clause("StringLike", "aws:PrincipalTag/team", "plat*")).toBe("true");
    expect(clause("StringNotEquals", "aws:PrincipalTag/team", "data", "security")).toBe("true");
  });

  it("matches ARNs with wildcards", () => {
    expect(clause("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:role/OrgAdmin")).toBe("true");
    expect(clause("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/OrgAdmin")).toBe("false");
  });

  it("leaves keys the context does not know unresolved", () => {
    expect(clause("StringEquals", "aws:RequestedRegion", "eu-west-1")).toBe("unknown");
    expect(clause("IpAddress", "aws:SourceIp", "10.0.0.0/8")).toBe("unknown");
  });

  it("treats keys known to be absent as AWS does", () => {
    expect(clause("StringEquals", "sts:ExternalId", "x")).toBe("false");
    expect(clause("StringNotEquals", "sts:ExternalId", "x")).toBe("true");
    expect(clause("StringEqualsIfExists", "sts:ExternalId", "x")).toBe("true");
    expect(clause("Null", "sts:ExternalId", "true")).toBe("true");
    expect(clause("Null", "aws:username", "true")).toBe("false");
  });

  it("quantifies over multi-valued keys", () => {
    expect(clause("ForAllValues:StringEquals", "aws:TagKeys", "team", "env", "owner")).toBe("true");
    expect(clause("ForAllValues:StringEquals", "aws:TagKeys", "team")).toBe("false");
    expect(clause("ForAnyValue:StringEquals", "aws:TagKeys", "env")).toBe("true");
  });

  it("compares numbers and substitutes policy variables", () => {
    expect(clause("NumericLessThan", "aws:MultiFactorAuthAge", "3600")).toBe("true");
    expect(clause("StringEquals", "aws:PrincipalTag/team", "${aws:PrincipalTag/team}")).toBe("true");
    expect(clause("StringLike", "aws:PrincipalArn", "*${aws:SourceIdentity}")).toBe("unknown");
  });
});

describe("evaluateConditions", () => {
  it("is false if any clause is false, unknown if any is unknown, true otherwise", () => {
    const known = { operator: "StringEquals", key: "aws:username", values: ["alice"] };
    const unknown = { operator: "StringEquals", key: "aws:RequestedRegion", values: ["eu-west-1"] };
    const wrong = { operator: "StringEquals", key: "aws:username", values: ["bob"] };
    expect(evaluateConditions({ clauses: [known], context }).outcome).toBe("true");
    expect(evaluateConditions({ clauses: [known, unknown], context })).toEqual({ outcome: "unknown", unresolved: [unknown] });
    expect(evaluateConditions({ clauses: [unknown, wrong], context }).outcome).toBe("false");
  });

  it("knows a principal's missing tags once its full tag set is given", () => {
    const principal = buildPrincipalContext({ arn: "arn:aws:iam::111111111111:role/App", accountId: "111111111111", tags: { team: "data" } });
    const clauses = [{ operator: "StringEquals", key: "aws:PrincipalTag/owner", values: ["x"] }];
    expect(evaluateConditions({ clauses, context: principal }).outcome).toBe("false");
  });
});
