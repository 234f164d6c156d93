import { describe, expect, it } from "vitest";
import { isWithinAbsoluteLimit } from "./session-age";

describe("absolute session timeout", () => {
  const now = Date.UTC(2026, 11, 1, 12);
  it("keeps a session younger than the limit and ends an older one", () => {
    expect(isWithinAbsoluteLimit({ authTime: now / 1000 - 11 * 3600, maxHours: 12, now })).toBe(true);
    expect(isWithinAbsoluteLimit({ authTime: now / 1000 - 12 * 3600 - 1, maxHours: 12, now })).toBe(false);
  });
  it("refuses a token without a sign-in time or one from the future", () => {
    expect(isWithinAbsoluteLimit({ authTime: undefined, maxHours: 12, now })).toBe(false);
    expect(isWithinAbsoluteLimit({ authTime: now / 1000 + 3600, maxHours: 12, now })).toBe(false);
  });
});
