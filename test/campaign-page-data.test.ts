import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orgFromObject } from "../sim/load-org";
import { analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import type { TSessionUser } from "../lib/auth/permissions";
import { createCampaign } from "../lib/reviews/create-campaign";
import { recordDecision } from "../lib/reviews/record-decision";
import { getCampaignReport } from "../lib/reviews/get-campaign-report";
import { getCampaignProgress } from "../lib/reviews/get-campaign-progress";
import { getItemEvidence } from "../lib/reviews/get-item-evidence";
import { startHarness, type THarness } from "./collect-harness";

// The campaign page's data: the figures above the items counted in SQL (getCampaignProgress)
// must be getCampaignReport's, and the on-demand evidence (getItemEvidence) must be scoped
// exactly like the page's rows.
const NOW = new Date("2026-11-01T00:00:00Z");
const demoFile = path.resolve(import.meta.dirname, "..", "sim", "orgs", "demo.yaml");
const ada: TSessionUser = { id: "sub-ada", email: "ada@acme.example", name: "Ada", roles: ["admin"] };
const erin: TSessionUser = { id: "sub-erin", email: "erin@acme.example", name: "Erin", roles: ["auditor"] };
const jane: TSessionUser = { id: "sub-jane", email: "jane.doe@acme.example", name: "Jane", roles: ["reviewer"] };
const victor: TSessionUser = { id: "sub-victor", email: "victor@acme.example", name: "Victor", roles: ["viewer"] };

let h: THarness;
let campaignId: number;
const id = (name: string) => h.org.accounts.find((a) => a.name === name)!.id;
const q = async (sql: string, params: unknown[] = []) => (await h.db.pool.query(sql, params)).rows;

beforeAll(async () => {
  h = await startHarness({ org: orgFromObject(YAML.parse(fs.readFileSync(demoFile, "utf8")), { now: NOW }) });
  const runId = (await h.collect()).summary.runId;
  await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId, asOf: NOW });
  campaignId = (await createCampaign({ pool: h.db.pool, user: ada, now: NOW, input: {
    name: "page data", scope: { accountIds: [id("acme-prod"), id("acme-dev")] },
    reviewers: { mapping: { [id("acme-prod")]: "alex.chen@acme.example", [id("acme-dev")]: "jane.doe@acme.example" }, fallback: "ada@acme.example" },
    dueAt: new Date("2026-11-15T00:00:00Z"),
  } })).campaignId;
  await recordDecision({ pool: h.db.pool, user: jane, campaignId, target: { filters: { account: id("acme-dev"), kind: "iam-user" } }, decision: "keep" });
}, 240_000);
afterAll(async () => { await h?.stop(); });

describe("campaign page data", () => {
  it("counts each reviewer's progress, the accounts and four eyes as the full report does, for admins, auditors and reviewers", async () => {
    for (const user of [ada, erin, jane]) {
      const [progress, report] = await Promise.all([getCampaignProgress({ user, campaignId }), getCampaignReport({ user, campaignId })]);
      expect(progress.campaign).toEqual(report.campaign);
      expect(progress.reviewers).toEqual(report.reviewers);
      expect(progress.totals).toEqual({ items: report.totals.items, decided: report.totals.decided, open: report.totals.open });
      expect(progress.accountIds).toEqual([...new Set(report.items.map((i) => i.accountId))].sort());
      expect(progress.decidedByCaller).toBe(report.items.some((i) => i.history.some((d) => d.decidedBy === user.email)));
    }
    const janes = await getCampaignProgress({ user: jane, campaignId });
    expect(janes.reviewers.map((r) => r.reviewerEmail)).toEqual(["jane.doe@acme.example"]);
    expect(janes.reviewers[0].decided).toBeGreaterThan(0);
    expect(janes.reviewers[0].decided).toBeLessThan(janes.reviewers[0].total);
    expect(janes.decidedByCaller).toBe(true);
    expect((await getCampaignProgress({ user: ada, campaignId })).decidedByCaller).toBe(false);
  });

  it("hands an item's full frozen evidence to whoever may see the item, and 'not found' to anyone else", async () => {
    const [mine] = await q("SELECT id, evidence FROM review_item WHERE campaign_id = $1 AND reviewer_email = 'jane.doe@acme.example' ORDER BY id LIMIT 1", [campaignId]);
    const [alexs] = await q("SELECT id FROM review_item WHERE campaign_id = $1 AND reviewer_email = 'alex.chen@acme.example' ORDER BY id LIMIT 1", [campaignId]);
    expect((await getItemEvidence({ user: jane, campaignId, itemId: mine.id })).evidence).toEqual(mine.evidence);
    expect((await getItemEvidence({ user: erin, campaignId, itemId: alexs.id })).id).toBe(alexs.id);
    await expect(getItemEvidence({ user: jane, campaignId, itemId: alexs.id })).rejects.toThrow(`review item ${alexs.id} of campaign ${campaignId} not found`);
    await expect(getItemEvidence({ user: ada, campaignId: campaignId + 1, itemId: mine.id })).rejects.toThrow("not found");
    await expect(getItemEvidence({ user: victor, campaignId, itemId: mine.id })).rejects.toThrow(/reviews.read/);
    await expect(getCampaignProgress({ user: victor, campaignId })).rejects.toThrow(/reviews.read/);
  });
});
