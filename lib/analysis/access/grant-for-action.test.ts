import { describe, expect, it } from "vitest";
import { grantForAction } from "./build-access-index";

describe("how an identity holds one action, from its level's counts", () => {
  it("is certain only when every action of the level is granted", () => {
    expect(grantForAction({ total: 40, allowed: 40, partial: 0, conditional: 0 })).toBe("allowed");
    expect(grantForAction({ total: 40, allowed: 30, partial: 10, conditional: 0 })).toBe("partial");
    expect(grantForAction({ total: 40, allowed: 30, partial: 5, conditional: 5 })).toBe("conditional");
    expect(grantForAction({ total: 40, allowed: 1, partial: 0, conditional: 0 })).toBe("unconfirmed");
  });
  it("is nothing when no action of the level is granted", () => {
    expect(grantForAction({ total: 40, allowed: 0, partial: 0, conditional: 0 })).toBeNull();
    expect(grantForAction(undefined)).toBeNull();
  });
});
