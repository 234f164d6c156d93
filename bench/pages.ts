// npm run bench:pages [-- --iterations 7 --base-url http://localhost:3000 --database-url postgresql://…]
// Page benchmark of the console on the demo organization: starts the built stack exactly
// as the browser tests do (e2e/global-setup.ts: next build + the demo, on free ports),
// signs in through the demo IdP as the admin, then loads every console page (the
// principal detail of an admin-equivalent role, who can reach with a query, a review
// campaign, the graph explorer from a principal and from a resource) several times in Chromium at 1280 px wide. Per page:
// p50/p95 of the warm loads (the first load of each page is the cold one and is not
// counted), the decoded HTML size and the full page height. Last line:
// {"pages":{"<name>":{"p50Ms":…,"p95Ms":…,"bytes":…,"heightPx":…}}}.
// Targets: warm p95 < 500 ms, HTML < 300 KB, height < 8,000 px.
// --only name,name measures some pages; --base-url/--database-url (or E2E_BASE_URL/E2E_DATABASE_URL) measure a stack that already runs.
import { parseArgs } from "node:util";
import pg from "pg";
import { chromium, type Page } from "playwright-core";
import globalSetup from "../e2e/global-setup";
import { DEMO_PASSWORD } from "../lib/demo/demo-users";

const TARGETS = { p95Ms: 500, bytes: 300_000, heightPx: 8_000 };

type TPageResult = { p50Ms: number; p95Ms: number; bytes: number; heightPx: number };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/signin?callbackUrl=%2F`);
  await page.getByRole("button", { name: /Sign in with/ }).click();
  await page.waitForURL(/\/interaction\//);
  await page.fill("#username", "ada.admin");
  await page.fill("#password", DEMO_PASSWORD);
  await page.click("button[type=submit]");
  await page.waitForURL((url) => url.origin === new URL(baseUrl).origin && !url.pathname.startsWith("/api/auth") && !url.pathname.startsWith("/signin"));
}

/** The bench's campaign: an existing one, else one created through the console's form like an admin would. */
async function campaignId(options: { page: Page; baseUrl: string; pool: pg.Pool }): Promise<number> {
  const { rows } = await options.pool.query("SELECT id FROM review_campaign ORDER BY id LIMIT 1");
  if (rows[0]) return rows[0].id;
  const { page, baseUrl } = options;
  await page.goto(`${baseUrl}/reviews/new`);
  await page.getByLabel("Name").fill("bench:pages campaign");
  await page.locator("input[name=accountIds]").first().check();
  await page.locator("input[name=fallback]").fill("ada@acme.example");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await page.waitForURL(/\/reviews\/\d+$/);
  return Number(new URL(page.url()).pathname.split("/").pop());
}

async function pagesToLoad(options: { page: Page; baseUrl: string; pool: pg.Pool }): Promise<Record<string, string>> {
  const { rows: [admin] } = await options.pool.query(
    `SELECT principal_key AS key, account_id AS "accountId" FROM principal_access
     WHERE (valid_from <= (SELECT max(id) FROM analysis_run WHERE status = 'succeeded') AND (valid_to IS NULL OR valid_to > (SELECT max(id) FROM analysis_run WHERE status = 'succeeded'))) AND admin_equivalent AND kind = 'iam-role'
     ORDER BY name LIMIT 1`,
  );
  if (!admin) throw new Error("the demo analysis has no admin-equivalent role: is the stack's database the demo's?");
  const campaign = await campaignId(options);
  // The demo's KMS key shared with an outside account (sim/orgs/demo.yaml): the explorer started from a resource.
  const { rows: [key] } = await options.pool.query(
    "SELECT arn FROM resource_exposure WHERE valid_to IS NULL AND name = 'alias/prod-data-key'",
  );
  if (!key) throw new Error("the demo analysis has no alias/prod-data-key: is the stack's database the demo's?");
  return {
    overview: "/",
    organization: "/organization",
    principals: "/principals",
    "principal-detail": `/principals/${encodeURIComponent(admin.key)}`,
    "who-can-reach": `/who-can-reach?account=${admin.accountId}&service=s3&level=Write`,
    "trust-map": "/trust-map",
    "graph-explorer": `/graph?principal=${encodeURIComponent(admin.key)}`,
    "resource-graph": `/graph?resource=${encodeURIComponent(key.arn)}`,
    findings: "/findings",
    unused: "/unused",
    keys: "/keys",
    history: "/history",
    collection: "/collection",
    reviews: "/reviews",
    campaign: `/reviews/${campaign}`,
    reports: "/reports",
    audit: "/audit",
  };
}

async function measure(options: { page: Page; url: string; iterations: number }): Promise<TPageResult> {
  const { page, url } = options;
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i <= options.iterations; i++) {
    const started = performance.now();
    const response = await page.goto(url, { waitUntil: "load" });
    const elapsed = performance.now() - started;
    if (!response || response.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
    bytes = Buffer.byteLength(await response.text());
    if (i > 0) times.push(elapsed);
  }
  const heightPx = await page.evaluate(() => document.documentElement.scrollHeight);
  return { p50Ms: Math.round(percentile(times, 50)), p95Ms: Math.round(percentile(times, 95)), bytes, heightPx };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    iterations: { type: "string", default: "7" }, only: { type: "string" }, "base-url": { type: "string" }, "database-url": { type: "string" },
  } });
  if (values["base-url"]) process.env.E2E_BASE_URL = values["base-url"];
  if (values["database-url"]) process.env.E2E_DATABASE_URL = values["database-url"];
  const iterations = Number(values.iterations);
  if (!Number.isInteger(iterations) || iterations < 2) throw new Error("--iterations must be an integer of at least 2");
  if (!process.env.E2E_BASE_URL) process.stderr.write("starting the demo stack (next build + demo, a few minutes)…\n");
  const teardown = await globalSetup();
  const baseUrl = process.env.E2E_BASE_URL!;
  const pool = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, baseUrl);
    const pages = await pagesToLoad({ page, baseUrl, pool });
    const results: Record<string, TPageResult> = {};
    console.log(`${"page".padEnd(18)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"HTML KB".padStart(8)} ${"height px".padStart(10)}`);
    const only = values.only?.split(",");
    for (const [name, path] of Object.entries(pages).filter(([name]) => !only || only.includes(name))) {
      const result = await measure({ page, url: `${baseUrl}${path}`, iterations });
      results[name] = result;
      const over = [result.p95Ms >= TARGETS.p95Ms && "slow", result.bytes >= TARGETS.bytes && "heavy", result.heightPx >= TARGETS.heightPx && "tall"].filter(Boolean);
      console.log(`${name.padEnd(18)} ${String(result.p50Ms).padStart(7)} ${String(result.p95Ms).padStart(7)} ${(result.bytes / 1000).toFixed(1).padStart(8)} ${String(result.heightPx).padStart(10)}${over.length ? `  over target: ${over.join(", ")}` : ""}`);
    }
    console.log(JSON.stringify({ pages: results }));
  } finally {
    await browser.close();
    await pool.end();
    await teardown();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
