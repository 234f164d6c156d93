import { PERMISSIONS, type TPermission } from "../lib/auth/permissions";
import { expect, saveScreenshot, signIn, test } from "./fixtures";

// The API token lifecycle as an admin lives it: create in the console (shown once), call
// the API with it from outside the browser, see its last use, revoke it, refused. Then
// the refusal matrix: every route of the OpenAPI document × viewer, auditor, expired and
// revoked tokens, expected from the permission table the console uses.

type TOpenApi = { paths: Record<string, { get: { "x-permission"?: TPermission } }> };

async function createToken(page: import("@playwright/test").Page, name: string, role: "viewer" | "auditor"): Promise<string> {
  const form = page.getByRole("form", { name: "New API token" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Role").selectOption(role);
  await form.getByRole("button", { name: "Create token" }).click();
  // The panel of the previous token stays until the new one replaces it.
  await expect(page.getByTestId("new-token")).toContainText(`Token “${name}”`, { timeout: 30_000 });
  const secret = (await page.getByTestId("new-token-secret").textContent({ timeout: 30_000 }))!.trim();
  expect(secret).toMatch(/^aat_[A-Za-z0-9_-]{43}$/);
  return secret;
}

// Outside the browser: no cookies, only the bearer token (what curl would send).
const callApi = (baseURL: string, path: string, token?: string) =>
  fetch(new URL(path, baseURL), { headers: token ? { authorization: `Bearer ${token}` } : {} });

test("an admin creates a token, it is shown once, works, shows its last use, and is refused once revoked", async ({ page, baseURL, db }) => {
  test.setTimeout(180_000);
  const name = `e2e-siem-${Date.now()}`;
  await signIn(page, "admin", { to: "/settings/api-tokens" });
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  const secret = await createToken(page, name, "viewer");
  await saveScreenshot(page, "settings-api-token-created");

  const principals = await callApi(baseURL!, "/api/v1/principals?kind=iam-role&pageSize=5", secret);
  expect(principals.status).toBe(200);
  const body = await principals.json();
  expect(body.rows).toHaveLength(5);
  expect(body.rows.every((r: { kind: string }) => r.kind === "iam-role")).toBe(true);
  expect((await callApi(baseURL!, "/api/v1/campaigns", secret)).status).toBe(403);

  // Shown once: a fresh load lists the token by its hint only, with its last use.
  await page.goto("/settings/api-tokens");
  const row = page.getByTestId("token-row").filter({ hasText: name });
  await expect(row).toContainText(secret.slice(0, 8));
  await expect(page.locator("body")).not.toContainText(secret);
  await expect(row.getByTestId("token-last-used")).not.toHaveText("—");

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("revoked");
  const refused = await callApi(baseURL!, "/api/v1/principals", secret);
  expect(refused.status).toBe(401);
  expect((await refused.json()).error.message).toBe(`API token "${name}" was revoked`);

  const audit = await db.query("SELECT action FROM audit_event WHERE target_type = 'api-token' AND details->>'name' = $1 ORDER BY id", [name]);
  expect(audit.rows.map((r) => r.action)).toEqual(["api.token-create", "api.token-use", "api.token-revoke"]);
});

test("every API route refuses what the token's role may not read, and expired or revoked tokens altogether", async ({ page, baseURL, db }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin", { to: "/settings/api-tokens" });
  const stamp = Date.now();
  const tokens = {
    viewer: await createToken(page, `e2e-viewer-${stamp}`, "viewer"),
    auditor: await createToken(page, `e2e-auditor-${stamp}`, "auditor"),
    expired: await createToken(page, `e2e-expired-${stamp}`, "auditor"),
    revoked: await createToken(page, `e2e-revoked-${stamp}`, "auditor"),
  };
  await db.query("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE name = $1", [`e2e-expired-${stamp}`]);
  // Revoking through the page is the first test's; here only its effect on every route.
  await db.query("UPDATE api_token SET revoked_at = now(), revoked_by = 'e2e' WHERE name = $1", [`e2e-revoked-${stamp}`]);
  const principal = await db.query("SELECT principal_key FROM principal_access WHERE (valid_from <= (SELECT max(id) FROM analysis_run WHERE status = 'succeeded') AND (valid_to IS NULL OR valid_to > (SELECT max(id) FROM analysis_run WHERE status = 'succeeded'))) AND kind = 'iam-user' ORDER BY principal_key LIMIT 1");
  const [scope, id] = String(principal.rows[0].principal_key).split("/");
  const samples: Record<string, string> = {
    "/api/v1/principals/{scope}/{id}": `/api/v1/principals/${scope}/${id}`,
    "/api/v1/who-can-reach": "/api/v1/who-can-reach?account=645781203945&service=iam",
    "/api/v1/cis": "/api/v1/cis?scope=org",
    "/api/v1/cis/ocsf": "/api/v1/cis/ocsf?scope=org",
  };
  const document = (await (await callApi(baseURL!, "/api/v1/openapi.json")).json()) as TOpenApi;
  const routes = Object.entries(document.paths);
  expect(routes.length).toBeGreaterThanOrEqual(9);
  const problems: string[] = [];
  for (const [template, { get }] of routes) {
    const url = samples[template] ?? template;
    const permission = get["x-permission"]!;
    for (const role of ["viewer", "auditor"] as const) {
      const expected = (PERMISSIONS[permission] as readonly string[]).includes(role) ? 200 : 403;
      const status = (await callApi(baseURL!, url, tokens[role])).status;
      if (status !== expected) problems.push(`${role} ${url}: ${status}, expected ${expected} (${permission})`);
    }
    for (const [label, token] of [["expired", tokens.expired], ["revoked", tokens.revoked], ["none", undefined], ["forged", `aat_${"x".repeat(43)}`]] as const) {
      const status = (await callApi(baseURL!, url, token)).status;
      if (status !== 401) problems.push(`${label} ${url}: ${status}, expected 401`);
    }
  }
  expect(problems).toEqual([]);
  // Viewer tokens are refused the auditor-only campaigns; auditors read them.
  expect(routes.some(([, { get }]) => !(PERMISSIONS[get["x-permission"]!] as readonly string[]).includes("viewer"))).toBe(true);
});
