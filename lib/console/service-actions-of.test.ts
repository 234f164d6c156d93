import { describe, expect, it } from "vitest";
import { actionSetOf, loadActionCatalogue, type EffectiveAccess } from "../policy";
import { serviceActionsOf } from "./get-principal-service-actions";

describe("serviceActionsOf", () => {
  it("lists one service's granted actions level by level, each with how it is granted", async () => {
    const catalogue = await loadActionCatalogue();
    const set = (actions: string[]) => actionSetOf({ catalogue, actions });
    const effective = {
      catalogue, allowed: set(["s3:GetObject", "s3:ListBucket", "ec2:RunInstances"]), partial: set(["s3:PutObject"]),
      conditional: set(["s3:PutBucketPolicy"]), denied: set([]), policies: [],
    } as unknown as EffectiveAccess;
    const s3 = serviceActionsOf({ effective, service: "S3" })!;
    expect(s3.service).toBe("s3");
    expect(Object.fromEntries(s3.levels.map((l) => [l.level, l.actions]))).toEqual({
      List: [{ action: "s3:ListBucket", grant: "allowed" }],
      Read: [{ action: "s3:GetObject", grant: "allowed" }],
      Write: [{ action: "s3:PutObject", grant: "partial" }],
      "Permissions management": [{ action: "s3:PutBucketPolicy", grant: "conditional" }],
    });
    expect(serviceActionsOf({ effective, service: "no-such-service" })).toBeNull();
  });
});
