import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createCampaign } from "../lib/reviews/create-campaign";
import { expect, signIn, test } from "./fixtures";

// Issue 12's remaining gaps: trust-map labels that do not overlap, the explorer started from
// a resource, the campaign page's on-demand evidence under axe, and the 500 page inside the
// console layout.

const PROD = "645781203945";
const OUTSIDE = "999988887777";
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const admin = { id: "e2e-third-pass", email: "ada@acme.example", name: "Ada", roles: ["admin" as const] };

type TBox = { x1: number; y1: number; x2: number; y2: number };
type TNodeBoxes = { id: string; label: string; body: TBox; text: TBox };
type THook = { boxes: () => TNodeBoxes[]; edgePoint: (id: string) => { x: number; y: number; clear: boolean } | null };

const graphHook = async (page: Page, testId: string) => {
  await page.waitForFunction((id) => Boolean((window as unknown as { accessAtlasGraphs?: Record<string, unknown> }).accessAtlasGraphs?.[id]), testId);
};
const boxesOf = (page: Page, testId: string) =>
  page.evaluate((id) => ((window as unknown as { accessAtlasGraphs: Record<string, THook> }).accessAtlasGraphs[id]).boxes(), testId);
const overlaps = (a: TBox, b: TBox) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude("nextjs-portal").withTags(WCAG).analyze();
  return results.violations.map((v) => `${v.id} ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

test.describe("console, third pass", () => {
  for (const view of ["/trust-map", "/trust-map?party=service"]) {
    test(`trust map ${view}: no node label overlaps another label or another node`, async ({ page }) => {
      await signIn(page, "viewer", { to: view });
      await graphHook(page, "trust-map");
      const boxes = await boxesOf(page, "trust-map");
      expect(boxes.length).toBeGreaterThan(5);
      for (const b of boxes) expect(b.text.x2 - b.text.x1, `label box of ${b.label}`).toBeGreaterThan(0);
      const clashes: string[] = [];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = 0; j < boxes.length; j++) {
          if (i === j) continue;
          if (j > i && overlaps(boxes[i].text, boxes[j].text)) clashes.push(`label "${boxes[i].label}" overlaps label "${boxes[j].label}"`);
          if (overlaps(boxes[i].text, boxes[j].body)) clashes.push(`label "${boxes[i].label}" covers node "${boxes[j].label}"`);
        }
      }
      expect(clashes).toEqual([]);
    });
  }

  test("explore access from a resource: the KMS key shared outside shows the outside party and org principals, each edge with its evidence", async ({ page }) => {
    await signIn(page, "viewer", { to: "/resources?q=alias%2Fprod-data-key&type=kms-key" });
    await page.getByTestId("resource-table").getByRole("link", { name: "alias/prod-data-key", exact: true }).click();
    await page.getByTestId("explore-access").click();
    await expect(page).toHaveURL(/\/graph\?resource=arn%3Aaws%3Akms%3A.*&level=Read/);
    await expect(page.getByTestId("graph-summary")).toContainText("Who can reach alias/prod-data-key");
    await graphHook(page, "access-graph");
    const nodes = await boxesOf(page, "access-graph");
    const outside = nodes.find((n) => n.id === `party:arn:aws:iam::${OUTSIDE}:root`);
    expect(outside, "the outside account the key policy names").toBeTruthy();
    const keyNode = nodes.find((n) => n.id.startsWith("resource:arn:aws:kms:"))!;
    expect(keyNode.label).toBe("alias/prod-data-key");
    // Org principals: the owner's identities (the key policy delegates to the account's IAM policies).
    const orgPrincipals = nodes.filter((n) => n.id.startsWith(`${PROD}/`));
    expect(orgPrincipals.length).toBeGreaterThan(0);

    // The resource is focused: its neighbours list (keyboard route) names every edge into it.
    const panel = page.getByTestId("access-graph-panel");
    await expect(page.getByTestId("graph-focused")).toHaveAttribute("data-node", keyNode.id);
    await expect(page.getByTestId("graph-neighbours")).toContainText(`← arn:aws:iam::${OUTSIDE}:root`);
    const evidenceButton = panel.getByRole("button", { name: `Evidence for arn:aws:iam::${OUTSIDE}:root to alias/prod-data-key` });
    await evidenceButton.focus();
    await page.keyboard.press("Enter");
    const evidence = page.getByTestId("graph-evidence");
    await expect(evidence).toHaveAttribute("data-edge", `party:arn:aws:iam::${OUTSIDE}:root>${keyNode.id}`);
    await expect(evidence).toContainText("may use alias/prod-data-key at level Read through the resource policy, which names it, without any condition");
    await expect(evidence).toContainText("PartnerDecrypt");
    await expect(evidence).toContainText("kms:Decrypt");

    // A mouse click on an org principal's edge into the key, where the canvas draws it (an
    // edge whose middle no node or label covers, so the click lands on the edge).
    const target = await page.evaluate((key) => {
      const hook = (window as unknown as { accessAtlasGraphs: Record<string, THook> }).accessAtlasGraphs["access-graph"];
      for (const n of hook.boxes()) {
        const id = `${n.id}>${key}`;
        const point = /^\d{12}\//.test(n.id) ? hook.edgePoint(id) : null;
        if (point?.clear) return { id, point };
      }
      return null;
    }, keyNode.id);
    expect(target, "an edge from an org principal into the key, drawn clear of nodes").toBeTruthy();
    const edgeId = target!.id;
    const canvas = await page.getByTestId("access-graph-canvas").boundingBox();
    await page.mouse.click(canvas!.x + target!.point.x, canvas!.y + target!.point.y);
    await expect(evidence).toHaveAttribute("data-edge", edgeId!);
    await expect(evidence).toContainText("can Read alias/prod-data-key through");
    await expect(evidence).toContainText("Paths through it");

    // Another level from the graph itself; the page stays WCAG 2.1 AA clean.
    await page.getByTestId("graph-levels").getByRole("link", { name: "Write" }).click();
    await expect(page).toHaveURL(/level=Write/);
    await expect(page.getByTestId("graph-summary")).toContainText("at level Write");
    expect(await axeViolations(page)).toEqual([]);
  });

  test("a resource ARN the analysis does not know is a message on the explorer, not an error", async ({ page }) => {
    await signIn(page, "viewer", { to: `/graph?resource=${encodeURIComponent("arn:aws:kms:us-east-1:645781203945:key/does-not-exist")}` });
    await expect(page.getByTestId("graph-error")).toContainText("no resource arn:aws:kms:us-east-1:645781203945:key/does-not-exist in the latest analysis");
    await page.goto("/graph?resource=not-an-arn-at-all");
    await expect(page.getByTestId("graph-error")).toContainText("resource: a resource ARN starts with arn:<partition>:<service>:");
  });

  test("campaign page: the evidence opens on demand from the keyboard, and the opened page passes axe", async ({ page, db }) => {
    const { campaignId } = await createCampaign({ pool: db, user: admin, input: {
      name: `Third pass ${Date.now()}`, scope: { accountIds: [PROD], only: "admin-equivalent" },
      reviewers: { mapping: { [PROD]: "jane.doe@acme.example" }, fallback: "ada@acme.example" }, dueAt: new Date(Date.now() + 14 * 86_400_000),
    } });
    const response = await signIn(page, "admin", { to: `/reviews/${campaignId}` }).then(() => page.reload());
    // The page carries summaries only: no item's full evidence is in its HTML.
    const html = await response!.text();
    expect(html).not.toContain("Open findings");
    const itemId = await page.locator("tr[data-item-id]").filter({ has: page.getByRole("button", { name: "Decide" }) }).first().getAttribute("data-item-id");
    const row = page.locator(`tr[data-item-id="${itemId}"]`);
    await expect(row.getByTestId("item-summary")).toContainText(/service\(s\) granted/);
    await expect(page.getByTestId("reviewer-left").first()).toHaveText(/^\d+$/);
    await row.locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect(row.getByText("Effective access")).toBeVisible();
    await expect(row.getByText("Open findings")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    // Decisions still work on the page.
    await row.getByLabel("Decision").selectOption("keep");
    await row.getByRole("button", { name: "Decide" }).click();
    await expect(row.getByTestId("reviewer-decision")).toContainText("keep");
  });

  // Forcing the 500 page: no switch in the product. Frozen review evidence written by
  // another version (here: an item whose evidence lost its fields) makes the campaign page's
  // server component throw, which is a state the database can really be in. The campaign is
  // this test's own, and its item is restored at once.
  test("a server component that throws renders the 500 page inside the console layout, naming no internals", async ({ page, db }) => {
    const { campaignId } = await createCampaign({ pool: db, user: admin, input: {
      name: `Broken evidence ${Date.now()}`, scope: { accountIds: [PROD], only: "admin-equivalent" },
      reviewers: { mapping: { [PROD]: "jane.doe@acme.example" }, fallback: "ada@acme.example" }, dueAt: new Date(Date.now() + 14 * 86_400_000),
    } });
    await signIn(page, "admin", { to: `/reviews/${campaignId}` });
    await expect(page.locator("tr[data-item-id]").first()).toBeVisible();
    const { rows: [item] } = await db.query("SELECT id, evidence FROM review_item WHERE campaign_id = $1 ORDER BY id LIMIT 1", [campaignId]);
    await db.query("UPDATE review_item SET evidence = '{}'::jsonb WHERE id = $1", [item.id]);
    try {
      const response = await page.goto(`/reviews/${campaignId}`);
      expect(response!.status()).toBe(500);
      const error = page.getByTestId("server-error");
      await expect(error).toContainText("Something went wrong");
      await expect(error).toContainText(/Reference: \S+/);
      // Inside the console layout: its navigation and the signed-in user are around the message.
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Trust map" })).toBeVisible();
      const html = await response!.text();
      expect(html).not.toMatch(/TypeError|Cannot read properties|\.findings/);
      expect(await axeViolations(page)).toEqual([]);
      await error.getByRole("link", { name: "Back to the overview" }).click();
      await expect(page).toHaveURL(/\/$/);
    } finally {
      await db.query("UPDATE review_item SET evidence = $2 WHERE id = $1", [item.id, item.evidence]);
    }
    expect((await page.goto(`/reviews/${campaignId}`))!.status()).toBe(200);
  });
});
