import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { expect, saveScreenshot, signIn, test } from "./fixtures";

const DEV = "863903425167";
const MANAGEMENT = "210987654321";

/** Clicks a download link and returns the saved file's path. */
async function download(page: Page, testIdOrText: { testId?: string; href?: string }): Promise<string> {
  const link = testIdOrText.testId ? page.getByTestId(testIdOrText.testId) : page.locator(`a[href="${testIdOrText.href}"]`);
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-report-")), file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

/** Renders the PDF's pages to PNGs (as a printer would see them) and returns page 1's text. */
function renderFirstPage(pdf: string): { image: string; text: string } {
  const prefix = pdf.replace(/\.pdf$/, "");
  execFileSync("pdftoppm", ["-png", "-r", "60", pdf, prefix]);
  const image = fs.readdirSync(path.dirname(pdf)).filter((f) => f.endsWith(".png")).sort()[0];
  return { image: path.join(path.dirname(pdf), image), text: execFileSync("pdftotext", ["-f", "1", "-l", "1", pdf, "-"]).toString() };
}

test.describe("compliance reports and the audit log", () => {
  test("an auditor downloads the organization's CIS report as PDF and CSV, and both downloads are audited", async ({ page, db }) => {
    await signIn(page, "auditor", { to: "/reports" });
    await expect(page.getByRole("heading", { name: "CIS AWS Foundations v5.0.0 — IAM" })).toBeVisible();
    await expect(page.getByTestId("cis-1.3").getByTestId("cis-status")).toHaveText("FAIL");
    await expect(page.getByTestId("cis-1.3")).toContainText("acme-management");
    await saveScreenshot(page, "reports");

    const pdf = await download(page, { testId: "cis-pdf" });
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    const { image, text } = renderFirstPage(pdf);
    expect(fs.statSync(image).size).toBeGreaterThan(1000);
    expect(text).toContain("CIS AWS Foundations");
    expect(text).toContain("o-acme7demo1");

    const csv = fs.readFileSync(await download(page, { testId: "cis-csv" }), "utf8").split("\r\n");
    expect(csv).toContainEqual(expect.stringMatching(/^control,1\.3,.*,fail,FAIL,/));
    expect(csv).toContainEqual(expect.stringMatching(new RegExp(`^resource,1\\.3,.*,${MANAGEMENT},acme-management,`)));

    const { rows } = await db.query(
      "SELECT details->>'format' AS format FROM audit_event WHERE action = 'export.download' AND target_type = 'report.cis' AND actor_email = 'erin@acme.example' AND at > now() - interval '2 minutes'",
    );
    expect(rows.map((r) => r.format)).toEqual(expect.arrayContaining(["pdf", "csv"]));
  });

  test("the CIS table follows the account picked", async ({ page }) => {
    await signIn(page, "viewer", { to: `/reports?account=${DEV}` });
    await expect(page.getByTestId("cis-1.7").getByTestId("cis-status")).toHaveText("FAIL");
    await expect(page.getByTestId("cis-1.3").getByTestId("cis-status")).toHaveText("PASS");
    await page.goto("/reports?account=972014536278");
    await expect(page.getByTestId("cis-1.3").getByTestId("cis-status")).toHaveText("NOT EVALUATED");
  });

  test("an auditor downloads a campaign's evidence report; its first page names the campaign and its counts", async ({ browser, db }) => {
    const name = `e2e evidence ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const admin = await browser.newPage();
    await signIn(admin, "admin", { to: "/reviews/new" });
    await admin.getByLabel("Name").fill(name);
    await admin.locator(`input[name=accountIds][value="${DEV}"]`).check();
    await admin.locator("input[name=fallback]").fill("ada@acme.example");
    await admin.getByRole("button", { name: "Create campaign" }).click();
    await admin.waitForURL(/\/reviews\/\d+$/);
    const campaignId = Number(new URL(admin.url()).pathname.split("/").pop());
    await admin.close();
    const { rows: [{ items }] } = await db.query("SELECT count(*)::int AS items FROM review_item WHERE campaign_id = $1", [campaignId]);

    const auditor = await browser.newPage();
    await signIn(auditor, "auditor", { to: "/reports" });
    const pdf = await download(auditor, { href: `/api/reports/campaign/${campaignId}?format=pdf` });
    const { image, text } = renderFirstPage(pdf);
    expect(fs.existsSync(image)).toBe(true);
    expect(text).toContain(name);
    expect(text).toContain(`Items: ${items}`);
    expect(text).toContain(`kept 0, revoked 0, changed 0, open ${items}`);
    const csv = fs.readFileSync(await download(auditor, { href: `/api/reports/campaign/${campaignId}?format=csv` }), "utf8").trim().split("\r\n");
    expect(csv[0]).toMatch(/^item_id,account_id,principal,/);
    expect(csv.length).toBe(items + 1);
    await auditor.close();
  });

  test("admins and auditors read and export the audit log; viewers are refused", async ({ page, browser }) => {
    await signIn(page, "auditor", { to: "/audit?action=auth.sign-in" });
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
    for (const action of await page.locator("[data-testid=audit-row] td:nth-child(3)").allTextContents()) expect(action).toBe("auth.sign-in");
    await saveScreenshot(page, "audit-log");
    const csv = fs.readFileSync(await download(page, { testId: "audit-export" }), "utf8").split("\r\n");
    expect(csv[0]).toBe("id,at,actor_id,actor_email,actor_roles,action,target_type,target_id,details,ip,user_agent,prev_hash,hash");
    const records = parse(csv.join("\r\n"), { columns: true }) as Array<Record<string, string>>;
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.action === "auth.sign-in" && /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    await page.goto("/audit?action=export.download&target=audit-log");
    await expect(page.getByTestId("audit-row").first()).toContainText("erin@acme.example");
    // Configuration lives in the environment: the console and the workers record theirs when they start with changed settings.
    await page.goto("/audit?action=config.change");
    await expect(page.getByTestId("audit-row").filter({ hasText: "console" }).first()).toContainText("ROLE_MAP");
    await expect(page.getByTestId("audit-row").filter({ hasText: "collector" }).first()).toBeVisible();

    const viewer = await browser.newPage();
    await signIn(viewer, "viewer", { to: "/audit" });
    await expect(viewer.getByText(/403|not allowed|forbidden/i).first()).toBeVisible();
    const refused = await viewer.request.get("/api/export/audit");
    expect(refused.status()).toBe(403);
    await viewer.close();
  });
});
