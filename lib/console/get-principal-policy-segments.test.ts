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
});
