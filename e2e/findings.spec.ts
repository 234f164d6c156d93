import { expect, saveScreenshot, signIn, test } from "./fixtures";

// One finding that exists exactly once in the demo organization: the spec accepts it and
// reopens it again, so the shared database ends as it began.
const UNIQUE_RULE = "cloudshell-full-access";
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test.describe("findings, unused access, keys and history", () => {
  test("critical findings include the management account's root access key", async ({ page }) => {
    await signIn(page, "auditor", { to: "/findings?severity=critical" });
    const row = page.getByTestId("finding-row").filter({ hasText: "root-access-key" });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("acme-management");
    await expect(row).toContainText("critical");
    await row.getByText("Evidence").click();
    await expect(row.getByTestId("evidence")).toContainText("Age Days");
    for (const other of await page.getByTestId("finding-row").all()) await expect(other).toContainText("critical");
    await saveScreenshot(page, "findings");
  });

  test("an auditor accepts a finding with a reason and an end date, audited, then reopens it", async ({ page, db }) => {
    const { rows: [finding] } = await db.query("SELECT id, title FROM finding WHERE rule = $1", [UNIQUE_RULE]);
    const reason = `e2e: compensating control documented ${Date.now()}`;
    try {
      await signIn(page, "auditor", { to: `/findings?rule=${UNIQUE_RULE}&status=all` });
      const row = page.locator(`[data-finding-id="${finding.id}"]`);
      await row.getByRole("button", { name: /^Accept/ }).click();

      await row.locator("textarea[name=reason]").fill("too short");
      await row.locator("input[name=until]").fill(inDays(30));
      await row.getByRole("button", { name: "Accept risk" }).click();
      await expect(row.getByRole("alert")).toContainText("at least 10 characters");
      const unchanged = await db.query("SELECT status, accepted_reason FROM finding WHERE id = $1", [finding.id]);
      expect(unchanged.rows[0]).toEqual({ status: "open", accepted_reason: null });

      await row.locator("textarea[name=reason]").fill(reason);
      await row.getByRole("button", { name: "Accept risk" }).click();
      await expect(row.getByTestId("accepted-reason")).toHaveText(reason);
      await expect(row).toContainText(`until ${inDays(30)}`);
      await expect(row).toContainText("by erin@acme.example");
      const stored = await db.query("SELECT status, accepted_reason, accepted_by FROM finding WHERE id = $1", [finding.id]);
      expect(stored.rows[0]).toEqual({ status: "accepted", accepted_reason: reason, accepted_by: "erin@acme.example" });
      const audit = await db.query("SELECT actor_email, target_id, details FROM audit_event WHERE action = 'finding.accept' AND details->>'reason' = $1", [reason]);
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0]).toMatchObject({ actor_email: "erin@acme.example", target_id: String(finding.id) });

      const { rows: [before] } = await db.query("SELECT coalesce(max(id), 0)::int AS id FROM audit_event");
      await row.getByRole("button", { name: /^Reopen/ }).click();
      await expect(row.getByText("open", { exact: true })).toBeVisible();
      const reopened = await db.query("SELECT status, accepted_reason FROM finding WHERE id = $1", [finding.id]);
      expect(reopened.rows[0]).toEqual({ status: "open", accepted_reason: null });
      const reopenAudit = await db.query("SELECT count(*)::int AS n FROM audit_event WHERE action = 'finding.reopen' AND target_id = $1 AND id > $2", [String(finding.id), before.id]);
      expect(reopenAudit.rows[0].n).toBe(1);
    } finally {
      // Leave the shared database as it was even when an assertion above failed.
      await db.query("UPDATE finding SET status = 'open', accepted_reason = NULL, accepted_until = NULL, accepted_by = NULL WHERE id = $1 AND status = 'accepted'", [finding.id]);
    }
  });

  test("a viewer sees findings but no accept or reopen buttons", async ({ page }) => {
    await signIn(page, "viewer", { to: "/findings?severity=critical" });
    await expect(page.getByTestId("finding-row").first()).toBeVisible();
    await expect(page.getByRole("button", { name: /^(Accept|Reopen)/ })).toHaveCount(0);
  });

  test("keys sorted by age start with legacy-reporting's 640-day key", async ({ page }) => {
    await signIn(page, "viewer", { to: "/keys?sort=age&dir=desc" });
    const first = page.getByTestId("key-row").first();
    await expect(first).toContainText("legacy-reporting");
    await expect(first.getByTestId("key-age")).toHaveText("640");
    await expect(first).toContainText("access-key-unused");
    await saveScreenshot(page, "keys");
  });

  test("the CSV export holds exactly the rows of the filtered list", async ({ page }) => {
    await signIn(page, "auditor", { to: "/findings?rule=admin-escalation&sort=resource" });
    const ids = await page.getByTestId("finding-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-finding-id")));
    expect(ids.length).toBeGreaterThan(1);
    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    expect(href).toContain("rule=admin-escalation");
    const response = await page.request.get(href!);
    expect(response.headers()["content-type"]).toContain("text/csv");
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,severity,title,rule/);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(ids);
  });

  test("history shows run 1 per account, acme-sandbox failed, and the overview's status filter", async ({ page }) => {
    await signIn(page, "auditor", { to: "/history?run=1" });
    await expect(page.getByTestId("run-row").filter({ hasText: "#1" })).toBeVisible();
    const accounts = page.getByTestId("account-run-row");
    await expect(accounts.filter({ hasText: "acme-sandbox" })).toContainText("failed");
    await expect(accounts.filter({ hasText: "acme-management" })).toContainText("succeeded");
    await saveScreenshot(page, "history");
    await page.goto("/history?run=1&status=failed");
    await expect(accounts).toHaveCount(1);
    await expect(accounts).toContainText("acme-sandbox");
    const csv = await page.request.get((await page.getByTestId("run-accounts-export").getAttribute("href"))!);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("account_id,account_name,status,seconds,api_calls,throttled,error,unavailable_data");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^972014536278,acme-sandbox,failed,/);
    await page.goto("/history?from=1&to=1");
    await expect(page.getByTestId("diff-error")).toContainText("same run");
  });
});
