import { describe, expect, it } from "vitest";
import { RESOURCE_TYPES } from "../resources/resource-model";
import { generateOrgModel } from "./generate-org-model";

describe("generateOrgModel with resources", () => {
  const model = generateOrgModel({ principals: 2_000, accounts: 30, seed: 3, resources: 3_000 });

  it("adds exactly the requested resources to collected accounts, leaving the principals as without them", () => {
    expect(model.resources).toHaveLength(3_000);
    expect(new Set(model.resources.map((r) => r.arn)).size).toBe(3_000);
    const collected = new Set(model.accounts.filter((a) => a.collected).map((a) => a.id));
    for (const r of model.resources) expect(collected.has(r.accountId)).toBe(true);
    expect(new Set(model.resources.map((r) => r.type))).toEqual(new Set(RESOURCE_TYPES));
    expect(JSON.stringify(generateOrgModel({ principals: 2_000, accounts: 30, seed: 3 }).principals)).toBe(JSON.stringify(model.principals));
    expect(generateOrgModel({ principals: 2_000, accounts: 30, seed: 3 }).resources).toEqual([]);
  });

  it("has every kind of share: none, org-wide, another account, a vendor, public; snapshots by attribute", () => {
    const principals = model.resources.flatMap((r) => ((r.policy as { Statement?: Array<{ Principal: unknown; Condition?: unknown }> } | null)?.Statement ?? []));
    expect(principals.some((s) => s.Principal === "*" && s.Condition)).toBe(true);
    expect(principals.some((s) => s.Principal === "*" && !s.Condition)).toBe(true);
    expect(principals.some((s) => typeof s.Principal === "object")).toBe(true);
    expect(model.resources.some((r) => r.type !== "kms-key" && r.policy === null && !r.sharedWith)).toBe(true);
    expect(model.resources.some((r) => r.sharedWith?.public)).toBe(true);
    for (const key of model.resources.filter((r) => r.type === "kms-key")) expect(key.policy).not.toBeNull();
    expect(model.regionStatus.filter((s) => s.status === "unavailable").length).toBe(model.accountResourceSettings.length);
  });
});
