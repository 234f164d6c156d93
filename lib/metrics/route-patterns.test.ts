import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRouteTable, patternOfAppEntry, RouteTable, routesFromAppDir, routesFromManifest } from "./route-patterns";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("route patterns for the HTTP metrics", () => {
  it("lists the console's own app/ routes as URL patterns (route groups left out)", () => {
    const routes = routesFromAppDir(path.join(ROOT, "app"));
    expect(routes).toEqual(expect.arrayContaining([
      { pattern: "/", kind: "page" },
      { pattern: "/principals/[key]", kind: "page" },
      { pattern: "/reviews/new", kind: "page" },
      { pattern: "/api/v1/principals/[scope]/[id]", kind: "route" },
      { pattern: "/api/auth/[...nextauth]", kind: "route" },
      { pattern: "/icon.svg", kind: "route" },
    ]));
    expect(routes.some((route) => route.pattern.includes("("))).toBe(false);
  });

  it("reads next build's app-path-routes manifest the same way", () => {
    expect(routesFromManifest({ "/(console)/principals/[key]/page": "/principals/[key]", "/api/health/route": "/api/health", "/_not-found/page": "/_not-found", "/(console)/layout": "/" }))
      .toEqual([{ pattern: "/principals/[key]", kind: "page" }, { pattern: "/api/health", kind: "route" }, { pattern: "/_not-found", kind: "page" }]);
    expect(patternOfAppEntry("/_private/page")).toBeNull();
  });

  it("resolves paths as Next's router does: static before [param] before [...rest] before [[...optional]]", () => {
    const table = new RouteTable([
      { pattern: "/reviews/[id]", kind: "page" }, { pattern: "/reviews/new", kind: "page" }, { pattern: "/docs/[[...slug]]", kind: "page" },
      { pattern: "/files/[...path]", kind: "route" }, { pattern: "/files/[name]/raw", kind: "route" }, { pattern: "/", kind: "page" },
    ]);
    expect(table.match("/reviews/new")?.pattern).toBe("/reviews/new");
    expect(table.match("/reviews/42")?.pattern).toBe("/reviews/[id]");
    expect(table.match("/reviews/42/")?.pattern).toBe("/reviews/[id]");
    expect(table.match("/reviews/42/items")).toBeNull();
    expect(table.match("/docs")?.pattern).toBe("/docs/[[...slug]]");
    expect(table.match("/docs/a/b")?.pattern).toBe("/docs/[[...slug]]");
    expect(table.match("/files")).toBeNull();
    expect(table.match("/files/a/raw")?.pattern).toBe("/files/[name]/raw");
    expect(table.match("/files/a/b/c")?.pattern).toBe("/files/[...path]");
    expect(table.match("/")?.pattern).toBe("/");
  });

  it("labels each request by pattern and kind, with fixed names for static files and unmatched paths", () => {
    const table = loadRouteTable({ root: ROOT, dev: true });
    const classify = (pathname: string, headers: Record<string, string> = {}) => table.classify({ pathname, headers });
    expect(classify("/principals/arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FAdmin")).toEqual({ route: "/principals/[key]", kind: "page" });
    expect(classify("/principals/abc", { rsc: "1" })).toEqual({ route: "/principals/[key]", kind: "rsc" });
    expect(classify("/reviews/7", { "next-action": "7f3a" })).toEqual({ route: "/reviews/[id]", kind: "action" });
    expect(classify("/api/v1/principals/111122223333/AROAEXAMPLE")).toEqual({ route: "/api/v1/principals/[scope]/[id]", kind: "route" });
    expect(classify("/api/auth/callback/oidc")).toEqual({ route: "/api/auth/[...nextauth]", kind: "route" });
    expect(classify("/_next/static/chunks/main-abc123.js")).toEqual({ route: "/_next/static", kind: "static" });
    expect(classify("/no/such/page/9d1c")).toEqual({ route: "/_not-found", kind: "not-found" });
    expect(classify("/__nextjs_font/geist-latin.woff2")).toEqual({ route: "/_next", kind: "static" });
  });
});
