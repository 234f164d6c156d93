import { describe, expect, it } from "vitest";
import { assumeGrantingStatements, trustStatementsFor } from "./statements-granting";

// Trust policy principals as in https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
describe("graph explorer evidence", () => {
  const trust = {
    Version: "2012-10-17",
    Statement: [
      { Sid: "Ci", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/ci" }, Action: "sts:AssumeRole" },
      { Sid: "Ops", Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "sts:AssumeRole" },
      { Sid: "Tag", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/ci" }, Action: "sts:TagSession" },
    ],
  };

  it("keeps the trust statement naming the caller's ARN or its account, not another party's", () => {
    expect(trustStatementsFor({ trust, callerArn: "arn:aws:iam::111122223333:role/ci", callerAccountId: "111122223333" }).map((s) => s.Sid)).toEqual(["Ci"]);
    expect(trustStatementsFor({ trust, callerArn: "arn:aws:iam::444455556666:user/ops", callerAccountId: "444455556666" }).map((s) => s.Sid)).toEqual(["Ops"]);
    expect(trustStatementsFor({ trust, callerArn: "arn:aws:iam::999999999999:user/x", callerAccountId: "999999999999" })).toEqual([]);
  });

  it("finds the identity statements allowing sts:AssumeRole, by policy", () => {
    const found = assumeGrantingStatements({ policies: [
      { name: "assume-prod", document: { Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/deploy" }, { Effect: "Allow", Action: "s3:*", Resource: "*" }] } },
      { name: "AdministratorAccess", document: { Statement: { Effect: "Allow", Action: "*", Resource: "*" } } },
      { name: "deny", document: { Statement: { Effect: "Deny", Action: "sts:*", Resource: "*" } } },
    ] });
    expect(found.map((f) => f.policy)).toEqual(["assume-prod", "AdministratorAccess"]);
  });
});
