import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "./safe-callback-path";

describe("the sign-in callbackUrl leads only to a path of the console", () => {
  it("keeps the console's own paths with their query and fragment", () => {
    expect(safeCallbackPath("/")).toBe("/");
    expect(safeCallbackPath("/principals?kind=iam-role&q=a%20b")).toBe("/principals?kind=iam-role&q=a%20b");
    expect(safeCallbackPath("/principals/arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx")).toBe("/principals/arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx");
    expect(safeCallbackPath("/reviews/3#item-4")).toBe("/reviews/3#item-4");
  });

  // searchParams are already decoded once, so "/%5Cevil.example" arrives as "/\evil.example".
  it.each([
    "/\\evil.example", "/%5Cevil.example", "/%5cevil.example", "\\\\evil.example",
    "/\t/evil.example", "/%09/evil.example", "/\n/evil.example", "/%0a/evil.example", "/\r\n/evil.example", "/ /evil.example",
    "//evil.example", "//evil.example/path", "/%2F/evil.example", "/%2f%2fevil.example",
    "https://evil.example", "http:evil.example", "javascript:alert(1)", "data:text/html,x", "evil.example", "",
    "/\u0000/evil.example", "/\u2028/evil.example", "/%E0%A4%A", `/${"a".repeat(3000)}`,
  ])("refuses %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });

  it("refuses non-strings and uses the fallback given", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/a"])).toBe("/");
    expect(safeCallbackPath("//evil", "/signin")).toBe("/signin");
  });

  it("next-auth's redirect callback keeps the console's origin and nothing else", () => {
    const baseUrl = "https://atlas.example.com";
    expect(safeRedirectUrl({ url: "/findings?severity=high", baseUrl })).toBe("https://atlas.example.com/findings?severity=high");
    expect(safeRedirectUrl({ url: "https://atlas.example.com/keys", baseUrl })).toBe("https://atlas.example.com/keys");
    expect(safeRedirectUrl({ url: "/\\evil.example", baseUrl })).toBe("https://atlas.example.com/");
    expect(safeRedirectUrl({ url: "https://atlas.example.com//evil.example", baseUrl })).toBe("https://atlas.example.com/");
    expect(safeRedirectUrl({ url: "https://atlas.example.com.evil.example/", baseUrl })).toBe("https://atlas.example.com/");
    expect(safeRedirectUrl({ url: "https://evil.example/keys", baseUrl })).toBe("https://atlas.example.com/");
    expect(safeRedirectUrl({ url: "not a url", baseUrl })).toBe("https://atlas.example.com/");
  });
});
