import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, saveScreenshot, signIn, test } from "./fixtures";

// The console's second pass, each fix where it can fail: nothing wider than 1280 px, no
// page taller than 8,000 px, the summary-first principal page, findings grouped by rule,
// condition keys on conditional paths, the Cytoscape trust map and access graph, the
// overview charts. DOCS_SCREENSHOTS=1 also refreshes the README's pictures in docs/.

const PROD = "645781203945";
const SECURITY = "318274659012";

test.use({ viewport: { width: 1280, height: 900 } });

const latest = "(SELECT max(id) FROM analysis_run WHERE status = 'succeeded')";

async function adminRoleKey(db: import("pg").Pool): Promise<string> {
  const { rows: [row] } = await db.query(`SELECT principal_key AS key FROM principal_access WHERE (valid_from <= ${latest} AND (valid_to IS NULL OR valid_to > ${latest})) AND admin_equivalent AND kind = 'iam-role' ORDER BY name LIMIT 1`);
  return row.key;
}

async function size(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
}

async function docsPicture(page: Page, name: string): Promise<void> {
  if (process.env.DOCS_SCREENSHOTS !== "1") return;
  await page.screenshot({ path: path.join(import.meta.dirname, "..", "docs", `${name}.png`) });
}

test.describe("console second pass", () => {
  test("no page is wider than 1280 px or taller than 8,000 px", async ({ page, db }) => {
    test.setTimeout(180_000);
    const { rows: [campaign] } = await db.query("SELECT id FROM review_campaign ORDER BY id LIMIT 1");
    await signIn(page, "admin");
    const paths = [
      `/principals/${encodeURIComponent(await adminRoleKey(db))}`, `/who-can-reach?account=${PROD}&service=s3&level=Write`, `/who-can-reach?ou=${"r-zvfa"}&service=s3&level=Read`,
      "/unused?view=list", "/findings?view=list", "/findings", "/principals", "/trust-map", `/graph?account=${PROD}`, "/", "/reports",
      ...(campaign ? [`/reviews/${campaign.id}`] : []),
    ];
    const problems: string[] = [];
    for (const p of paths) {
      await page.goto(p);
      const { width, height } = await size(page);
      if (width > 1280) problems.push(`${p} is ${width} px wide`);
      if (height >= 8000) problems.push(`${p} is ${height} px tall`);
    }
    expect(problems).toEqual([]);
  });

  test("principal detail leads with the summary; effective access is searchable and opens a service's actions", async ({ page, db }) => {
    const key = await adminRoleKey(db);
    await signIn(page, "viewer", { to: `/principals/${encodeURIComponent(key)}` });
    await expect(page.getByTestId("summary-admin")).toContainText("yes");
    // The reason shown: full admin when the analysis found it, else its first escalation path.
    const { rows: [{ paths }] } = await db.query(`SELECT admin_paths AS paths FROM principal_access WHERE (valid_from <= ${latest} AND (valid_to IS NULL OR valid_to > ${latest})) AND principal_key = $1`, [key]);
    const why = (paths as Array<{ kind: string; description: string }>).find((p) => p.kind === "full-admin") ?? paths[0];
    await expect(page.getByTestId("summary-admin")).toContainText(why.description);
    await expect(page.getByTestId("section-nav").getByRole("link", { name: /Effective access/ })).toHaveAttribute("href", "#access");
    const { rows: [{ n: services }] } = await db.query(
      `SELECT jsonb_array_length(s.summary->'services')::int AS n FROM principal_access pa JOIN access_summary s ON s.hash = pa.summary_hash WHERE (pa.valid_from <= ${latest} AND (pa.valid_to IS NULL OR pa.valid_to > ${latest})) AND pa.principal_key = $1`, [key]);
    await expect(page.getByTestId("access-shown")).toHaveText(`40 of ${services} services shown`);
    await page.getByLabel("Find a service").fill("secretsmanager");
    await expect(page.getByTestId("access-row")).toHaveCount(1);
    await page.getByTestId("access-row").getByRole("link", { name: /secretsmanager/ }).click();
    await expect(page).toHaveURL(/service=secretsmanager/);
    await expect(page.getByTestId("service-actions")).toContainText("GetSecretValue");
    await saveScreenshot(page, "principal-detail");
    await page.goto(`/principals/${encodeURIComponent(key)}`);
    await docsPicture(page, "principal-detail");
  });

  test("findings are grouped by rule with counts that match the database, and a group drills down to its findings", async ({ page, db }) => {
    const { rows: [{ n }] } = await db.query("SELECT count(*)::int AS n FROM finding WHERE status = 'open' AND rule = 'admin-escalation'");
    await signIn(page, "auditor", { to: "/findings" });
    const group = page.locator("[data-testid=finding-group][data-rule=admin-escalation]");
    await expect(group).toHaveAttribute("data-count", String(n));
    const severities = await page.getByTestId("finding-group").evaluateAll((rows) => rows.map((r) => r.querySelector(".badge")!.textContent));
    const order = ["critical", "high", "medium", "low", "info"];
    expect(severities.map((s) => order.indexOf(s!))).toEqual([...severities.map((s) => order.indexOf(s!))].sort((a, b) => a - b));
    await expect(page.getByTestId("finding-groups")).toContainText("1.4 Ensure MFA is enabled for the 'root' user account");
    await expect(page.getByLabel("Order")).toContainText("most severe first");
    await group.getByRole("link").first().click();
    await expect(page).toHaveURL(/rule=admin-escalation/);
    await expect(page.getByTestId("list-count").first()).toContainText(`of ${n}`);
    for (const row of await page.getByTestId("finding-row").all()) await expect(row).toContainText("admin-escalation");
  });

  test("who can reach names the condition keys of a conditional path", async ({ page }) => {
    await signIn(page, "viewer", { to: `/who-can-reach?account=${SECURITY}&service=kms&level=Read` });
    const row = page.locator("[data-testid=reach-row][data-principal='jane.doe']");
    await expect(row).toContainText("conditional");
    // The demo's EnforceSecureTransport RCP denies kms:* when aws:SecureTransport is false.
    await expect(row.getByTestId("condition-keys")).toContainText("aws:SecureTransport");
    await page.goto(`/who-can-reach?account=${PROD}&service=s3&level=Write`);
    await docsPicture(page, "who-can-reach");
  });

  test("the trust map focuses a node and its neighbours; its edges open their evidence", async ({ page }) => {
    await signIn(page, "viewer", { to: "/trust-map" });
    const map = page.getByTestId("trust-map");
    await expect(page.getByTestId("trust-map-canvas").locator("canvas").first()).toBeVisible();
    await docsPicture(page, "trust-map");
    await map.getByTestId("graph-focus-select").selectOption("external:999988887777");
    const focused = map.getByTestId("graph-focused");
    await expect(focused).toHaveAttribute("data-node", "external:999988887777");
    // Two edges into acme-prod: the role that trusts it, and the resources shared with it
    // (the KMS key prod-data-key and the RDS snapshot orders-db-final).
    const edges = focused.getByTestId("graph-neighbours").locator("li");
    await expect(edges).toHaveCount(2);
    await expect(focused.getByTestId("graph-neighbours")).toContainText("acme-prod");
    await expect(edges.filter({ hasText: /\d+ resources/ })).toHaveCount(1);
    await edges.filter({ hasNotText: "resources" }).getByRole("button", { name: /^Evidence/ }).click();
    await expect(map.getByTestId("graph-evidence")).toContainText("partner-analytics-access: no condition");
  });

  test("the access graph shows what a principal reaches, and each edge its trust and granting statements", async ({ page, db }) => {
    const { rows: [alex] } = await db.query(`SELECT principal_key AS key FROM principal_access WHERE (valid_from <= ${latest} AND (valid_to IS NULL OR valid_to > ${latest})) AND name = 'alex.chen' AND kind = 'iam-user'`);
    const { rows: [{ n }] } = await db.query(`SELECT count(DISTINCT target_key)::int AS n FROM principal_reach WHERE (valid_from <= ${latest} AND (valid_to IS NULL OR valid_to > ${latest})) AND source_key = $1 AND hop_count = 1`, [alex.key]);
    await signIn(page, "viewer", { to: `/principals/${encodeURIComponent(alex.key)}` });
    await page.getByTestId("open-graph").click();
    await expect(page).toHaveURL(/\/graph\?principal=/);
    await expect(page.getByTestId("access-graph-canvas").locator("canvas").first()).toBeVisible();
    await page.getByTestId("graph-focus-select").selectOption(alex.key);
    const neighbours = page.getByTestId("graph-neighbours");
    // Its own account ("in") plus one edge per role it assumes directly.
    await expect(neighbours.locator("li")).toHaveCount(n + 1);
    await neighbours.getByRole("button", { name: /^Evidence for alex\.chen to org-wide-readonly/ }).click();
    const evidence = page.getByTestId("graph-evidence");
    await expect(evidence).toContainText("Trust statement of org-wide-readonly");
    await expect(evidence).toContainText("sts:AssumeRole");
    await docsPicture(page, "graph-explorer");
  });

  test("the overview draws its charts from the snapshots", async ({ page }) => {
    await signIn(page, "viewer");
    for (const chart of ["chart-findings", "chart-trend", "chart-key-age"]) await expect(page.getByTestId(chart)).toBeVisible();
    const painted = await page.getByTestId("chart-key-age").evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    });
    expect(painted).toBe(true);
    await docsPicture(page, "overview");
  });
});
