import { expect, saveScreenshot, signIn, test } from "./fixtures";

const PROD = "645781203945";
const SECURITY = "318274659012";
const DEV = "863903425167";

test.describe("access review campaigns", () => {
  test("an admin creates a campaign; the reviewer sees only her items, needs a comment to revoke, and cannot decide her own access", async ({ browser, db }) => {
    const name = `e2e review ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const admin = await browser.newPage();
    await signIn(admin, "admin", { to: "/reviews/new" });
    await admin.getByLabel("Name").fill(name);
    for (const account of [PROD, SECURITY, DEV]) await admin.locator(`input[name=accountIds][value="${account}"]`).check();
    await admin.locator("textarea[name=mapping]").fill(`${PROD} = jane.doe@acme.example\n${SECURITY} = jane.doe@acme.example`);
    await admin.locator("input[name=fallback]").fill("ada@acme.example");
    await admin.getByRole("button", { name: "Create campaign" }).click();
    await admin.waitForURL(/\/reviews\/\d+$/);
    const campaignId = Number(new URL(admin.url()).pathname.split("/").pop());
    await expect(admin.getByRole("heading", { name })).toBeVisible();
    const { rows: reviewers } = await db.query("SELECT account_id, reviewer_email FROM review_item WHERE campaign_id = $1 GROUP BY 1, 2", [campaignId]);
    expect(reviewers).toEqual(expect.arrayContaining([{ account_id: PROD, reviewer_email: "jane.doe@acme.example" }, { account_id: DEV, reviewer_email: "ada@acme.example" }]));
    await admin.close();

    const jane = await browser.newPage();
    await signIn(jane, "reviewer", { to: "/reviews" });
    await expect(jane.getByRole("link", { name })).toBeVisible();
    await saveScreenshot(jane, "reviews");
    await jane.goto(`/reviews/${campaignId}?account=${PROD}&kind=iam-user`);
    const rows = jane.locator("tr[data-item-id]");
    await expect(rows.first()).toBeVisible();
    for (const reviewer of await jane.locator("tr[data-item-id] td:nth-child(4)").allTextContents()) expect(reviewer).toBe("jane.doe@acme.example");
    await jane.goto(`/reviews/${campaignId}?account=${DEV}`);
    await expect(jane.getByText("No item matches these filters.")).toBeVisible();

    await jane.goto(`/reviews/${campaignId}?account=${PROD}&kind=iam-user`);
    const legacy = rows.filter({ has: jane.locator("summary strong", { hasText: /^legacy-reporting$/ }) }).first();
    await legacy.locator("summary").click();
    await expect(legacy.getByText(/AKIA\w+ Active, \d+ days old/)).toBeVisible();
    await legacy.getByLabel("Decision").selectOption("revoke");
    await legacy.getByRole("button", { name: "Decide" }).click();
    await expect(legacy.getByRole("alert")).toContainText("a comment is required to revoke or change access");
    await legacy.getByLabel("Comment").fill("key unused for a year, owner left");
    await legacy.getByRole("button", { name: "Decide" }).click();
    await expect(legacy.getByRole("status")).toContainText("decided: revoke");
    await expect(legacy.getByText("key unused for a year, owner left")).toBeVisible();
    const { rows: [decided] } = await db.query("SELECT decision, decided_by FROM review_item WHERE campaign_id = $1 AND principal_name = 'legacy-reporting' AND access_kind = 'direct'", [campaignId]);
    expect(decided).toEqual({ decision: "revoke", decided_by: "jane.doe@acme.example" });
    const { rows: audit } = await db.query("SELECT details FROM audit_event WHERE action = 'review.decide' AND details->>'campaignId' = $1", [String(campaignId)]);
    expect(audit).toEqual([{ details: expect.objectContaining({ decision: "revoke", comment: "key unused for a year, owner left" }) }]);

    await jane.goto(`/reviews/${campaignId}?account=${SECURITY}&kind=iam-user`);
    // Every row names jane.doe@acme.example as reviewer: pick the row whose principal is jane.doe.
    const own = rows.filter({ has: jane.locator("summary strong", { hasText: /^jane\.doe$/ }) });
    await expect(own.getByText("Your own access: another reviewer decides (segregation of duties).")).toBeVisible();
    await expect(own.getByRole("button", { name: "Decide" })).toHaveCount(0);
    // Bulk decisions skip her own access and say so.
    const bulk = jane.getByRole("form", { name: "Bulk decision" });
    await bulk.getByRole("button", { name: "Apply to filtered items" }).click();
    await expect(bulk.getByRole("status")).toContainText("skipped 1 item(s) that are your own access (segregation of duties): jane.doe");
    const { rows: [ownItem] } = await db.query("SELECT decision FROM review_item WHERE campaign_id = $1 AND principal_name = 'jane.doe' AND access_kind = 'direct'", [campaignId]);
    expect(ownItem.decision).toBeNull();
    await jane.goto(`/reviews/${campaignId}?account=${PROD}&kind=iam-user`);
    await saveScreenshot(jane, "review-campaign");
    await jane.close();
  });

  test("viewers cannot open reviews, and reviewers cannot create campaigns", async ({ page, browser }) => {
    await signIn(page, "viewer", { to: "/reviews" });
    await expect(page.getByText(/403|not allowed|forbidden/i).first()).toBeVisible();
    const reviewer = await browser.newPage();
    await signIn(reviewer, "reviewer", { to: "/reviews/new" });
    await expect(reviewer.getByText(/403|not allowed|forbidden/i).first()).toBeVisible();
    await expect(reviewer.getByRole("button", { name: "Create campaign" })).toHaveCount(0);
    await reviewer.close();
  });
});
