import { describe, expect, it } from "vitest";
import { parsePolicy } from "./parse-policy";
import { PolicyParseError } from "./policy-parse-error";

const readOnly = {
  Version: "2012-10-17",
  Statement: [{ Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" }],
};

function parseError(document: unknown, kind: "identity" | "trust" | "scp" = "identity"): PolicyParseError {
  try {
    parsePolicy({ id: "p", kind, document });
  } catch (error) {
    if (error instanceof PolicyParseError) return error;
    throw error;
  }
  throw new Error("expected a PolicyParseError");
}

describe("parsePolicy", () => {
  it("parses an object, a JSON string and URL-encoded JSON to the same policy", () => {
    const fromObject = parsePolicy({ id: "p", kind: "identity", document: readOnly });
    const fromString = parsePolicy({ id: "p", kind: "identity", document: JSON.stringify(readOnly) });
    const fromEncoded = parsePolicy({ id: "p", kind: "identity", document: encodeURIComponent(JSON.stringify(readOnly)) });
    expect(fromString).toEqual(fromObject);
    expect(fromEncoded).toEqual(fromObject);
    expect(fromObject.document.statements[0]).toMatchObject({ sid: "Read", actions: ["s3:GetObject", "s3:ListBucket"], resources: ["*"] });
  });

  it("decodes documents exactly as GetAccountAuthorizationDetails returns them", () => {
    const encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D";
    const policy = parsePolicy({ id: "trust", kind: "trust", document: encoded });
    expect(policy.document.statements[0].principal?.service).toEqual(["ec2.amazonaws.com"]);
  });

  it("normalises strings to lists and a single Statement object to a list", () => {
    const policy = parsePolicy({ id: "p", kind: "identity", document: { Statement: { Effect: "Deny", NotAction: "iam:*", NotResource: "arn:aws:s3:::x" } } });
    expect(policy.document.statements).toEqual([
      { index: 0, sid: undefined, effect: "Deny", actions: undefined, notActions: ["iam:*"], resources: undefined, notResources: ["arn:aws:s3:::x"], principal: undefined, notPrincipal: undefined, conditions: [] },
    ]);
  });

  it("normalises every principal form", () => {
    const policy = parsePolicy({
      id: "trust",
      kind: "trust",
      document: {
        Statement: [
          { Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" },
          { Effect: "Allow", Principal: { AWS: "111111111111", Service: ["ec2.amazonaws.com"], Federated: "accounts.google.com", CanonicalUser: "abc" }, Action: "sts:AssumeRole" },
          { Effect: "Deny", NotPrincipal: { AWS: ["arn:aws:iam::111111111111:role/A"] }, Action: "sts:AssumeRole" },
        ],
      },
    });
    const [star, mixed, not] = policy.document.statements;
    expect(star.principal).toEqual({ everyone: true, aws: [], service: [], federated: [], canonicalUser: [] });
    expect(mixed.principal).toEqual({ everyone: false, aws: ["111111111111"], service: ["ec2.amazonaws.com"], federated: ["accounts.google.com"], canonicalUser: ["abc"] });
    expect(not.notPrincipal?.aws).toEqual(["arn:aws:iam::111111111111:role/A"]);
  });

  it("flattens conditions into clauses with string values", () => {
    const policy = parsePolicy({
      id: "p",
      kind: "identity",
      document: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": true }, NumericLessThan: { "aws:MultiFactorAuthAge": [3600] }, StringEquals: { "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] } } }] },
    });
    expect(policy.document.statements[0].conditions).toEqual([
      { operator: "Bool", key: "aws:MultiFactorAuthPresent", values: ["true"] },
      { operator: "NumericLessThan", key: "aws:MultiFactorAuthAge", values: ["3600"] },
      { operator: "StringEquals", key: "aws:RequestedRegion", values: ["eu-west-1", "eu-central-1"] },
    ]);
  });

  it("defaults a missing Resource to * in SCPs", () => {
    const policy = parsePolicy({ id: "scp", kind: "scp", document: { Statement: [{ Effect: "Deny", Action: "organizations:LeaveOrganization" }] } });
    expect(policy.document.statements[0].resources).toEqual(["*"]);
  });

  it.each([
    ["broken JSON", '{"Statement": [', "invalid-json", /not valid JSON/],
    ["an empty string", "  ", "invalid-json", /empty string/],
    ["a broken %-escape", "%7B%22Statement%2", "invalid-encoding", /broken %-escape/],
    ["an array", [], "invalid-input", /got an array/],
    ["no Statement", { Version: "2012-10-17" }, "invalid-document", /^p Statement:/],
    ["an empty Statement list", { Statement: [] }, "invalid-document", /at least one statement/],
    ["a bad Effect", { Statement: [{ Effect: "allow", Action: "*", Resource: "*" }] }, "invalid-document", /Statement\[0\]\.Effect: must be "Allow" or "Deny"/],
    ["a misspelt element", { Statement: [{ Effect: "Allow", Actions: "*", Resource: "*" }] }, "invalid-document", /Actions/],
    ["a number as Action", { Statement: [{ Effect: "Allow", Action: 5, Resource: "*" }] }, "invalid-document", /Statement\[0\]\.Action: must be a string or a non-empty array/],
    ["an unknown Version", { Version: "2020-01-01", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }, "invalid-document", /Version/],
    ["Action and NotAction together", { Statement: [{ Effect: "Allow", Action: "*", NotAction: "iam:*", Resource: "*" }] }, "invalid-statement", /exactly one of Action or NotAction/],
    ["neither Action nor NotAction", { Statement: [{ Effect: "Allow", Resource: "*" }] }, "invalid-statement", /exactly one of Action or NotAction/],
    ["an action without a service prefix", { Statement: [{ Effect: "Allow", Action: "GetObject", Resource: "*" }] }, "invalid-statement", /"GetObject" is not/],
    ["an action with an empty service prefix", { Statement: [{ Effect: "Allow", Action: ":GetObject", Resource: "*" }] }, "invalid-statement", /":GetObject" is not/],
    ["an identity statement without Resource", { Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] }, "invalid-statement", /need Resource or NotResource/],
    ["a Principal in an identity policy", { Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" }] }, "invalid-statement", /cannot name a Principal/],
    ["Resource and NotResource together", { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*", NotResource: "arn:aws:s3:::x" }] }, "invalid-statement", /both Resource and NotResource/],
  ])("rejects %s with a named error", (_label, document, code, message) => {
    const error = parseError(document);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it("names the element of a single Statement object without an index", () => {
    const error = parseError({ Statement: { Effect: "Permit", Action: "*", Resource: "*" } });
    expect(error.path).toBe("Statement.Effect");
    expect(error.message).toBe('p Statement.Effect: must be "Allow" or "Deny"');
  });

  it("rejects a Statement that is neither an object nor a list", () => {
    expect(parseError({ Statement: "Allow everything" }).message).toMatch(/Statement: must be a statement object or a list/);
  });

  it("names the offending statement in a list", () => {
    const error = parseError({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Allow", Action: "*" }] });
    expect(error.path).toBe("Statement[1]");
  });

  it("requires a principal in trust policies", () => {
    expect(parseError({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] }, "trust").message).toMatch(/need Principal or NotPrincipal/);
  });
});
