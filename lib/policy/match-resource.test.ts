import { describe, expect, it } from "vitest";
import { matchResource } from "./match-resource";

describe("matchResource", () => {
  it.each([
    ["*", "arn:aws:s3:::bucket", true],
    ["arn:aws:iam::111111111111:role/*", "arn:aws:iam::111111111111:role/Deploy", true],
    ["arn:aws:iam::111111111111:role/*", "arn:aws:iam::111111111111:role/path/Deploy", true],
    ["arn:aws:iam::111111111111:role/*", "arn:aws:iam::222222222222:role/Deploy", false],
    ["arn:aws:iam::*:role/Org?dmin", "arn:aws:iam::222222222222:role/OrgAdmin", true],
    ["arn:aws:iam::*:role/Org?dmin", "arn:aws:iam::222222222222:role/OrgXXdmin", false],
    ["arn:aws:iam::111111111111:role/deploy", "arn:aws:iam::111111111111:role/Deploy", false],
    ["arn:aws:s3:::reports/*", "arn:aws:s3:::reports/2024/q1.csv", true],
    ["arn:aws:s3:::reports/*", "arn:aws:s3:::reports", false],
    ["arn:aws:logs:*:*:log-group:app:*", "arn:aws:logs:eu-west-1:111111111111:log-group:app:log-stream:x", true],
    // A wildcard in the region component never spans into the account component.
    ["arn:aws:ec2:*:instance/*", "arn:aws:ec2:eu-west-1:111111111111:instance/i-1", false],
    ["arn:aws:*:*:111111111111:*", "arn:aws:sqs:eu-west-1:111111111111:queue", true],
    ["arn:aws:s3:::a+b(c)", "arn:aws:s3:::a+b(c)", true],
  ])("%s vs %s -> %s", (pattern, resource, expected) => {
    expect(matchResource({ pattern, resource })).toBe(expected);
  });
});
