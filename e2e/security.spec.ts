import type { APIResponse, Browser } from "@playwright/test";
import { verifyExportedChain } from "../lib/audit/verify-exported-chain";
import { expect, signIn, test, type TDemoLogin } from "./fixtures";

// Hardening checks from outside, against the built console: open redirects through
// callbackUrl, security headers on every kind of response, the audit trail's client IP
// under a spoofed X-Forwarded-For, refused requests in the audit trail, sessions ended by
// an administrator, bad input answering 400/404, and the audit chain view.

const BASE = () => new URL(process.env.E2E_BASE_URL!);

async function signedInContext(browser: Browser, who: TDemoLogin) {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const page = await context.newPage();
  await signIn(page, who);
  return { context, page, request: context.request };
}

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc, `${what}: script-src`).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(scriptSrc, `${what}: script-src`).not.toContain("unsafe-inline");
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(headers["permissions-policy"], `${what}: Permissions-Policy`).toContain("camera=()");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  // Served over plain http here: HSTS belongs to https only (unit-tested in lib/auth/security-headers.test.ts).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

test.describe("open redirects through callbackUrl", () => {
  const variants = ["/%5Cevil.example", "/%5C%5Cevil.example", "/%09/evil.example", "/%0A/evil.example", "//evil.example", "https://evil.example/", "/%2F/evil.example", "javascript:alert(1)"];

  test("a signed-in user sent to /signin?callbackUrl=… stays on the console", async ({ browser }) => {
    const { context, request } = await signedInContext(browser, "viewer");
    for (const variant of variants) {
      const response = await request.get(`/signin?callbackUrl=${variant}`, { maxRedirects: 0 });
      expect(response.status(), variant).toBe(307);
      const target = new URL(response.headers().location, BASE());
      expect(target.origin, variant).toBe(BASE().origin);
      expect(target.pathname, variant).toBe("/");
    }
    const kept = await request.get(`/signin?callbackUrl=${encodeURIComponent("/keys?state=active")}`, { maxRedirects: 0 });
    expect(new URL(kept.headers().location, BASE()).pathname + new URL(kept.headers().location, BASE()).search).toBe("/keys?state=active");
    await context.close();
  });

  test("next-auth keeps only console paths as the place to return to after the IdP", async ({ playwright }) => {
    for (const callbackUrl of ["/\\evil.example", "https://evil.example/", `${BASE().origin}//evil.example`]) {
      const request = await playwright.request.newContext({ baseURL: BASE().origin });
      const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
      const started = await request.post("/api/auth/signin/oidc", { form: { csrfToken, callbackUrl, json: "true" }, maxRedirects: 0 });
      expect(started.status()).toBeLessThan(400);
      const cookie = (await request.storageState()).cookies.find((c) => c.name.endsWith("next-auth.callback-url"));
      expect(decodeURIComponent(cookie?.value ?? ""), callbackUrl).toBe(`${BASE().origin}/`);
      await request.dispose();
    }
  });
});

