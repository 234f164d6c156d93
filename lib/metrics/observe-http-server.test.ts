import http from "node:http";
import type { AddressInfo } from "node:net";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/test-database";
import { recordAuditEvent } from "../audit/record-audit-event";
import { outsideRequest } from "../log/request-context";
import { processMetrics } from "./http-metrics";
import { installHttpObserver } from "./observe-http-server";
import { RouteTable } from "./route-patterns";

// A real HTTP server with the observer installed, whose handler writes audit events to a
// real database after asynchronous hops (timers, queries), as a page or server action does.
// The Next.js console itself is checked the same way in e2e/observability.spec.ts.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: http.Server;
let base: string;
const actor = { id: "sub-obs", email: "obs@acme.example", roles: ["admin"] };

beforeAll(async () => {
  db = await createTestDatabase();
  installHttpObserver({ routes: new RouteTable([{ pattern: "/reviews/[id]", kind: "page" }, { pattern: "/api/export/principals", kind: "route" }]) });
  server = http.createServer(async (request, response) => {
    await new Promise((r) => setTimeout(r, 5));
    await db.pool.query("SELECT 1");
    if (request.url?.startsWith("/reviews/")) {
      await recordAuditEvent({ db: db.pool, event: { actor, action: "review.decide", targetType: "campaign", targetId: request.url } });
      // A timer made outside the request (a sweep) writes with no request id.
      await new Promise<void>((resolve) => outsideRequest(() => setTimeout(() => void recordAuditEvent({ db: db.pool, event: { actor, action: "access.refused", targetId: "sweep" } }).then(() => resolve()), 1)));
      response.writeHead(303, { location: "/reviews" }).end();
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await db?.drop();
});

describe("the HTTP server observer", () => {
  it("gives each request one id: the response header, and the audit events written while serving it", async () => {
    const [first, second] = await Promise.all([fetch(`${base}/reviews/11`, { redirect: "manual" }), fetch(`${base}/reviews/12`, { redirect: "manual", headers: { "x-request-id": "lb-7f2c" } })]);
    expect(first.status).toBe(303);
    const generated = first.headers.get("x-request-id")!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get("x-request-id")).toBe("lb-7f2c");
    const { rows } = await db.pool.query("SELECT action, target_id, details->>'requestId' AS request_id FROM audit_event ORDER BY id");
    expect(rows.filter((r) => r.action === "review.decide").map((r) => [r.target_id, r.request_id]).sort()).toEqual([["/reviews/11", generated], ["/reviews/12", "lb-7f2c"]]);
    expect(rows.filter((r) => r.action === "access.refused").map((r) => r.request_id)).toEqual([null, null]);
    // A bad id from outside is replaced, not trusted.
    const forged = await fetch(`${base}/reviews/13`, { redirect: "manual", headers: { "x-request-id": "bad id; drop" } });
    expect(forged.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("counts responses by route pattern, kind, method and status, never by raw path", async () => {
    await fetch(`${base}/api/export/principals?x=1`);
    await fetch(`${base}/nowhere/4711`);
    const families = parsePrometheusTextFormat(await processMetrics().registry.metrics());
    const requests = families.find((f) => f.name === "atlas_http_requests_total")!.metrics;
    const count = (labels: Record<string, string>) => Number(requests.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ?? 0);
    expect(count({ route: "/reviews/[id]", kind: "page", method: "GET", status: "303" })).toBe(3);
    expect(count({ route: "/api/export/principals", kind: "route", method: "GET", status: "404" })).toBe(1);
    expect(count({ route: "/_not-found", kind: "not-found", method: "GET", status: "404" })).toBe(1);
    expect(requests.some((m) => /\d{2}/.test(m.labels!.route))).toBe(false);
    const duration = families.find((f) => f.name === "atlas_http_request_duration_seconds")!;
    expect(duration.type).toBe("HISTOGRAM");
  });
});
