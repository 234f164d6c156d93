import { parse } from "csv-parse/sync";
import { expect, signIn, test } from "./fixtures";

const PROD = "645781203945";
const DEV = "863903425167";

// Issue 9: resources shared outside the organization (and public ones) as a review scope,
// on the demo organization's planted shares.
test.describe("a review campaign over externally shared resources", () => {
  test("an admin creates it, the owners revoke one share and keep another, an auditor signs off and the removal command is listed", async ({ browser, db }) => {
    const name = `e2e shares ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const admin = await browser.newPage();
    await signIn(admin, "admin", { to: "/reviews/new" });
    await admin.getByLabel("Name").fill(name);
    await admin.locator("select[name=only]").selectOption("resource-shares");
    await admin.locator("textarea[name=mapping]").fill(`${PROD} = alex.chen@acme.example\n${DEV} = jane.doe@acme.example`);
    await admin.locator("input[name=fallback]").fill("ada@acme.example");
    await admin.getByRole("button", { name: "Create campaign" }).click();
    await admin.waitForURL(/\/reviews\/\d+$/);
    const campaignId = Number(new URL(admin.url()).pathname.split("/").pop());
    await expect(admin.getByText("resources shared outside the organization or public")).toBeVisible();
    const rows = admin.locator("tr[data-item-id]");
    // The demo's planted shares: a KMS key and an RDS snapshot shared with an outside account, a public bucket, EBS snapshot and Lambda function.
    for (const resource of ["alias/prod-data-key", "orders-db-final", "acme-public-downloads", "dev-db-volume-backup", "webhook-handler"]) {
      await expect(rows.filter({ hasText: resource })).toHaveCount(1);
    }
    const { rows: items } = await db.query("SELECT access_kind, principal_key, reviewer_email FROM review_item WHERE campaign_id = $1", [campaignId]);
    expect(items.every((i) => i.access_kind === "resource-share")).toBe(true);
    await admin.close();

    const alex = await browser.newPage();
    await signIn(alex, "reviewer2", { to: `/reviews/${campaignId}` });
    const mine = alex.locator("tr[data-item-id]");
    await expect(mine).toHaveCount(2);
    const snapshot = mine.filter({ hasText: "orders-db-final" });
    await snapshot.locator("summary").click();
    const evidence = snapshot.getByTestId("share-evidence");
    await expect(evidence).toContainText("rds-db-snapshot");
    await expect(evidence).toContainText("outside-organization");
    await expect(evidence).toContainText("999988887777");
    await expect(evidence).toContainText("shared-attribute");
    await snapshot.getByLabel("Decision").selectOption("revoke");
    await snapshot.getByLabel("Comment").fill("partner offboarded in Q3");
    await snapshot.getByRole("button", { name: "Decide" }).click();
    await expect(snapshot.getByTestId("reviewer-decision")).toContainText("revoke");
    const key = mine.filter({ hasText: "alias/prod-data-key" });
    await key.locator("summary").click();
    await expect(key.getByTestId("share-evidence")).toContainText("PartnerDecrypt");
    await key.getByLabel("Decision").selectOption("keep");
    await key.getByRole("button", { name: "Decide" }).click();
    await expect(key.getByTestId("reviewer-decision")).toContainText("keep");
    // The reviewer may open the resource of her item (evidence scoping), not the whole inventory.
    await key.getByRole("link", { name: "resource page" }).click();
    await expect(alex.getByTestId("resource-exposure")).toContainText(/outside/i);
    await expect(alex.getByTestId("resource-tags")).toContainText("app=orders");
    await alex.close();

    const jane = await browser.newPage();
    await signIn(jane, "reviewer", { to: `/reviews/${campaignId}` });
    await jane.getByRole("form", { name: "Bulk decision" }).getByRole("button", { name: "Apply to filtered items" }).click();
    await expect(jane.getByRole("form", { name: "Bulk decision" }).getByRole("status")).toContainText(/^\d+ item\(s\) decided$/);
    await jane.close();
    const ada = await browser.newPage();
    await signIn(ada, "admin", { to: `/reviews/${campaignId}?state=open` });
    await ada.getByRole("form", { name: "Bulk decision" }).getByRole("button", { name: "Apply to filtered items" }).click();
    await expect(ada.getByRole("form", { name: "Bulk decision" }).getByRole("status")).toContainText("item(s) decided");
    await ada.close();

    const erin = await browser.newPage();
    await signIn(erin, "auditor", { to: `/reviews/${campaignId}` });
    await erin.getByRole("form", { name: "Sign off" }).getByRole("button", { name: "Sign off campaign" }).click();
    await expect(erin.getByText("by erin@acme.example on")).toBeVisible();
    const remediation = erin.locator("section[aria-label=Remediation] tbody tr");
    await expect(remediation).toHaveCount(1);
    await expect(remediation.locator("td").first()).toHaveText(`999988887777 on orders-db-final ${PROD}`);
    await expect(remediation.locator("code")).toHaveText(`aws rds modify-db-snapshot-attribute --db-snapshot-identifier orders-db-final --attribute-name restore --values-to-remove 999988887777 --region us-east-1 --profile account-${PROD}`);
    await expect(remediation.locator("td").nth(2)).toHaveText("pending");
    const csv = parse(await (await erin.request.get(`/api/reports/campaign/${campaignId}?format=csv`)).text(), { columns: true }) as Array<Record<string, string>>;
    expect(csv.find((r) => r.resource_arn.endsWith(":snapshot:orders-db-final"))).toMatchObject({ decision: "revoke", decided_by: "alex.chen@acme.example", comment: "partner offboarded in Q3", signed_off_by: "erin@acme.example" });
    expect(csv.find((r) => r.resource_arn.includes(":key/"))).toMatchObject({ decision: "keep", decided_by: "alex.chen@acme.example" });
    const { rows: audit } = await db.query("SELECT details FROM audit_event WHERE action = 'review.decide' AND details->>'campaignId' = $1 AND actor_email = 'alex.chen@acme.example'", [String(campaignId)]);
    expect(audit).toHaveLength(2);
    await erin.close();
  });
});
