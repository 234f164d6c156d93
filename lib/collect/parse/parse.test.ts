import { describe, expect, it } from "vitest";
import { decodePolicyDocument } from "./policy-document";
import { parseCredentialReport } from "./credential-report";
import { trustPrincipals } from "./trust-principals";

const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/100%/*" }] };

describe("decodePolicyDocument", () => {
  it("accepts URL-encoded JSON as GetAccountAuthorizationDetails sends it", () => {
    expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
  });
  it("accepts plain JSON, including a literal % that is not an escape", () => {
    expect(decodePolicyDocument(JSON.stringify(doc))).toEqual(doc);
  });
  it("accepts an already-parsed object", () => {
    expect(decodePolicyDocument(doc)).toBe(doc);
  });
  it("decodes + as a space in form-encoded documents", () => {
    expect(decodePolicyDocument("%7B%22Sid%22%3A%22a+b%22%7D")).toEqual({ Sid: "a b" });
  });
  it("names the problem for bad input", () => {
    expect(() => decodePolicyDocument("%7B%ZZ", "role x trust policy")).toThrow(/role x trust policy: neither JSON nor URL-encoded JSON/);
    expect(() => decodePolicyDocument("%7Bnot json", "p")).toThrow(/p: URL-decoded text is not JSON/);
    expect(() => decodePolicyDocument("", "p")).toThrow(/p: empty/);
    expect(() => decodePolicyDocument("[1,2]", "p")).toThrow(/p: not a JSON object/);
  });
});

const HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

describe("parseCredentialReport", () => {
  const csv = [
    HEADER,
    "<root_account>,arn:aws:iam::111111111111:root,2020-01-01T00:00:00+00:00,not_supported,2026-01-02T03:04:05+00:00,not_supported,not_supported,false,true,2021-05-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
    "alice,arn:aws:iam::111111111111:user/alice,2022-02-02T00:00:00+00:00,true,no_information,2022-02-02T00:00:00+00:00,N/A,true,true,2022-02-03T00:00:00+00:00,2026-11-01T10:00:00+00:00,us-east-1,s3,true,2023-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A",
  ].join("\n");
  it("parses the root row and users, mapping N/A and no_information to null", () => {
    const rows = parseCredentialReport(csv);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ user: "<root_account>", isRoot: true, mfaActive: false, passwordEnabled: null, passwordLastUsed: "2026-01-02T03:04:05+00:00" });
    expect(rows[0].accessKeys[0]).toEqual({ slot: 1, active: true, lastRotated: "2021-05-01T00:00:00+00:00", lastUsedDate: null, lastUsedRegion: null, lastUsedService: null });
    expect(rows[1]).toMatchObject({ user: "alice", isRoot: false, passwordEnabled: true, passwordLastUsed: null, mfaActive: true });
    expect(rows[1].accessKeys.map((k) => [k.active, k.lastUsedService])).toEqual([[true, "s3"], [true, null]]);
  });
  it("names missing columns", () => {
    expect(() => parseCredentialReport("user,arn\nx,y")).toThrow(/missing column\(s\) password_enabled, mfa_active/);
  });
});

describe("trustPrincipals", () => {
  it("reads every principal form", () => {
    const principals = trustPrincipals({
      Statement: [
        { Effect: "Allow", Principal: { AWS: "123456789012" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "x" } } },
        { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::999988887777:root", "arn:aws:iam::111111111111:role/ci"] }, Action: ["sts:AssumeRole", "sts:TagSession"] },
        { Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com"] }, Action: "sts:AssumeRole" },
        { Effect: "Allow", Principal: { Federated: "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com" }, Action: "sts:AssumeRoleWithWebIdentity" },
        { Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } },
        { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" },
        { Effect: "Deny", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "sts:AssumeRole" },
      ],
    });
    expect(principals.map((p) => [p.type, p.value, p.conditionKeys.join(",")])).toEqual([
      ["AWS", "123456789012", "sts:ExternalId"],
      ["AWS", "arn:aws:iam::999988887777:root", ""],
      ["AWS", "arn:aws:iam::111111111111:role/ci", ""],
      ["Service", "ec2.amazonaws.com", ""],
      ["Federated", "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com", ""],
      ["*", "*", "aws:PrincipalOrgID"],
      ["*", "*", ""],
    ]);
    expect(principals[1].actions).toEqual(["sts:AssumeRole", "sts:TagSession"]);
  });
  it("accepts a single statement object", () => {
    expect(trustPrincipals({ Statement: { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" } })).toHaveLength(1);
  });
});