test.describe("security headers", () => {
  test("on pages, redirects, API routes and error responses, with a fresh nonce each time", async ({ browser, playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: BASE().origin });
    const checks: Array<[string, APIResponse, number]> = [
      ["sign-in page", await anonymous.get("/signin"), 200],
      ["signed-out redirect", await anonymous.get("/findings", { maxRedirects: 0 }), 307],
      ["API 401", await anonymous.get("/api/export/keys"), 401],
      ["next-auth API", await anonymous.get("/api/auth/providers"), 200],
      ["icon", await anonymous.get("/icon.svg"), 200],
      ["404 outside the console", await anonymous.get("/auth/no-such-page"), 404],
    ];
    const { context, request } = await signedInContext(browser, "admin");
    checks.push(
      ["console page", await request.get("/"), 200],
      ["API 200", await request.get("/api/export/keys"), 200],
      ["API 400", await request.get("/api/reports/campaign/99999999999?format=json"), 400],
      ["console 404", await request.get("/reviews/99999999999"), 404],
      ["404 page", await request.get("/no-such-page"), 404],
    );
    for (const [what, response, status] of checks) {
      expect(response.status(), what).toBe(status);
      expectSecurityHeaders(response, what);
    }
    const nonces = await Promise.all([1, 2, 3].map(async () => /'nonce-([^']+)'/.exec((await request.get("/")).headers()["content-security-policy"])![1]));
    expect(new Set(nonces).size).toBe(3);
    await anonymous.dispose();
    await context.close();
  });

  test("the console runs under the policy: nonce-tagged scripts, no violations, no 404 on first load", async ({ page }) => {
    const violations: string[] = [];
    const missing: string[] = [];
    page.on("console", (message) => { if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text()); });
    page.on("response", (response) => { if (response.status() === 404) missing.push(response.url()); });
    await signIn(page, "auditor", { to: "/findings" });
    await expect(page.getByTestId("whoami")).toBeVisible();
    // Inline scripts need the nonce; chunks they load are allowed by 'strict-dynamic'.
    const inline = await page.locator("script:not([src])").count();
    expect(inline).toBeGreaterThan(0);
    expect(await page.locator("script:not([src])[nonce]").count()).toBe(inline);
    // Hydrated: client navigation works under the policy.
    await page.getByRole("link", { name: "Keys", exact: true }).click();
    await expect(page).toHaveURL(/\/keys/);
    expect(violations).toEqual([]);
    expect(missing).toEqual([]);
  });
});

test.describe("the audit trail", () => {
  test("records the socket address, not a spoofed X-Forwarded-For", async ({ browser, db }) => {
    const { context, request } = await signedInContext(browser, "viewer");
    const spoofed = "203.0.113.66";
    const response = await request.get("/api/export/accounts", { headers: { "X-Forwarded-For": spoofed, "X-Real-IP": spoofed } });
    expect(response.status()).toBe(200);
    const { rows } = await db.query("SELECT ip FROM audit_event WHERE action = 'export.download' AND target_type = 'accounts' AND actor_email = 'victor@acme.example' ORDER BY id DESC LIMIT 1");
    expect(rows[0].ip).toBe("127.0.0.1");
    await context.close();
  });

  test("records refused pages, API calls and server actions, repeats aggregated", async ({ browser, db }) => {
    const admin = await signedInContext(browser, "admin");
    await admin.page.goto("/admin/sessions");
    const actionId = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(await admin.page.content())?.[1];
    expect(actionId).toBeTruthy();
    await admin.context.close();

    const viewer = await signedInContext(browser, "viewer");
    await viewer.page.goto("/audit/verify");
    await expect(viewer.page.getByTestId("forbidden")).toBeVisible();
    const target = `/api/reports/campaign/${700_000 + Math.floor(Math.random() * 100_000)}`;
    for (let n = 0; n < 5; n++) expect((await viewer.request.get(target)).status()).toBe(403);
    // A server action posted without the console's UI (the form's no-JavaScript path).
    const posted = await viewer.request.post("/admin/sessions", { multipart: { [`$ACTION_ID_${actionId}`]: "", userId: "someone" }, headers: { Origin: BASE().origin } });
    expect(posted.status()).toBeGreaterThanOrEqual(400);
    const events = async () => (await db.query(
      "SELECT target_type, target_id, details FROM audit_event WHERE action = 'access.refused' AND actor_email = 'victor@acme.example' AND at > now() - interval '10 minutes'",
    )).rows;
    await expect.poll(async () => (await events()).filter((e) => e.target_type === "action" && e.target_id === "sessions.manage").length).toBeGreaterThan(0);
    const rows = await events();
    expect(rows.filter((e) => e.target_type === "page" && e.target_id === "/audit/verify").length).toBeGreaterThan(0);
    const api = rows.filter((e) => e.target_type === "api" && e.target_id === target);
    expect(api).toHaveLength(1);
    expect(api[0].details).toMatchObject({ count: 1 });
    await viewer.context.close();
  });

  test("the chain view reports intact, then the first broken link of a tampered event", async ({ browser, db }) => {
    const { context, page } = await signedInContext(browser, "auditor");
    await page.goto("/audit/verify");
    await expect(page.getByTestId("chain-status")).toHaveAttribute("data-ok", "true");
    // The whole trail exported as CSV verifies offline, from the first event on.
    const exported = await context.request.get("/api/export/audit");
    expect(exported.status()).toBe(200);
    const offline = verifyExportedChain({ csv: await exported.text() });
    expect(offline.ok).toBe(true);
    expect(offline.events).toBeGreaterThan(10);
    const { rows } = await db.query("SELECT id, details FROM audit_event ORDER BY id LIMIT 1 OFFSET 2");
    const client = await db.connect();
    try {
      await client.query("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update");
      await client.query(`UPDATE audit_event SET details = details || '{"tampered": true}' WHERE id = $1`, [rows[0].id]);
      await page.reload();
      await expect(page.getByTestId("chain-status")).toHaveAttribute("data-ok", "false");
      await expect(page.getByTestId("chain-status")).toContainText(`Broken at event ${rows[0].id}`);
      await client.query("UPDATE audit_event SET details = $2 WHERE id = $1", [rows[0].id, rows[0].details]);
    } finally {
      await client.query("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update");
      client.release();
    }
    await page.reload();
    await expect(page.getByTestId("chain-status")).toHaveAttribute("data-ok", "true");
    await context.close();
  });
});

