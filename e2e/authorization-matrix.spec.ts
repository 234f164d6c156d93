import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser } from "@playwright/test";
import { PERMISSIONS, type TAppRole, type TPermission } from "../lib/auth/permissions";
import { createCampaign } from "../lib/reviews/create-campaign";
import { expect, signIn, test, type TDemoLogin } from "./fixtures";

// Every page and route handler of the console times every role, signed-out included:
// allowed answers 200, refused answers 401/403 (API) or the sign-in redirect / 403 page.
// The expected outcome comes from the permission table the data layer enforces; the
// completeness check fails when a route exists that this matrix does not list.
// Reviewers hold evidence.read, not inventory.read: they open a principal's page only for
// the principals of their own review items (their sample below), and "/" sends them on to
// their reviews; the last test checks what they may not open.

type TEntry = { route: string; permission: TPermission | "public"; sample: (ids: TSampleIds, role: TAppRole | null) => string; api: boolean; signedInStatus?: number; statusFor?: Partial<Record<TAppRole, number>>; everyoneStatus?: number };
type TSampleIds = { principalKey: string; reviewerPrincipalKey: string; campaignId: number; reviewerItemId: number; resourceArn: string };

const page = (route: string, permission: TPermission | "public", sample?: TEntry["sample"]): TEntry =>
  ({ route, permission, sample: sample ?? (() => route), api: false });
const api = (route: string, permission: TPermission | "public", sample?: TEntry["sample"]): TEntry =>
  ({ route, permission, sample: sample ?? (() => route), api: true });

const MATRIX: TEntry[] = [
  { ...page("/", "inventory.read"), statusFor: { reviewer: 307 } },
  page("/organization", "inventory.read"),
  page("/principals", "inventory.read"),
  page("/principals/[key]", "evidence.read", (ids, role) => `/principals/${encodeURIComponent(role === "reviewer" ? ids.reviewerPrincipalKey : ids.principalKey)}`),
  page("/resources", "inventory.read"),
  // A reviewer opens only the resources of their own items (review-resource-shares.spec.ts): not this one.
  { ...page("/resources/[arn]", "evidence.read", (ids) => `/resources/${encodeURIComponent(ids.resourceArn)}`), statusFor: { reviewer: 404 } },
  page("/who-can-reach", "inventory.read"),
  page("/trust-map", "inventory.read"),
  page("/graph", "inventory.read", () => "/graph?account=645781203945"),
  page("/findings", "evidence.read"),
  page("/unused", "findings.read"),
  page("/keys", "inventory.read"),
  page("/history", "collection.read"),
  page("/collection", "collection.read"),
  page("/reviews", "reviews.read"),
  page("/reviews/new", "reviews.manage"),
  page("/reviews/[id]", "reviews.read", (ids) => `/reviews/${ids.campaignId}`),
  // The campaign page's evidence disclosure; the sample is the reviewer's own item (another's answers 404, reviews.spec.ts).
  page("/reviews/[id]/items/[itemId]/evidence", "reviews.read", (ids) => `/reviews/${ids.campaignId}/items/${ids.reviewerItemId}/evidence`),
  page("/reports", "reports.read"),
  page("/audit", "audit.read"),
  page("/audit/verify", "audit.read"),
  page("/admin/sessions", "sessions.manage"),
  page("/settings/api-tokens", "api.tokens.manage"),
  page("/settings/notifications", "notifications.read"),
  // Signed in already: sign-in sends the user on to the console.
  { ...page("/signin", "public"), signedInStatus: 307 },
  page("/auth/refused", "public"),
  page("/auth/error", "public"),
  api("/api/auth/[...nextauth]", "public", () => "/api/auth/providers"),
  api("/api/collection/progress", "collection.read"),
  api("/api/export/principals", "exports.download", () => "/api/export/principals?kind=iam-role"),
  api("/api/export/who-can-reach", "exports.download", () => "/api/export/who-can-reach?account=645781203945&service=iam&level=Write"),
  api("/api/export/findings", "exports.download", () => "/api/export/findings?severity=critical"),
  api("/api/export/keys", "exports.download"),
  api("/api/export/resources", "exports.download", () => "/api/export/resources?exposure=public"),
  api("/api/export/accounts", "exports.download"),
  api("/api/export/history", "exports.download", () => "/api/export/history?run=1"),
  api("/api/export/audit", "audit.read", () => "/api/export/audit?action=auth.sign-in"),
  api("/api/reports/cis", "reports.read", () => "/api/reports/cis?account=org&format=json"),
  api("/api/reports/key-age", "reports.read", () => "/api/reports/key-age?format=csv"),
  api("/api/reports/unused-access", "reports.read", () => "/api/reports/unused-access?format=csv"),
  api("/api/reports/external-trusts", "reports.read", () => "/api/reports/external-trusts?format=xlsx"),
  api("/api/reports/campaign/[id]", "reviews.read", (ids) => `/api/reports/campaign/${ids.campaignId}?format=json`),
  api("/api/export/ocsf", "exports.download", () => "/api/export/ocsf?kind=findings&severity=critical"),
  api("/api/health", "public"),
  api("/api/ready", "public"),
  // Metrics take METRICS_TOKEN, not a session: refused to every session when the stack has a token (global-setup sets one), off (404) without.
  { ...api("/api/metrics", "public"), everyoneStatus: process.env.E2E_METRICS_TOKEN ? 401 : 404 },
  // The read-only API takes API tokens only: a console session is no credential there
  // (e2e/api-tokens.spec.ts runs the same routes with viewer, auditor, expired and revoked tokens).
  api("/api/v1/openapi.json", "public"),
  ...["principals", "principals/[scope]/[id]", "resources", "who-can-reach", "findings", "findings/ocsf", "runs", "campaigns", "cis", "cis/ocsf"]
    .map((route) => ({ ...api(`/api/v1/${route}`, "public", () => `/api/v1/${route.replace("[scope]/[id]", "645781203945/x")}`), everyoneStatus: 401 })),
];

