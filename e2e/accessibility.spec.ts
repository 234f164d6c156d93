import AxeBuilder from "@axe-core/playwright";
import { expect, signIn, test } from "./fixtures";

// WCAG 2.1 AA on every console page, with the demo's data in it (axe-core's wcag2a,
// wcag2aa, wcag21a and wcag21aa rules), then keyboard use of the filters, tables and
// dialogs-like panels (the accept form, the graph's focus list).

const PROD = "645781203945";

async function pages(db: import("pg").Pool): Promise<Record<string, string>> {
  const { rows: [admin] } = await db.query(
    `SELECT principal_key AS key FROM principal_access WHERE analysis_id = (SELECT max(id) FROM analysis_run WHERE status = 'succeeded')
     AND admin_equivalent AND kind = 'iam-role' ORDER BY name LIMIT 1`,
  );
  const { rows: [campaign] } = await db.query("SELECT id FROM review_campaign ORDER BY id LIMIT 1");
  return {
    overview: "/",
    organization: "/organization",
    principals: "/principals",
    "principal detail": `/principals/${encodeURIComponent(admin.key)}?service=s3`,
    "who can reach": `/who-can-reach?account=${PROD}&service=s3&level=Write`,
    "trust map": "/trust-map",
    "access graph": `/graph?account=${PROD}`,
    findings: "/findings",
    "findings list": "/findings?view=list&rule=admin-escalation",
    unused: "/unused?view=list",
    keys: "/keys",
    history: "/history",
    collection: "/collection",
    reviews: "/reviews",
    ...(campaign ? { campaign: `/reviews/${campaign.id}` } : {}),
    reports: "/reports",
    audit: "/audit",
  };
}

test.describe("accessibility", () => {
  test("every console page passes axe-core's WCAG 2.1 AA rules", async ({ page, db }) => {
    test.setTimeout(300_000);
    await signIn(page, "admin");
    const failures: string[] = [];
    for (const [name, path] of Object.entries(await pages(db))) {
      await page.goto(path);
      await page.locator("main").waitFor();
      // nextjs-portal: the dev overlay, present only under next dev.
      const results = await new AxeBuilder({ page }).exclude("nextjs-portal").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      for (const violation of results.violations) {
        failures.push(`${name} (${path}): ${violation.id} ${violation.help}: ${violation.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test("the findings filters, the group table and the accept form work from the keyboard", async ({ page }) => {
    await signIn(page, "auditor", { to: "/findings" });
    const search = page.getByLabel("Search");
    await search.focus();
    await page.keyboard.type("root");
    // Tab through the filter bar to its Apply button, then submit with Enter.
    for (let i = 0; i < 12 && !(await page.getByRole("button", { name: "Apply" }).evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Apply" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/q=root/);
    const firstRow = page.getByTestId("finding-row").first();
    await expect(firstRow).toBeVisible();
    const accept = firstRow.getByRole("button", { name: /^Accept/ });
    await accept.focus();
    await page.keyboard.press("Enter");
    await expect(firstRow.locator("textarea[name=reason]")).toBeVisible();
    await firstRow.locator("textarea[name=reason]").focus();
    await page.keyboard.press("Tab");
    await expect(firstRow.locator("input[name=until]")).toBeFocused();
    await firstRow.getByRole("button", { name: "Cancel" }).focus();
    await page.keyboard.press("Enter");
    await expect(firstRow.locator("textarea[name=reason]")).toHaveCount(0);
  });

  test("the graph explorer's focus list and edge evidence work from the keyboard", async ({ page }) => {
    await signIn(page, "viewer", { to: `/graph?account=${PROD}` });
    const select = page.getByTestId("graph-focus-select");
    await select.focus();
    await select.selectOption({ label: "alex.chen" });
    await expect(page.getByTestId("graph-focused")).toContainText("alex.chen");
    const evidence = page.getByTestId("graph-neighbours").getByRole("button", { name: /^Evidence for alex\.chen/ }).first();
    await evidence.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("graph-evidence")).toContainText("Trust statement of");
  });
});
