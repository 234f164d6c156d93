import { describe, expect, it } from "vitest";
import { policySegments, statementGrants } from "./get-principal-policy-segments";

const doc = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" },
    { Effect: "Allow", Action: "iam:*", Resource: "*" },
    { Effect: "Deny", Action: "iam:CreatePolicyVersion", Resource: "*" },
    { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
  ],
};

describe("policySegments", () => {
  it("reassembles the exact pretty JSON of the document", () => {
    const text = policySegments({ document: doc, actions: [] }).map((s) => s.text).join("");
    expect(JSON.parse(text)).toEqual(doc);
    expect(text).toBe(JSON.stringify(doc, null, 2));
  });

  it("highlights only the Allow statements granting an escalation action", () => {
    const segments = policySegments({ document: doc, actions: ["iam:CreatePolicyVersion"] });
    expect(segments.filter((s) => s.highlight).map((s) => JSON.parse(s.text.replace(/,$/, "")).Action)).toEqual(["iam:*"]);
  });

  it("highlights statements of a service, including NotAction that leaves it in", () => {
    const highlighted = policySegments({ document: doc, actions: [], service: "s3" }).filter((s) => s.highlight);
    expect(highlighted).toHaveLength(2);
    expect(statementGrants({ statement: { Effect: "Allow", NotAction: "s3:*" }, actions: [], service: "s3" })).toBe(false);
    expect(statementGrants({ statement: { Effect: "Allow", Action: "*" }, actions: [], service: "ec2" })).toBe(true);
  });

  // IAM JSON policy elements: Action, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
  // (wildcards in the action name), and Access Analyzer's INVALID_SERVICE_IN_ACTION,
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html:
  // a wildcard service prefix names no action, so the page highlights nothing the engine does not count.
  it("highlights no statement whose only entries have a wildcard in the service prefix, as the engine matches none", () => {
    const prefixed = { Version: "2012-10-17", Statement: [
      { Effect: "Allow", Action: ["s3*:Get*", "*:ListTagsForResource"], Resource: "*" },
      { Effect: "Allow", Action: "*:*", Resource: "*" },
      { Effect: "Allow", Action: "S3:get*", Resource: "*" },
    ] };
    const byAction = policySegments({ document: prefixed, actions: ["s3:GetObject", "sns:ListTagsForResource"] }).filter((s) => s.highlight);
    expect(byAction.map((s) => JSON.parse(s.text.replace(/,$/, "")).Action)).toEqual(["S3:get*"]);
    const byService = policySegments({ document: prefixed, actions: [], service: "s3" }).filter((s) => s.highlight);
    expect(byService.map((s) => JSON.parse(s.text.replace(/,$/, "")).Action)).toEqual(["S3:get*"]);
    expect(policySegments({ document: prefixed, actions: ["iam:CreateUser"] }).some((s) => s.highlight)).toBe(false);
    // Excluding "s3*:*" excludes nothing: the NotAction statement still grants S3.
    expect(statementGrants({ statement: { Effect: "Allow", NotAction: "s3*:*" }, actions: ["s3:GetObject"], service: "s3" })).toBe(true);
    expect(statementGrants({ statement: { Effect: "Allow", NotAction: "S3:*" }, actions: ["s3:GetObject"], service: "s3" })).toBe(false);
  });
});
