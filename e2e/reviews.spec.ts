import { parse } from "csv-parse/sync";
import { createCampaign } from "../lib/reviews/create-campaign";
import { expect, saveScreenshot, signIn, test } from "./fixtures";

const PROD = "645781203945";
const SECURITY = "318274659012";
const DEV = "863903425167";

test.describe("access review campaigns", () => {
  test("an admin creates a campaign; her own access goes to another reviewer; the reviewer sees only her items, needs a comment to revoke, and bulk decisions skip decided items", async ({ browser, db }) => {
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
    // The row carries the decision-relevant summary; the full frozen evidence loads when she opens it.
    await expect(legacy.getByTestId("item-summary")).toContainText(/1 key\(s\), oldest \d+ days/);
    await expect(legacy.getByText(/AKIA\w+ Active, \d+ days old/)).toHaveCount(0);
    await legacy.locator("summary").focus();
    await jane.keyboard.press("Enter");
    await expect(legacy.getByText(/AKIA\w+ Active, \d+ days old/)).toBeVisible();
    // The evidence route is scoped like the page: an item assigned to someone else is not found for her.
    const { rows: [othersItem] } = await db.query("SELECT id FROM review_item WHERE campaign_id = $1 AND reviewer_email <> 'jane.doe@acme.example' LIMIT 1", [campaignId]);
    expect((await jane.request.get(`/reviews/${campaignId}/items/${othersItem.id}/evidence`)).status()).toBe(404);
    const ownEvidence = await jane.request.get(`/reviews/${campaignId}/items/${await legacy.getAttribute("data-item-id")}/evidence`);
    expect(ownEvidence.status()).toBe(200);
    expect((await ownEvidence.json()).evidence.accessKeys[0].accessKeyId).toMatch(/^AKIA/);
    await legacy.getByLabel("Decision").selectOption("revoke");
    await legacy.getByRole("button", { name: "Decide" }).click();
    await expect(legacy.getByRole("alert")).toContainText("a comment is required to revoke or change access");
    await legacy.getByLabel("Comment").fill("key unused for a year, owner left");
    await legacy.getByRole("button", { name: "Decide" }).click();
    // Decided: the row shows her decision and offers no new one.
    await expect(legacy.getByTestId("reviewer-decision")).toContainText("revoke");
    await expect(legacy.getByText("key unused for a year, owner left")).toBeVisible();
    const { rows: [decided] } = await db.query("SELECT decision, decided_by FROM review_item WHERE campaign_id = $1 AND principal_name = 'legacy-reporting' AND access_kind = 'direct'", [campaignId]);
    expect(decided).toEqual({ decision: "revoke", decided_by: "jane.doe@acme.example" });
    const { rows: audit } = await db.query("SELECT details FROM audit_event WHERE action = 'review.decide' AND details->>'campaignId' = $1", [String(campaignId)]);
    expect(audit).toEqual([{ details: expect.objectContaining({ decision: "revoke", comment: "key unused for a year, owner left" }) }]);

    // Her own access in the security account went to the fallback reviewer when the campaign started.
    const { rows: [ownItem] } = await db.query("SELECT id, reviewer_email, reassigned_from, decision FROM review_item WHERE campaign_id = $1 AND principal_name = 'jane.doe' AND access_kind = 'direct'", [campaignId]);
    expect(ownItem).toMatchObject({ reviewer_email: "ada@acme.example", reassigned_from: "jane.doe@acme.example", decision: null });
    await jane.goto(`/reviews/${campaignId}?account=${SECURITY}&kind=iam-user`);
    await expect(rows.first()).toBeVisible();
    await expect(rows.filter({ has: jane.locator("summary strong", { hasText: /^jane\.doe$/ }) })).toHaveCount(0);
    const bulk = jane.getByRole("form", { name: "Bulk decision" });
    await bulk.getByRole("button", { name: "Apply to filtered items" }).click();
    await expect(bulk.getByRole("status")).toContainText(/^\d+ item\(s\) decided$/);

    // A bulk decision never touches a decided item: her revocation stays.
    await jane.goto(`/reviews/${campaignId}?account=${PROD}&kind=iam-user`);
    await bulk.getByRole("button", { name: "Apply to filtered items" }).click();
    await expect(bulk.getByRole("status")).toContainText(/item\(s\) decided; 1 decided item\(s\) left as they are/);
    const { rows: [still] } = await db.query("SELECT decision, decided_by FROM review_item WHERE campaign_id = $1 AND principal_name = 'legacy-reporting' AND access_kind = 'direct'", [campaignId]);
    expect(still).toEqual({ decision: "revoke", decided_by: "jane.doe@acme.example" });
    // Decided items offer her no new decision (changing one is an admin override).
    await expect(legacy.getByRole("button", { name: "Decide" })).toHaveCount(0);
    await expect(legacy.getByText("Override (admin)")).toHaveCount(0);
    await saveScreenshot(jane, "review-campaign");
    await jane.close();

    const adminAgain = await browser.newPage();
    await signIn(adminAgain, "admin", { to: `/reviews/${campaignId}?account=${SECURITY}&kind=iam-user` });
    const reassigned = adminAgain.locator(`tr[data-item-id="${ownItem.id}"]`);
    await expect(reassigned.getByTestId("reassigned")).toContainText("reassigned from jane.doe@acme.example: their own access (segregation of duties)");
    await expect(reassigned.locator("td:nth-child(4)")).toContainText("ada@acme.example");
    await adminAgain.close();
  });

  test("an admin overrides a reviewer's revocation only with a reason, both stay visible, and four eyes refuses her sign-off", async ({ browser, db }) => {
    const name = `e2e override ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const admin = { id: "ada.admin", email: "ada@acme.example", name: "Ada Admin", roles: ["admin" as const] };
    const { campaignId } = await createCampaign({ pool: db, user: admin, input: {
      name, scope: { accountIds: [PROD], kinds: ["iam-user"] }, reviewers: { mapping: { [PROD]: "jane.doe@acme.example" }, fallback: "ada@acme.example" }, dueAt: new Date(Date.now() + 14 * 86_400_000),
    } });
    const { rows: [legacyItem] } = await db.query("SELECT id FROM review_item WHERE campaign_id = $1 AND principal_name = 'legacy-reporting' AND access_kind = 'direct'", [campaignId]);

    const jane = await browser.newPage();
    await signIn(jane, "reviewer", { to: `/reviews/${campaignId}?account=${PROD}` });
    const janeRow = jane.locator(`tr[data-item-id="${legacyItem.id}"]`);
    await janeRow.getByLabel("Decision").selectOption("revoke");
    await janeRow.getByLabel("Comment").fill("reporting moved to the data platform");
    await janeRow.getByRole("button", { name: "Decide" }).click();
    await expect(janeRow.getByTestId("reviewer-decision")).toContainText("revoke");
    await jane.close();

    const ada = await browser.newPage();
    await signIn(ada, "admin", { to: `/reviews/${campaignId}?account=${PROD}` });
    const row = ada.locator(`tr[data-item-id="${legacyItem.id}"]`);
    await row.getByText("Override (admin)").click();
    const form = row.getByRole("form", { name: `Override item ${legacyItem.id}` });
    await form.getByLabel("Override decision").selectOption("keep");
    await form.getByRole("button", { name: "Override" }).click();
    await expect(form.getByRole("alert")).toContainText("a reason is required to override a decision");
    await form.getByLabel("Override reason").fill("still feeds the board report until Q1");
    await form.getByRole("button", { name: "Override" }).click();
    await expect(form.getByRole("status")).toContainText("overridden: revoke → keep");
    await expect(row.getByTestId("reviewer-decision")).toContainText("revoke");
    await expect(row.getByTestId("reviewer-decision")).toContainText("jane.doe@acme.example");
    await expect(row.getByTestId("reviewer-decision")).toContainText("reporting moved to the data platform");
    await expect(row.getByTestId("override")).toContainText("override keep by ada@acme.example");
    await expect(row.getByTestId("override")).toContainText("still feeds the board report until Q1");
    const { rows: history } = await db.query("SELECT decision, decided_by, override, comment FROM review_decision WHERE item_id = $1 ORDER BY id", [legacyItem.id]);
    expect(history).toEqual([
      { decision: "revoke", decided_by: "jane.doe@acme.example", override: false, comment: "reporting moved to the data platform" },
      { decision: "keep", decided_by: "ada@acme.example", override: true, comment: "still feeds the board report until Q1" },
    ]);
    const { rows: audit } = await db.query("SELECT actor_email, details FROM audit_event WHERE action = 'review.override' AND target_id = $1", [String(legacyItem.id)]);
    expect(audit).toEqual([{ actor_email: "ada@acme.example", details: expect.objectContaining({ reason: "still feeds the board report until Q1", previous: expect.objectContaining({ decision: "revoke", decidedBy: "jane.doe@acme.example" }) }) }]);

    // She decides the rest in bulk (the overridden item stays keep), then may not sign off what she decided.
    const bulk = ada.getByRole("form", { name: "Bulk decision" });
    await bulk.getByRole("button", { name: "Apply to filtered items" }).click();
    await expect(bulk.getByRole("status")).toContainText("decided item(s) left as they are");
    const signOff = ada.getByRole("form", { name: "Sign off" });
    await expect(signOff.getByTestId("four-eyes-note")).toBeVisible();
    await signOff.getByRole("button", { name: "Sign off campaign" }).click();
    await expect(signOff.getByRole("alert")).toContainText("four eyes: you (ada@acme.example) recorded");
    await expect(signOff.getByRole("alert")).toContainText("someone who decided none of its items must sign it off");
    expect((await db.query("SELECT status FROM review_campaign WHERE id = $1", [campaignId])).rows[0].status).toBe("active");
    await ada.close();

    const erin = await browser.newPage();
    await signIn(erin, "auditor", { to: `/reviews/${campaignId}` });
    const erinSignOff = erin.getByRole("form", { name: "Sign off" });
    await erinSignOff.getByRole("button", { name: "Sign off campaign" }).click();
    // Signed off: the panel gives way to the remediation list, which shows the overridden revocation as such.
    await expect(erin.getByText("by erin@acme.example on")).toBeVisible();
    expect((await db.query("SELECT status, signed_off_by FROM review_campaign WHERE id = $1", [campaignId])).rows[0]).toEqual({ status: "signed-off", signed_off_by: "erin@acme.example" });
    const overridden = erin.getByRole("table", { name: "Overridden revocations" });
    await expect(overridden).toContainText("legacy-reporting");
    await expect(overridden).toContainText("revoke by jane.doe@acme.example");
    await expect(overridden).toContainText("still feeds the board report until Q1");
    await saveScreenshot(erin, "review-override");
    const csv = parse(await (await erin.request.get(`/api/reports/campaign/${campaignId}?format=csv`)).text(), { columns: true }) as Array<Record<string, string>>;
    expect(csv.find((r) => Number(r.item_id) === legacyItem.id)).toMatchObject({
      decision: "keep", reviewer_decision: "revoke", reviewer_decided_by: "jane.doe@acme.example", overridden: "true",
      overridden_by: "ada@acme.example", override_reason: "still feeds the board report until Q1", remediation: "", signed_off_by: "erin@acme.example",
    });
    await erin.close();
  });

  test("a campaign whose only reviewer is the person behind an item refuses to start, naming the items", async ({ page, db }) => {
    const name = `e2e refused ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    await signIn(page, "admin", { to: "/reviews/new" });
    await page.getByLabel("Name").fill(name);
    await page.locator(`input[name=accountIds][value="${PROD}"]`).check();
    await page.locator("textarea[name=mapping]").fill(`${PROD} = alex.chen@acme.example`);
    await page.locator("input[name=fallback]").fill("alex.chen@acme.example");
    await page.getByRole("button", { name: "Create campaign" }).click();
    const alert = page.getByRole("form", { name: "New campaign" }).getByRole("alert");
    await expect(alert).toContainText("segregation of duties: no eligible reviewer for");
    await expect(alert).toContainText(`alex (${PROD})`);
    await expect(alert).toContainText("no campaign created");
    expect((await db.query("SELECT count(*)::int AS n FROM review_campaign WHERE name = $1", [name])).rows[0].n).toBe(0);
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