const ROLES: Array<{ login: TDemoLogin; role: TAppRole }> = [
  { login: "admin", role: "admin" }, { login: "auditor", role: "auditor" }, { login: "reviewer", role: "reviewer" }, { login: "viewer", role: "viewer" },
];

/** Every app route, as its folder path with route groups removed ("/principals/[key]"). */
function appRoutes(): string[] {
  const root = path.join(import.meta.dirname, "..", "app");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^(page|route)\.tsx?$/.test(entry.name)) {
        const segments = path.relative(root, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
        found.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(root);
  return found.sort();
}

async function contextFor(browser: Browser, login: TDemoLogin | null): Promise<APIRequestContext> {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  if (login) await signIn(await context.newPage(), login);
  return context.request;
}

test("the matrix lists every page and route handler of the app", () => {
  expect(appRoutes()).toEqual(MATRIX.map((e) => e.route).sort());
});

test("every route answers each role as the permission table says", async ({ browser, db }) => {
  test.setTimeout(240_000);
  const analysis = await db.query("SELECT max(id)::int AS id FROM analysis_run WHERE status = 'succeeded'");
  const principal = await db.query("SELECT principal_key FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND kind = 'iam-role' ORDER BY principal_key LIMIT 1", [analysis.rows[0].id]);
  const admin = { id: "ada.admin", email: "ada@acme.example", name: "Ada Admin", roles: ["admin" as const] };
  const campaign = await createCampaign({ pool: db, user: admin, input: {
    name: `Authorization matrix ${Date.now()}`, scope: { accountIds: ["645781203945"], only: "admin-equivalent" },
    // jane.doe (the reviewer login) reviews it: reviewers reach only campaigns with items of theirs.
    reviewers: { mapping: { "645781203945": "jane.doe@acme.example" }, fallback: "ada@acme.example" }, dueAt: new Date(Date.now() + 14 * 86_400_000),
  } });
  const { rows: [janes] } = await db.query("SELECT id, principal_key FROM review_item WHERE campaign_id = $1 AND reviewer_email = 'jane.doe@acme.example' ORDER BY id LIMIT 1", [campaign.campaignId]);
  const resource = await db.query("SELECT arn FROM resource_exposure WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) ORDER BY arn LIMIT 1", [analysis.rows[0].id]);
  const ids: TSampleIds = { principalKey: principal.rows[0].principal_key, reviewerPrincipalKey: janes.principal_key, campaignId: campaign.campaignId, reviewerItemId: janes.id, resourceArn: resource.rows[0].arn };
  const problems: string[] = [];
  for (const who of [null, ...ROLES]) {
    const request = await contextFor(browser, who?.login ?? null);
    for (const entry of MATRIX) {
      const url = entry.sample(ids, who?.role ?? null);
      const response = await request.get(url, { maxRedirects: 0 });
      const status = response.status();
      const allowed = entry.permission === "public" || (who !== null && (PERMISSIONS[entry.permission] as readonly string[]).includes(who.role));
      const refusedAs = who === null ? (entry.api ? [401] : [307, 308]) : [403];
      // A role-specific answer (a reviewer sent on from "/" to their reviews) replaces allowed/refused;
      // everyoneStatus is the one answer a route gives to every session (token-only APIs, the metrics endpoint).
      const special = entry.everyoneStatus ?? (who ? entry.statusFor?.[who.role] : undefined);
      const expected = special ?? (who !== null && entry.signedInStatus ? entry.signedInStatus : 200);
      const ok = special !== undefined ? status === special : allowed ? status === expected : refusedAs.includes(status);
      if (ok && !allowed && !entry.api && who === null) expect(response.headers().location ?? "").toContain("/signin");
      if (ok && special === 307 && who?.role === "reviewer") expect(response.headers().location ?? "").toMatch(/\/reviews$/);
      if (!ok) problems.push(`${who?.role ?? "signed-out"} ${url}: ${status}, expected ${special ?? (allowed ? expected : refusedAs.join("/"))}`);
    }
  }
  expect(problems).toEqual([]);
});

test("a reviewer reads only what their own review items need, and the navigation offers nothing else", async ({ browser, db }) => {
  const admin = { id: "ada.admin", email: "ada@acme.example", name: "Ada Admin", roles: ["admin" as const] };
  const { campaignId } = await createCampaign({ pool: db, user: admin, input: {
    name: `Reviewer scope ${Date.now()}`, scope: { accountIds: ["645781203945"], only: "admin-equivalent" },
    reviewers: { mapping: { "645781203945": "jane.doe@acme.example" }, fallback: "ada@acme.example" }, dueAt: new Date(Date.now() + 14 * 86_400_000),
  } });
  const { rows: [mine] } = await db.query("SELECT principal_key, principal_name FROM review_item WHERE campaign_id = $1 AND reviewer_email = 'jane.doe@acme.example' ORDER BY id LIMIT 1", [campaignId]);
  const { rows: [outside] } = await db.query(
    `SELECT principal_key FROM principal_access WHERE (valid_from <= (SELECT max(id) FROM analysis_run WHERE status = 'succeeded') AND (valid_to IS NULL OR valid_to > (SELECT max(id) FROM analysis_run WHERE status = 'succeeded'))) AND kind = 'iam-role'
       AND principal_key NOT IN (SELECT principal_key FROM review_item WHERE reviewer_email = 'jane.doe@acme.example' UNION SELECT target_key FROM review_item WHERE reviewer_email = 'jane.doe@acme.example' AND target_key IS NOT NULL)
     ORDER BY principal_key LIMIT 1`);
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const jane = await context.newPage();
  await signIn(jane, "reviewer");
  await expect(jane).toHaveURL(/\/reviews$/);
  expect(await jane.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents()).toEqual(["Findings", "Reviews"]);
  await jane.goto(`/principals/${encodeURIComponent(mine.principal_key)}`);
  await expect(jane.getByRole("heading", { level: 1 })).toContainText(mine.principal_name);
  expect((await jane.request.get(`/principals/${encodeURIComponent(outside.principal_key)}`, { maxRedirects: 0 })).status()).toBe(404);
  for (const refused of ["/organization", "/principals", "/who-can-reach", "/trust-map", "/keys", "/unused", "/history", "/reports"]) {
    expect((await jane.request.get(refused, { maxRedirects: 0 })).status(), refused).toBe(403);
  }
  await jane.goto(`/findings?status=all&principal=${encodeURIComponent(outside.principal_key)}`);
  // Not hers to see: the list is empty for her, whatever the filters.
  await expect(jane.getByTestId("findings-empty")).toContainText("No findings match");
  await context.close();
});
