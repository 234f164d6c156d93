import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { createCampaign } from "../lib/reviews/create-campaign";
import { expect, signIn, test } from "./fixtures";

// What the security team's tools read from the running console: Prometheus counters by
// route pattern and status for pages, server actions, route handlers, redirects and 404s
// (lib/metrics/observe-http-server.ts), and one request id shared by the response header
// and the audit events the request wrote.

const PROD = "645781203945";
type TSample = { labels?: Record<string, string>; value?: string };

async function scrape(request: import("@playwright/test").APIRequestContext) {
  const token = process.env.E2E_METRICS_TOKEN;
  expect(token, "e2e/global-setup.ts starts the demo with METRICS_TOKEN; set E2E_METRICS_TOKEN to the token of a stack of your own").toBeTruthy();
  const response = await request.get("/api/metrics", { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  const text = await response.text();
  const families = parsePrometheusTextFormat(text);
  const family = (name: string) => (families.find((f) => f.name === name)?.metrics ?? []) as TSample[];
  const find = (name: string, labels: Record<string, string>) => family(name).find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return {
    requests: (labels: Record<string, string>) => Number(find("atlas_http_requests_total", labels)?.value ?? 0),
    // The parser drops a histogram's labels (prom-client writes `le` first): its _count lines are read directly.
    durations: (labels: Record<string, string>) => Number(text.split("\n").find((line) => line.startsWith("atlas_http_request_duration_seconds_count{")
      && Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))?.split(" ").pop() ?? 0),
    routes: () => family("atlas_http_requests_total").map((m) => m.labels!.route),
  };
}

test("console pages, a redirect and a 404 are counted by route pattern and status, never by raw path", async ({ page, request, db, browser }) => {
  const { rows: [principal] } = await db.query("SELECT principal_key FROM principal_access WHERE valid_to IS NULL AND kind = 'iam-role' ORDER BY principal_key LIMIT 1");
  const before = await scrape(request);
  await signIn(page, "admin");
  expect((await page.goto("/principals"))!.status()).toBe(200);
  expect((await page.goto(`/principals/${encodeURIComponent(principal.principal_key)}`))!.status()).toBe(200);
  expect((await page.goto("/no-such-page/4711"))!.status()).toBe(404);
  const signedOut = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  expect((await signedOut.request.get("/principals", { maxRedirects: 0 })).status()).toBe(307);
  await signedOut.close();

  const after = await scrape(request);
  const delta = (labels: Record<string, string>) => after.requests(labels) - before.requests(labels);
  expect(delta({ route: "/principals/[key]", kind: "page", method: "GET", status: "200" })).toBeGreaterThanOrEqual(1);
  expect(delta({ route: "/principals", kind: "page", method: "GET", status: "200" })).toBeGreaterThanOrEqual(1);
  expect(delta({ route: "/principals", kind: "page", method: "GET", status: "307" })).toBeGreaterThanOrEqual(1);
  expect(delta({ route: "/_not-found", kind: "not-found", method: "GET", status: "404" })).toBeGreaterThanOrEqual(1);
  // Sign-in went through next-auth's catch-all route handler.
  expect(after.requests({ route: "/api/auth/[...nextauth]", kind: "route", method: "GET", status: "302" })).toBeGreaterThanOrEqual(1);
  expect(after.durations({ route: "/principals/[key]", kind: "page", method: "GET" }) - before.durations({ route: "/principals/[key]", kind: "page", method: "GET" })).toBeGreaterThanOrEqual(1);
  // The previous scrape itself is counted too (a route handler).
  expect(delta({ route: "/api/metrics", kind: "route", method: "GET", status: "200" })).toBeGreaterThanOrEqual(1);
  const routes = after.routes();
  expect(routes.filter((route) => route.includes("4711") || route.includes(principal.principal_key) || route.includes(encodeURIComponent(principal.principal_key)))).toEqual([]);
});

test("a review decision (server action) and an export (route handler) write audit events with the request id of their response", async ({ browser, db, request }) => {
  const admin = { id: "ada.admin", email: "ada@acme.example", name: "Ada Admin", roles: ["admin" as const] };
  const { campaignId } = await createCampaign({ pool: db, user: admin, input: {
    name: `e2e request ids ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, scope: { accountIds: [PROD], kinds: ["iam-user"] },
    reviewers: { mapping: { [PROD]: "jane.doe@acme.example" }, fallback: "ada@acme.example" }, dueAt: new Date(Date.now() + 14 * 86_400_000),
  } });
  const { rows: [item] } = await db.query("SELECT id FROM review_item WHERE campaign_id = $1 AND reviewer_email = 'jane.doe@acme.example' ORDER BY id LIMIT 1", [campaignId]);
  const before = await scrape(request);
  const jane = await browser.newPage();
  await signIn(jane, "reviewer", { to: `/reviews/${campaignId}?account=${PROD}` });
  const row = jane.locator(`tr[data-item-id="${item.id}"]`);
  await row.getByLabel("Decision").selectOption("keep");
  const action = jane.waitForResponse((response) => response.request().method() === "POST" && Boolean(response.request().headers()["next-action"]));
  await row.getByRole("button", { name: "Decide" }).click();
  const actionResponse = await action;
  const actionRequestId = await actionResponse.headerValue("x-request-id");
  expect(actionRequestId).toMatch(/^[\w.:-]{8,128}$/);
  await expect(row.getByTestId("reviewer-decision")).toContainText("keep");
  const { rows: decided } = await db.query("SELECT details->>'requestId' AS request_id FROM audit_event WHERE action = 'review.decide' AND details->>'campaignId' = $1", [String(campaignId)]);
  expect(decided).toEqual([{ request_id: actionRequestId }]);
  const after = await scrape(request);
  expect(after.requests({ route: "/reviews/[id]", kind: "action", method: "POST", status: "200" }) - before.requests({ route: "/reviews/[id]", kind: "action", method: "POST", status: "200" })).toBeGreaterThanOrEqual(1);
  await jane.close();

  const page = await browser.newPage();
  await signIn(page, "admin");
  // An id the load balancer sent is kept end to end.
  const exported = await page.request.get("/api/export/principals?kind=iam-user", { headers: { "x-request-id": `lb-${Date.now()}` } });
  expect(exported.status()).toBe(200);
  const exportRequestId = exported.headers()["x-request-id"];
  expect(exportRequestId).toMatch(/^lb-\d+$/);
  const { rows: downloads } = await db.query("SELECT actor_email, target_type FROM audit_event WHERE action = 'export.download' AND details->>'requestId' = $1", [exportRequestId]);
  expect(downloads).toEqual([{ actor_email: "ada@acme.example", target_type: "principals" }]);
  // Signing in wrote its audit event with the id of the OIDC callback request.
  const { rows: [signInEvent] } = await db.query("SELECT details->>'requestId' AS request_id FROM audit_event WHERE action = 'auth.sign-in' AND actor_email = 'ada@acme.example' ORDER BY id DESC LIMIT 1");
  expect(signInEvent.request_id).toMatch(/^[\w.:-]{8,128}$/);
  await page.close();
});
