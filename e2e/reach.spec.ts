import { parse } from "csv-parse/sync";
import { test, expect, signIn, saveScreenshot } from "./fixtures";

const PROD = "645781203945";
const DEV = "863903425167";
const QUERY = `?account=${PROD}&service=iam&level=Permissions+management`;

test("who can reach acme-prod with iam permissions management: Identity Center admins and the management account's role", async ({ page, db }) => {
  await signIn(page, "viewer", { to: `/who-can-reach${QUERY}` });
  await expect(page.getByTestId("reach-summary")).toContainText("acme-prod (645781203945)");
  for (const user of ["alice.admin", "dave.ops"]) {
    const row = page.locator(`[data-testid=reach-row][data-principal="${user}"]`);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Identity Center user");
    await expect(row).toContainText("group Platform-Admins");
    await expect(row).toContainText("permission set AdministratorAccess");
    await expect(row).toContainText(/AWSReservedSSO_AdministratorAccess_/);
    await expect(row).toContainText("admin-equivalent");
    await expect(row.getByRole("link", { name: user }).first()).toHaveAttribute("href", /^\/principals\/sso%2F/);
  }
  const fromManagement = page.locator(`[data-testid=reach-row][data-route=via-role][data-acting=OrganizationAccountAccessRole]`);
  await expect(fromManagement).toHaveCount(1);
  await expect(fromManagement).toContainText("(acme-management) → OrganizationAccountAccessRole (acme-prod)");
  await expect(page.locator(`[data-testid=reach-row][data-route=direct][data-principal=OrganizationAccountAccessRole]`)).toHaveCount(1);
  await saveScreenshot(page, "who-can-reach");

  const pageRows = await page.locator("[data-testid=reach-row]").evaluateAll((rows) =>
    rows.map((row) => [row.getAttribute("data-key"), row.getAttribute("data-route"), row.getAttribute("data-target"), row.getAttribute("data-acting")].join("|")));
  const { rows: [before] } = await db.query("SELECT coalesce(max(id), 0)::int AS id FROM audit_event");
  const response = await page.request.get(`/api/export/who-can-reach${QUERY}`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const [header, ...csvRows] = parse(await response.text()) as string[][];
  const column = (name: string) => header.indexOf(name);
  expect(csvRows.map((row) => [row[column("principal_key")], row[column("route")], row[column("account_reached")], row[column("acting_as")]].join("|"))).toEqual(pageRows);
  const audit = await db.query("SELECT details FROM audit_event WHERE action = 'export.download' AND target_type = 'who-can-reach' AND id > $1 ORDER BY id DESC LIMIT 1", [before.id]);
  expect(audit.rows[0]?.details).toMatchObject({ rows: pageRows.length, filters: { account: PROD, service: "iam" } });
});

test("one action: holders of every action of its level are certain, holders of only some are marked not confirmed", async ({ page }) => {
  await signIn(page, "viewer", { to: `/who-can-reach?account=${DEV}&action=iam:PassRole` });
  const admin = page.locator(`[data-testid=reach-row][data-route=direct][data-principal=OrganizationAccountAccessRole]`);
  await expect(admin).toHaveCount(1);
  await expect(admin).not.toContainText("action not confirmed");
  // build-runner's inline policy grants iam:PassRole and no other iam Write action.
  const runner = page.locator(`[data-testid=reach-row][data-route=direct][data-principal=build-runner]`);
  await expect(runner).toHaveCount(1);
  await expect(runner).toContainText("action not confirmed");
});

test("bad who-can-reach input is reported on the page", async ({ page }) => {
  await signIn(page, "viewer", { to: `/who-can-reach?account=${PROD}&action=iam:PassRol` });
  await expect(page.locator(".error-box")).toContainText('unknown action "iam:PassRol"');
  await page.goto("/who-can-reach?service=s3");
  await expect(page.locator(".error-box")).toContainText("pick an account or an OU");
});

test("a reviewer may neither look nor export: least privilege keeps them to their review items", async ({ page }) => {
  await signIn(page, "reviewer", { to: `/who-can-reach${QUERY}` });
  await expect(page.getByText(/403|not allowed|forbidden/i).first()).toBeVisible();
  await expect(page.getByTestId("reach-table")).toHaveCount(0);
  expect((await page.request.get(`/api/export/who-can-reach${QUERY}`)).status()).toBe(403);
});

test("the trust map shows the planted outside-account trust and the vendor trust", async ({ page }) => {
  await signIn(page, "viewer", { to: "/trust-map" });
  const partner = page.locator("[data-testid=external-trust-row][data-role=partner-analytics-access]");
  await expect(partner).toContainText("999988887777");
  await expect(partner).toContainText("acme-prod");
  await expect(partner).toContainText("none");
  const datadog = page.locator("[data-testid=external-trust-row][data-role=datadog-integration]");
  await expect(datadog).toContainText("464622532012");
  await expect(datadog).toContainText("sts:ExternalId");
  await expect(page.locator('[data-testid=trust-map] [data-testid=graph-focus-select] option[value="external:999988887777"]')).toHaveCount(1);
  await expect(page.locator("[data-testid=account-edges]")).toContainText("acme-management");
  await saveScreenshot(page, "trust-map");

  await page.goto("/trust-map?external=1&party=external-account");
  await expect(page.locator("[data-testid=account-edges]")).toHaveCount(0);
  await expect(page.locator("[data-testid=external-trust-row]")).toHaveCount(3);
});
