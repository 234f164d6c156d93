import { describe, expect, it } from "vitest";
import { conditionKeysOf } from "./condition-keys-of";

// Condition blocks per https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
describe("conditionKeysOf", () => {
  const identity = {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "s3:PutObject", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" }, Bool: { "aws:SecureTransport": "true" } } },
      { Effect: "Allow", Action: "ec2:*", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } },
      { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
      { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } },
    ],
  };

  it("names the keys of the statements on the service (a conditional Deny too), not other services'", () => {
    expect(conditionKeysOf({ document: identity, service: "s3" })).toEqual(["aws:MultiFactorAuthPresent", "aws:SecureTransport", "aws:SourceIp"]);
    expect(conditionKeysOf({ document: identity, service: "ec2" })).toEqual(["aws:RequestedRegion"]);
    expect(conditionKeysOf({ document: identity, service: "iam" })).toEqual([]);
  });

  it("reads a trust policy's conditions on sts:AssumeRole (ExternalId, MFA)", () => {
    const trust = { Statement: { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "x" }, Bool: { "aws:MultiFactorAuthPresent": "true" } } } };
    expect(conditionKeysOf({ document: trust, assume: true })).toEqual(["aws:MultiFactorAuthPresent", "sts:ExternalId"]);
    expect(conditionKeysOf({ document: { Statement: [{ Effect: "Allow", Action: "sts:TagSession", Condition: { StringEquals: { "aws:RequestTag/a": "b" } } }] }, assume: true })).toEqual([]);
  });

  it("reads an RCP's conditional Deny (Principal \"*\")", () => {
    const rcp = { Statement: [{ Effect: "Deny", Principal: "*", Action: ["s3:*", "kms:*"], Resource: "*", Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }] };
    expect(conditionKeysOf({ document: rcp, service: "kms" })).toEqual(["aws:SecureTransport"]);
    expect(conditionKeysOf({ document: rcp, service: "ec2" })).toEqual([]);
  });

  it("returns nothing for a malformed document", () => {
    expect(conditionKeysOf({ document: null, service: "s3" })).toEqual([]);
    expect(conditionKeysOf({ document: { Statement: "nope" }, service: "s3" })).toEqual([]);
  });
});
