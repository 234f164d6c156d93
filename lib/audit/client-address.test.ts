import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, parseTrustedProxies } from "./client-address";

const none = parseTrustedProxies(undefined);

describe("the client address recorded in the audit trail", () => {
  it("ignores X-Forwarded-For unless a proxy is trusted: the socket peer counts", () => {
    expect(clientAddress({ peer: "198.51.100.9", forwardedFor: "203.0.113.66", trusted: none })).toBe("198.51.100.9");
    expect(clientAddress({ peer: "::ffff:127.0.0.1", forwardedFor: "1.1.1.1", trusted: parseTrustedProxies("0") })).toBe("127.0.0.1");
    expect(clientAddress({ peer: null, forwardedFor: "203.0.113.66", trusted: parseTrustedProxies("1") })).toBeNull();
  });

  it("with a hop count, takes the address that many hops back and never a value the client prepended", () => {
    const oneHop = parseTrustedProxies("1");
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "198.51.100.7", trusted: oneHop })).toBe("198.51.100.7");
    // The client sent "X-Forwarded-For: 203.0.113.66"; our proxy appended the real address.
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "203.0.113.66, 198.51.100.7", trusted: oneHop })).toBe("198.51.100.7");
    const twoHops = parseTrustedProxies("2");
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "203.0.113.66, 198.51.100.7, 10.0.0.9", trusted: twoHops })).toBe("198.51.100.7");
    // Fewer entries than hops: the leftmost one is the best that exists.
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "", trusted: twoHops })).toBe("10.0.0.2");
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "not-an-ip", trusted: oneHop })).toBe("10.0.0.2");
  });

  it("with a list, walks back from the peer while the address is a trusted proxy", () => {
    const list = parseTrustedProxies("10.0.0.0/8, 192.0.2.7, 2001:db8::/32");
    expect(clientAddress({ peer: "10.1.2.3", forwardedFor: "203.0.113.66, 198.51.100.7, 192.0.2.7", trusted: list })).toBe("198.51.100.7");
    expect(clientAddress({ peer: "[2001:db8::5]:443", forwardedFor: "198.51.100.7:5555", trusted: list })).toBe("198.51.100.7");
    // Not from a trusted proxy: its X-Forwarded-For is the caller's own claim.
    expect(clientAddress({ peer: "198.51.100.1", forwardedFor: "203.0.113.66", trusted: list })).toBe("198.51.100.1");
    // Every hop trusted: the leftmost address.
    expect(clientAddress({ peer: "10.0.0.1", forwardedFor: "10.0.0.5", trusted: list })).toBe("10.0.0.5");
    expect(clientAddress({ peer: "10.0.0.1", forwardedFor: "<script>, 10.0.0.5", trusted: list })).toBe("10.0.0.5");
  });

  it("normalises addresses and names a bad TRUSTED_PROXIES entry", () => {
    expect(normalizeAddress("[2001:DB8::1]:8443")).toBe("2001:db8::1");
    expect(normalizeAddress("203.0.113.1:80")).toBe("203.0.113.1");
    expect(normalizeAddress("evil.example")).toBeNull();
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/TRUSTED_PROXIES: "10.0.0.0\/33"/);
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies("99")).toThrow(/at most 10/);
    expect(parseTrustedProxies(" ")).toEqual({ kind: "none" });
  });
});
