import { describe, expect, it } from "vitest";
import type { TPolicyDocRef } from "../model";
import { createPolicyResolver } from "./create-policy-resolver";

const ref = (id: string, document: unknown): TPolicyDocRef => ({ id, name: id, kind: "customer-managed", document });
const readS3 = () => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:Get*", Resource: "*" }] });

describe("createPolicyResolver", () => {
  it("hands out one Policy per content, however the document arrives", () => {
    const resolver = createPolicyResolver();
    const shared = readS3();
    const first = resolver.resolve({ ref: ref("arn:aws:iam::111111111111:policy/Read", shared), kind: "identity" });
    expect(resolver.resolve({ ref: ref("arn:aws:iam::111111111111:policy/Read", shared), kind: "identity" })).toBe(first);
    expect(resolver.resolve({ ref: ref("arn:aws:iam::111111111111:policy/Read", readS3()), kind: "identity" })).toBe(first);
    // The same JSON as text (as GetAccountAuthorizationDetails delivers it) is the same content.
    expect(resolver.resolve({ ref: ref("arn:aws:iam::111111111111:policy/Read", JSON.stringify(readS3())), kind: "identity" })).toBe(first);
    // The copy a landing zone stamps into another account shares the compiled policy.
    expect(resolver.resolve({ ref: ref("arn:aws:iam::222222222222:policy/Read", readS3()), kind: "identity" })).toBe(first);
    expect(resolver.resolve({ ref: ref("scp", readS3()), kind: "scp" })).not.toBe(first);
    expect(first?.id).toBe("arn:aws:iam::111111111111:policy/Read");
    expect(resolver.stats).toEqual({ parsed: 2, reused: 4 });
  });

  it("keeps ids apart when asked to, for exact evidence", () => {
    const resolver = createPolicyResolver({ identity: "id-and-content" });
    const first = resolver.resolve({ ref: ref("arn:aws:iam::111111111111:policy/Read", readS3()), kind: "identity" });
    const copy = resolver.resolve({ ref: ref("arn:aws:iam::222222222222:policy/Read", readS3()), kind: "identity" });
    expect(copy).not.toBe(first);
    expect(copy?.id).toBe("arn:aws:iam::222222222222:policy/Read");
    expect(resolver.resolve({ ref: ref("arn:aws:iam::111111111111:policy/Read", readS3()), kind: "identity" })).toBe(first);
  });

  it("keeps a policy whose content changed under the same id apart", () => {
    const resolver = createPolicyResolver({ identity: "id-and-content" });
    const before = resolver.resolve({ ref: ref("p1", readS3()), kind: "identity" });
    const after = resolver.resolve({ ref: ref("p1", { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }), kind: "identity" });
    expect(after).not.toBe(before);
    expect(after?.document.statements[0].actions).toEqual(["s3:*"]);
  });

  it("records every id whose document it cannot parse instead of failing the run", () => {
    const resolver = createPolicyResolver();
    const broken = () => ({ Statement: [{ Effect: "Allow", Resource: "*" }] });
    expect(resolver.resolve({ ref: ref("broken-1", broken()), kind: "identity" })).toBeNull();
    expect(resolver.resolve({ ref: ref("broken-2", broken()), kind: "identity" })).toBeNull();
    const shared = broken();
    resolver.resolve({ ref: ref("broken-3", shared), kind: "identity" });
    resolver.resolve({ ref: ref("broken-4", shared), kind: "identity" });
    resolver.resolve({ ref: ref("broken-4", shared), kind: "identity" });
    expect(resolver.failures.map(({ policyId, message }) => ({ policyId, message }))).toEqual([
      { policyId: "broken-1", message: expect.stringMatching(/exactly one of Action or NotAction/) },
      { policyId: "broken-2", message: expect.stringMatching(/exactly one of Action or NotAction/) },
      { policyId: "broken-3", message: expect.stringMatching(/exactly one of Action or NotAction/) },
      { policyId: "broken-4", message: expect.stringMatching(/exactly one of Action or NotAction/) },
    ]);
  });
});
