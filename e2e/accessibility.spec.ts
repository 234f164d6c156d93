import AxeBuilder from "@axe-core/playwright";
import { expect, signIn, test } from "./fixtures";

// WCAG 2.1 AA on every console page, with the demo's data in it (axe-core's wcag2a,
// wcag2aa, wcag21a and wcag21aa rules), then keyboard use of the filters, tables and
// dialogs-like panels (the accept form, the graph's focus list).

const PROD = "645781203945";

type TPool = import("pg").Pool;

// Each page by name; the path may need the demo's data (an admin role, a campaign).
const PAGES: Record<string, (db: TPool) => Promise<string | null>> = {
  overview: async () => "/",
  organization: async () => "/organization",
  principals: async () => "/principals",
  "principal detail": async (db) => {
    const { rows: [admin] } = await db.query(
      `SELECT principal_key AS key FROM principal_access WHERE (valid_from <= (SELECT max(id) FROM analysis_run WHERE status = 'succeeded') AND (valid_to IS NULL OR valid_to > (SELECT max(id) FROM analysis_run WHERE status = 'succeeded')))
       AND admin_equivalent AND kind = 'iam-role' ORDER BY name LIMIT 1`,
    );
    return `/principals/${encodeURIComponent(admin.key)}?service=s3`;
  },
  "who can reach": async () => `/who-can-reach?account=${PROD}&service=s3&level=Write`,
  "trust map": async () => "/trust-map",
  "access graph": async () => `/graph?account=${PROD}`,
  findings: async () => "/findings",
  "findings list": async () => "/findings?view=list&rule=admin-escalation",
  unused: async () => "/unused?view=list",
  keys: async () => "/keys",
  history: async () => "/history",
  collection: async () => "/collection",
  reviews: async () => "/reviews",
  campaign: async (db) => {
    const { rows: [campaign] } = await db.query("SELECT id FROM review_campaign ORDER BY id LIMIT 1");
    return campaign ? `/reviews/${campaign.id}` : null;
  },
  reports: async () => "/reports",
  audit: async () => "/audit",
};

test.describe("accessibility", () => {
  for (const [name, pathOf] of Object.entries(PAGES)) {
    test(`${name} passes axe-core's WCAG 2.1 AA rules`, async ({ page, db }) => {
      let path = await pathOf(db);
      await signIn(page, "admin", { to: path ?? "/reviews/new" });
      if (path === null) {
        // No campaign in this database yet: create one the way an admin does.
        await page.getByLabel("Name").fill(`a11y campaign ${Date.now()}`);
        await page.locator(`input[name=accountIds][value="${PROD}"]`).check();
        await page.locator("input[name=fallback]").fill("ada@acme.example");
        await page.getByRole("button", { name: "Create campaign" }).click();
        await page.waitForURL(/\/reviews\/\d+$/);
        path = new URL(page.url()).pathname;
      }
      await page.locator("main").waitFor();
      // nextjs-portal: the dev overlay, present only under next dev.
      const results = await new AxeBuilder({ page }).exclude("nextjs-portal").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(results.violations.map((v) => `${v.id} ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
    });
  }

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
