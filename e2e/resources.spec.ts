import { parse } from "csv-parse/sync";
import { expect, saveScreenshot, signIn, test } from "./fixtures";

const STAGING = "754892314056";
const OUTSIDE = "999988887777";

// The demo's planted resource cases (sim/orgs/demo.yaml), as the console shows them.
test.describe("resources: exposure, sharing and who can reach them", () => {
  // Signs in on the first call; later calls in the same test only navigate.
  const open = async (page: Parameters<typeof signIn>[0], name: string, type: string) => {
    const to = `/resources?q=${encodeURIComponent(name)}&type=${type}`;
    if (page.url().includes("/resources")) await page.goto(to);
    else await signIn(page, "viewer", { to });
    await page.getByTestId("resource-table").getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  };

  test("the list filters by exposure with the state in the URL, and exports what it shows", async ({ page }) => {
    await signIn(page, "viewer", { to: "/resources" });
    const filters = page.getByTestId("resource-filters");
    await filters.locator("select[name=exposure]").selectOption("public");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/[?&]exposure=public/);
    const names = await page.getByTestId("resource-table").locator("tbody tr td:first-child").allTextContents();
    expect(names).toEqual(expect.arrayContaining(["acme-public-downloads", "webhook-handler"]));
    // Public policy, but account-level Block Public Access: not in the public list.
    expect(names).not.toContain("acme-prod-website-assets");
    await page.reload();
    await expect(filters.locator("select[name=exposure]")).toHaveValue("public");
    await saveScreenshot(page, "resources");
  });

  test("an auditor exports the filtered list as CSV", async ({ page }) => {
    await signIn(page, "auditor", { to: "/resources?exposure=public" });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const rows = parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks)), { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBe(Number(await page.getByTestId("resource-total").textContent()));
    expect(new Set(rows.map((row) => row.exposure))).toEqual(new Set(["public"]));
  });

  test("a bucket with a public policy blocked by account-level Block Public Access is shown not public", async ({ page }) => {
    await open(page, "acme-prod-website-assets", "s3-bucket");
    await expect(page.getByTestId("resource-exposure")).toHaveText("own account only");
    await expect(page.getByTestId("public-policy-blocked")).toBeVisible();
    await expect(page.getByTestId("resource-grants").locator("tr[data-principal='*']")).toContainText("RestrictPublicBuckets");
  });

  test("a truly public bucket is public, with its granting statement highlighted and a finding", async ({ page }) => {
    await open(page, "acme-public-downloads", "s3-bucket");
    await expect(page.getByTestId("resource-exposure")).toHaveText("public");
    await expect(page.getByTestId("resource-policy").locator(".hl")).toContainText("PublicRead");
    await expect(page.getByTestId("resource-findings")).toContainText("Resource is public");
    await saveScreenshot(page, "resource-detail");
  });

  test("a KMS key shared with an outside account lists the outside party and who in the account can use it", async ({ page }) => {
    await open(page, "alias/prod-data-key", "kms-key");
    await expect(page.getByTestId("resource-exposure")).toHaveText("outside the organization");
    await expect(page.getByTestId("external-accounts")).toHaveText(OUTSIDE);
    await expect(page.getByTestId("resource-policy").locator(".hl").nth(1)).toContainText("PartnerDecrypt");
    await page.getByTestId("level-tabs").getByRole("link", { name: "Write" }).click();
    await expect(page).toHaveURL(/level=Write/);
    const reach = page.getByTestId("resource-reach");
    await expect(reach.locator("tr[data-route='named-party']", { hasText: `arn:aws:iam::${OUTSIDE}:root` })).toHaveCount(1);
    await expect(reach.locator("tr[data-route='identity-policy']").first()).toBeVisible();
    await expect(page.getByTestId("resource-findings")).toContainText("KMS key usable from outside the organization");
  });

  test("an SQS queue open to * with aws:SourceArn is restricted, not public", async ({ page }) => {
    await open(page, "order-events", "sqs-queue");
    await expect(page.getByTestId("resource-exposure")).toHaveText("own account only");
    await expect(page.getByTestId("resource-grants").locator("tr[data-principal='*']")).toContainText("restricted by ArnEquals aws:SourceArn");
  });

  test("a Lambda function anyone may invoke, a public EBS snapshot and an RDS snapshot shared outside carry findings", async ({ page }) => {
    await open(page, "webhook-handler", "lambda-function");
    await expect(page.getByTestId("resource-exposure")).toHaveText("public");
    await expect(page.getByTestId("resource-findings")).toContainText("Lambda function invocable by anyone");
    await open(page, "dev-db-volume-backup", "ebs-snapshot");
    await expect(page.getByTestId("resource-findings")).toContainText("Snapshot is public");
    await open(page, "orders-db-final", "rds-db-snapshot");
    await expect(page.getByTestId("resource-exposure")).toHaveText("outside the organization");
    await expect(page.getByTestId("resource-findings")).toContainText("shared with an account outside the organization");
  });

  test("an ECR repository shared org-wide and a secret shared with another org account stay inside the organization", async ({ page }) => {
    await open(page, "base-images", "ecr-repository");
    await expect(page.getByTestId("resource-exposure")).toHaveText("other accounts of the organization");
    await expect(page.getByTestId("resource-grants").locator("tr[data-principal='*']")).toContainText("aws:PrincipalOrgID");
    await open(page, "prod/payments/api-key", "secretsmanager-secret");
    await expect(page.getByTestId("resource-exposure")).toHaveText("other accounts of the organization");
    await expect(page.getByTestId("resource-grants").locator(`tr[data-principal='arn:aws:iam::${STAGING}:root']`)).toContainText("organization");
    await expect(page.getByTestId("resource-findings")).toHaveCount(0);
  });

  test("who can reach takes a resource as its target", async ({ page }) => {
    await signIn(page, "viewer", { to: `/who-can-reach?resource=${encodeURIComponent("arn:aws:s3:::acme-public-downloads")}&level=Read` });
    await expect(page.getByTestId("resource-reach-summary")).toContainText("acme-public-downloads");
    await expect(page.getByTestId("resource-reach").locator("tr[data-route='named-party']").first()).toContainText("*");
    await page.goto(`/who-can-reach?resource=${encodeURIComponent("arn:aws:s3:::no-such-bucket")}`);
    await expect(page.locator(".error-box")).toContainText("no resource arn:aws:s3:::no-such-bucket");
  });

  test("the trust map shows resource shares between accounts and to outside parties", async ({ page }) => {
    await signIn(page, "viewer", { to: "/trust-map" });
    const shares = page.getByTestId("resource-shares");
    await expect(shares.locator("tr", { hasText: OUTSIDE }).locator("td", { hasText: /^outside-organization$/ }).first()).toBeVisible();
    // The payments secret of acme-prod, shared with acme-staging.
    await expect(shares.locator("tr", { hasText: STAGING }).filter({ hasText: "acme-prod" }).locator("td", { hasText: /^organization$/ })).toHaveCount(1);
    await expect(shares.locator("tr", { hasText: "* (anyone)" }).first()).toContainText("public");
  });
});
