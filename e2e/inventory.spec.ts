import { parse } from "csv-parse/sync";
import { expect, saveScreenshot, signIn, test } from "./fixtures";

const PROD = "645781203945";

test.describe("inventory: principals and organization", () => {
  test("the principal list filters by kind and search, keeping the state in the URL", async ({ page }) => {
    await signIn(page, "viewer", { to: "/principals" });
    const filters = page.getByTestId("principal-filters");
    await filters.locator("input[name=q]").fill("partner");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/[?&]q=partner/);
    const table = page.getByTestId("principal-table");
    const partner = table.locator("tbody tr", { hasText: "partner-analytics-access" });
    await expect(partner).toContainText("acme-prod");
    await expect(partner).toContainText(PROD);
    await expect(page.getByTestId("principal-total")).toHaveText("1");

    await page.goto("/principals");
    await filters.locator("select[name=kind]").selectOption("iam-role");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/[?&]kind=iam-role/);
    const kinds = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-kind")));
    expect(kinds.length).toBeGreaterThan(5);
    expect(new Set(kinds)).toEqual(new Set(["iam-role"]));
    // Reloading the URL gives the same view: the state lives in the query string.
    await page.reload();
    await expect(filters.locator("select[name=kind]")).toHaveValue("iam-role");
    await saveScreenshot(page, "principals");
  });

  test("partner-analytics-access shows its external trust in the trust policy and findings", async ({ page }) => {
    await signIn(page, "viewer", { to: "/principals?q=partner-analytics" });
    await page.getByTestId("principal-table").getByRole("link", { name: "partner-analytics-access" }).click();
    await expect(page).toHaveURL(new RegExp(`/principals/${PROD}%2FAROA`));
    await expect(page.getByTestId("trust-policy")).toContainText("arn:aws:iam::999988887777:root");
    await expect(page.getByTestId("external-parties")).toContainText("999988887777");
    const findings = page.getByTestId("principal-findings");
    await expect(findings).toContainText("trust-external-account");
    await expect(findings).toContainText("trusts external account 999988887777");
    await saveScreenshot(page, "principal-detail");
  });

  test("deploy-bot lists its two access keys with their ages", async ({ page }) => {
    await signIn(page, "viewer", { to: `/principals?q=deploy-bot&account=${PROD}` });
    await page.getByTestId("principal-table").getByRole("link", { name: "deploy-bot" }).click();
    const keys = page.getByTestId("access-keys").locator("tbody tr");
    await expect(keys).toHaveCount(2);
    for (const age of await page.getByTestId("key-age").allTextContents()) expect(Number(age)).toBeGreaterThanOrEqual(0);
    await expect(keys.first().locator("td").first()).toHaveText(/^AKIA/);
  });

  test("app-server-role's suggested least-privilege policy keeps what it used and drops the rest", async ({ page }) => {
    await signIn(page, "viewer", { to: `/principals?q=app-server-role&account=${PROD}` });
    await page.getByTestId("principal-table").getByRole("link", { name: "app-server-role" }).click();
    await page.getByTestId("suggest-link").click();
    await expect(page).toHaveURL(/suggest=1/);
    await expect(page.getByTestId("suggested-policy")).toContainText("s3:ListAllMyBuckets");
    await expect(page.getByTestId("dropped-services")).toContainText("ec2 (never used)");
  });

  test("the CSV export carries the filters: every row of the kind, as many as the list's total", async ({ page, db }) => {
    await signIn(page, "viewer", { to: "/principals?kind=iam-user" });
    const total = Number(await page.getByTestId("principal-total").textContent());
    const href = await page.getByTestId("export-csv").getAttribute("href");
    expect(href).toBe("/api/export/principals?kind=iam-user");
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("key,kind,name,arn,account_id,account_name,admin_equivalent,services_granted,services_used,last_used,access_keys,open_findings");
    expect(lines.length - 1).toBe(total);
    expect(lines.slice(1).every((line) => line.split(",")[1] === "iam-user")).toBe(true);
    const { rows } = await db.query(
      "SELECT details FROM audit_event WHERE action = 'export.download' AND target_type = 'principals' AND actor_email = 'victor@acme.example' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0].details).toMatchObject({ filters: { kind: "iam-user" }, rows: total });
  });

  test("the organization page shows the OU tree and the SCPs at each level", async ({ page }) => {
    await signIn(page, "viewer", { to: "/organization" });
    const tree = page.getByTestId("org-tree");
    const workloads = tree.locator("li", { has: page.locator("strong", { hasText: /^Workloads$/ }) }).first();
    const prod = workloads.locator("li", { has: page.locator("strong", { hasText: /^Prod$/ }) }).first();
    await expect(prod.getByTestId(`org-account-${PROD}`)).toContainText("acme-prod");
    await expect(workloads.getByTestId("org-policy").filter({ hasText: "DenyRootUserActions" }).first()).toBeVisible();
    await expect(prod.getByTestId(`org-account-${PROD}`).getByRole("link", { name: "acme-prod" })).toHaveAttribute("href", `/principals?account=${PROD}`);
    await saveScreenshot(page, "organization");
    const csv = await page.request.get((await page.getByTestId("accounts-export").getAttribute("href"))!);
    const rows = parse(await csv.text(), { columns: true }) as Array<Record<string, string>>;
    const prodRow = rows.find((r) => r.account_id === PROD)!;
    expect(prodRow).toMatchObject({ account_name: "acme-prod", ou_path: "Workloads / Prod", last_collection_status: "succeeded" });
    expect(prodRow.policies_in_effect).toContain("SCP DenyRootUserActions");
    expect(rows.find((r) => r.account_name === "acme-sandbox")).toMatchObject({ last_collection_status: "failed" });
    expect(rows).toHaveLength(9);
  });
});
