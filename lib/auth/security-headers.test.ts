import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("allows scripts only with the request's nonce, never 'unsafe-inline', and no framing", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", https: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  // next dev evaluates code in the browser (React Refresh and React's dev-only stack
  // reconstruction call eval), so dev mode, and only dev mode, adds 'unsafe-eval'; the nonce
  // and 'strict-dynamic' stay, and nothing else is relaxed.
  it("relaxes only script-src with 'unsafe-eval' in dev mode, and never in production", () => {
    const production = contentSecurityPolicy({ nonce: "abc123", https: false });
    const dev = contentSecurityPolicy({ nonce: "abc123", https: false, dev: true });
    const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0], d]));
    expect(production).not.toContain("unsafe-eval");
    expect(directives(dev).get("script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic' 'unsafe-eval'");
    expect(dev).not.toContain("'unsafe-inline' 'nonce");
    const changed = [...directives(dev)].filter(([name, text]) => directives(production).get(name) !== text).map(([name]) => name);
    expect(changed).toEqual(["script-src"]);
    // HMR's websocket is same-origin: connect-src 'self' covers ws:// on the page's host and port.
    expect(directives(dev).get("connect-src")).toBe("connect-src 'self'");
    expect(securityHeaders({ nonce: "n", https: false, dev: false })["Content-Security-Policy"]).not.toContain("unsafe-eval");
  });

  it("sends Strict-Transport-Security only over https", () => {
    expect(securityHeaders({ nonce: "n", https: false })["Strict-Transport-Security"]).toBeUndefined();
    const https = securityHeaders({ nonce: "n", https: true });
    expect(https["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    expect(https["Permissions-Policy"]).toContain("camera=()");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    expect(Buffer.from([...nonces][0], "base64")).toHaveLength(16);
  });
});
