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
    // A "*" that ends a segment expands beyond the colon boundaries (IAM JSON policy elements:
    // Resource, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
    ["arn:aws:ec2:*:instance/*", "arn:aws:ec2:eu-west-1:111111111111:instance/i-1", true],
    ["arn:*", "arn:aws:sqs:eu-west-1:111111111111:queue", true],
    ["arn:aws:s3:*", "arn:aws:s3:::bucket/key", true],
    ["arn:aws:s3:*", "arn:aws:sqs:eu-west-1:111111111111:queue", false],
    // A "*" inside a segment stays within it.
    ["arn:aws:ec2:eu-*-1:111111111111:instance/*", "arn:aws:ec2:eu-west-1:111111111111:instance/i-1", true],
    ["arn:aws:iam::1*1:role/x", "arn:aws:iam::1:2:1:role/x", false],
    ["arn:aws:iam::111111111111", "arn:aws:iam::111111111111:role/x", false],
    // A Resource without a resource type is requested on "*": only patterns matching "*" name it.
    ["arn:aws:s3:::*", "*", false],
    ["*", "*", true],
    ["arn:aws:*:*:111111111111:*", "arn:aws:sqs:eu-west-1:111111111111:queue", true],
    ["arn:aws:s3:::a+b(c)", "arn:aws:s3:::a+b(c)", true],
  ])("%s vs %s -> %s", (pattern, resource, expected) => {
    expect(matchResource({ pattern, resource })).toBe(expected);
  });
});
