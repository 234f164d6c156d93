import { expect, saveScreenshot, signIn, test } from "./fixtures";

test.describe("the overview and collection control", () => {
  test("every overview number links to the list behind it", async ({ page, db }) => {
    await signIn(page, "viewer");
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    const { rows: [{ n: accounts }] } = await db.query("SELECT count(*)::int AS n FROM snapshot_record WHERE kind = 'org.account' AND valid_to IS NULL");
    await expect(page.getByTestId("count-accounts")).toContainText(String(accounts));
    await saveScreenshot(page, "overview");
    const admins = page.getByTestId("count-admin-equivalent principals");
    const shown = Number((await admins.locator(".value").textContent())!.replace(/,/g, ""));
    expect(shown).toBeGreaterThan(0);
    await admins.click();
    await expect(page).toHaveURL(/\/principals\?admin=yes/);
    await expect(page.getByText(`${shown} matching`)).toBeVisible();
    await page.goto("/");
    await page.getByTestId("count-critical").click();
    await expect(page).toHaveURL(/\/findings\?severity=critical/);
  });

  test("an admin starts a collection from the console and watches it finish; a viewer cannot start one", async ({ page, browser, db }) => {
    test.setTimeout(180_000);
    const { rows: [{ id: before }] } = await db.query("SELECT coalesce(max(id), 0)::int AS id FROM collection_run");
    await signIn(page, "admin", { to: "/collection" });
    await page.getByRole("button", { name: "Start collection" }).click();
    await expect(page.getByTestId("collection-progress").getByRole("heading")).toContainText(`Run #${before + 1}`, { timeout: 60_000 });
    // The demo's sandbox account has no audit role: the run ends partial, the others collected.
    await expect(page.getByTestId("run-status")).toHaveText("partial", { timeout: 120_000 });
    await saveScreenshot(page, "collection");
    const { rows: [run] } = await db.query("SELECT trigger, status FROM collection_run WHERE id = $1", [before + 1]);
    expect(run).toEqual({ trigger: "console", status: "partial" });
    const { rows: audits } = await db.query("SELECT actor_email FROM audit_event WHERE action = 'collection.start' AND at > now() - interval '5 minutes'");
    expect(audits.map((a) => a.actor_email)).toContain("ada@acme.example");
    const viewer = await (await browser.newContext({ baseURL: process.env.E2E_BASE_URL })).newPage();
    await signIn(viewer, "viewer", { to: "/collection" });
    await expect(viewer.getByTestId("collection-progress")).toBeVisible();
    await expect(viewer.getByRole("button", { name: "Start collection" })).toHaveCount(0);
  });
});