test.describe("sessions", () => {
  test("an administrator ends all sessions of a user from the console, audited", async ({ browser, db }) => {
    const reviewer = await signedInContext(browser, "reviewer2");
    await reviewer.page.goto("/reviews");
    await expect(reviewer.page.getByTestId("whoami")).toContainText("alex");
    const admin = await signedInContext(browser, "admin");
    await admin.page.goto("/admin/sessions");
    const row = admin.page.getByTestId("session-user").filter({ hasText: "alex" });
    await expect(row).toHaveCount(1);
    await row.getByRole("button", { name: "End all sessions" }).click();
    await expect(admin.page.getByTestId("sessions-ended")).toContainText(/Ended \d+ session/);
    await expect(admin.page.getByTestId("session-user").filter({ hasText: "alex" })).toHaveCount(0);
    await reviewer.page.goto("/reviews");
    await expect(reviewer.page).toHaveURL(/\/signin/);
    const { rows } = await db.query("SELECT actor_email, details FROM audit_event WHERE action = 'auth.sessions-ended' ORDER BY id DESC LIMIT 1");
    expect(rows[0]).toMatchObject({ actor_email: "ada@acme.example", details: expect.objectContaining({ email: "alex.chen@acme.example", sessions: expect.any(Number) }) });
    await admin.context.close();
    await reviewer.context.close();
  });
});

test.describe("bad input", () => {
  test("answers 400 or 404 with a message, never 500", async ({ browser }) => {
    const { context, page, request } = await signedInContext(browser, "admin");
    const tooLong = "1".repeat(300);
    const checks: Array<[string, number, RegExp]> = [
      ["/api/reports/campaign/99999999999?format=json", 400, /campaign id/],
      ["/api/reports/campaign/abc?format=json", 400, /campaign id/],
      [`/api/export/who-can-reach?account=${tooLong}&service=iam`, 400, /account: at most 40/],
      [`/api/export/who-can-reach?account=645781203945&action=${"a".repeat(500)}`, 400, /action: at most 200/],
    ];
    for (const [url, status, message] of checks) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(status);
      expect((await response.json()).error.message, url).toMatch(message);
    }
    await page.goto(`/who-can-reach?account=${tooLong}&service=iam`);
    await expect(page.locator(".error-box")).toContainText("account: at most 40 characters");
    expect((await page.goto(`/who-can-reach?action=${"a".repeat(500)}`))?.status()).toBe(200);
    await expect(page.locator(".error-box")).toContainText("action: at most 200 characters");
    for (const url of ["/reviews/99999999999", "/reviews/0", "/principals/%25", `/principals/${"x".repeat(3000)}`]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByTestId("not-found"), url).toBeVisible();
      // Inside the console's layout.
      await expect(page.getByTestId("whoami"), url).toBeVisible();
    }
    await context.close();
  });
});
