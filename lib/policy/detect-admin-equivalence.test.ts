import { beforeAll, describe, expect, it } from "vitest";
import type { ActionCatalogue } from "./action-catalogue";
import { computeEffectiveActions } from "./compute-effective-actions";
import { detectAdminEquivalence } from "./detect-admin-equivalence";
import { loadActionCatalogue } from "./load-action-catalogue";
import { parsePolicy } from "./parse-policy";

let catalogue: ActionCatalogue;
beforeAll(async () => { catalogue = await loadActionCatalogue(); });

const identity = (statements: object[]) => parsePolicy({ id: "p", kind: "identity", document: { Statement: statements } });

describe("detectAdminEquivalence: full admin", () => {
  // Catalogue words with bit 31 set once compared unequal (signed `|` vs unsigned words),
  // so "*:*" was never reported as full admin.
  it("reports Allow * on * as a definite full-admin path", () => {
    const effective = computeEffectiveActions({ catalogue, identityPolicies: [identity([{ Effect: "Allow", Action: "*", Resource: "*" }])] });
    const admin = detectAdminEquivalence({ effective });
    expect(admin.definite).toBe(true);
    expect(admin.paths[0]).toMatchObject({ id: "full-admin", kind: "full-admin", grant: "allowed", limitedActionCount: 0 });
  });

  it("reports * on some resources only as a partial full-admin path", () => {
    // NotResource still names "*", so actions without a resource type stay allowed outright.
    const effective = computeEffectiveActions({ catalogue, identityPolicies: [identity([{ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::secret/*" }])] });
    expect(detectAdminEquivalence({ effective }).paths.find((p) => p.id === "full-admin")?.grant).toBe("partial");
  });

  it("is not full admin when * is granted on ARNs only: actions without a resource type need Resource \"*\"", () => {
    const effective = computeEffectiveActions({ catalogue, identityPolicies: [identity([{ Effect: "Allow", Action: "*", Resource: "arn:*" }])] });
    expect(detectAdminEquivalence({ effective }).paths.some((p) => p.id === "full-admin")).toBe(false);
  });

  it("is not full admin when one service is denied", () => {
    const effective = computeEffectiveActions({ catalogue, identityPolicies: [identity([
      { Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "s3:*", Resource: "*" },
    ])] });
    expect(detectAdminEquivalence({ effective }).paths.some((p) => p.id === "full-admin")).toBe(false);
  });
});
