import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orgFromObject } from "../sim/load-org";
import { startSimulator } from "../sim/server";
import { simulatorEnv } from "../lib/demo/simulator-env";
import { analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import type { TSessionUser } from "../lib/auth/permissions";
import { getResourceDetail } from "../lib/console/get-resource-detail";
import { toCsv } from "../lib/export/to-csv";
import { campaignCsvColumns } from "../lib/reports/campaign-report-rows";
import { renderCampaignPdf } from "../lib/reports/render-campaign-pdf";
import { assignItemReviewers } from "../lib/reviews/assign-item-reviewers";
import { checkRemediations } from "../lib/reviews/check-remediations";
import { createCampaign } from "../lib/reviews/create-campaign";
import { getCampaignReport } from "../lib/reviews/get-campaign-report";
import type { TEvidenceResourceShare } from "../lib/reviews/item-evidence";
import { recordDecision } from "../lib/reviews/record-decision";
import { signOffCampaign } from "../lib/reviews/sign-off-campaign";
import { startHarness, type THarness } from "./collect-harness";

// Issue 9: a review campaign over the resources shared outside the organization or public,
// one item per (resource, outside party), decided by the resource's owner.
const NOW = new Date("2026-11-01T00:00:00Z");
const DUE = new Date("2026-11-15T00:00:00Z");
const demoFile = path.resolve(import.meta.dirname, "..", "sim", "orgs", "demo.yaml");
type TRaw = { accounts: Array<{ name: string; resources?: Record<string, Array<Record<string, any>>> }> };

const ada: TSessionUser = { id: "sub-ada", email: "ada@acme.example", name: "Ada", roles: ["admin"] };
const erin: TSessionUser = { id: "sub-erin", email: "erin@acme.example", name: "Erin", roles: ["auditor"] };
const alex: TSessionUser = { id: "sub-alex", email: "alex.chen@acme.example", name: "Alex", roles: ["reviewer"] };
const jane: TSessionUser = { id: "sub-jane", email: "jane.doe@acme.example", name: "Jane", roles: ["reviewer"] };

let h: THarness;
let raw: TRaw;
let campaignId: number;
const id = (name: string) => h.org.accounts.find((a) => a.name === name)!.id;
const q = async (sql: string, params: unknown[] = []) => (await h.db.pool.query(sql, params)).rows;
const items = () => q("SELECT * FROM review_item WHERE campaign_id = $1 ORDER BY id", [campaignId]);
const share = (row: Record<string, any>) => row.evidence.resourceShare as TEvidenceResourceShare;
const byResource = async (name: string) => (await items()).filter((i) => share(i).resourceName === name);

async function recollect(): Promise<number> {
  const changed = await startSimulator({ org: orgFromObject(structuredClone(raw), { now: NOW }), port: 0 });
  Object.assign(process.env, simulatorEnv({ url: changed.url, hub: changed.hub, auditRoleName: h.org.auditRoleName, orgReaderRoleArn: h.org.orgReaderRoleArn }));
  try { return (await h.collect()).summary.runId; } finally { await changed.stop(); }
}

beforeAll(async () => {
  raw = YAML.parse(fs.readFileSync(demoFile, "utf8"));
  h = await startHarness({ org: orgFromObject(structuredClone(raw), { now: NOW }) });
  const runId = (await h.collect()).summary.runId;
  await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId, asOf: NOW });
}, 600_000);
afterAll(async () => { await h?.stop(); });

describe("a review campaign over resources shared outside the organization", () => {
  it("creates one item per (resource, outside party) with the exposure, party and granting statements frozen", async () => {
    const created = await createCampaign({
      pool: h.db.pool, user: ada, now: NOW,
      input: {
        name: "Q4 shares", scope: { only: "resource-shares" }, dueAt: DUE,
        reviewers: { mapping: { [id("acme-prod")]: "alex.chen@acme.example", [id("acme-dev")]: "jane.doe@acme.example" }, fallback: "ada@acme.example" },
      },
    });
    campaignId = created.campaignId;
    const rows = await items();
    expect(rows.every((r) => r.access_kind === "resource-share")).toBe(true);
    // Each (resource, party) once.
    expect(new Set(rows.map((r) => `${r.target_key} ${r.principal_key}`)).size).toBe(rows.length);
    const [key] = await byResource("alias/prod-data-key");
    expect(key).toMatchObject({ principal_key: "999988887777", principal_kind: "external-account", account_id: id("acme-prod"), reviewer_email: "alex.chen@acme.example" });
    expect(share(key)).toMatchObject({
      resourceType: "kms-key", region: "us-east-1", exposure: "outside-organization", party: "999988887777", resourceArn: key.target_key,
      grants: [expect.objectContaining({ source: "policy", principal: "arn:aws:iam::999988887777:root", statement: expect.objectContaining({ sid: "PartnerDecrypt" }) })],
    });
    expect(key.target_key).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\//);
    const [snapshot] = await byResource("orders-db-final");
    expect(snapshot).toMatchObject({ principal_key: "999988887777", reviewer_email: "alex.chen@acme.example" });
    expect(share(snapshot)).toMatchObject({ resourceType: "rds-db-snapshot", grants: [expect.objectContaining({ source: "shared-attribute" })] });
    const [ebs] = await byResource("dev-db-volume-backup");
    expect(ebs).toMatchObject({ principal_key: "*", principal_kind: "public", principal_name: "anyone (public)", reviewer_email: "jane.doe@acme.example" });
    expect(share(ebs)).toMatchObject({ exposure: "public", resourceType: "ebs-snapshot" });
    const [bucket] = await byResource("acme-public-downloads");
    expect(share(bucket)).toMatchObject({ exposure: "public", party: "*", grants: [expect.objectContaining({ statement: expect.objectContaining({ sid: "PublicRead" }) })] });
    expect(bucket.reviewer_email).toBe("ada@acme.example");
    const [lambda] = await byResource("webhook-handler");
    expect(share(lambda)).toMatchObject({ resourceType: "lambda-function", party: "*", grants: [expect.objectContaining({ statement: expect.objectContaining({ sid: "AnyoneInvoke" }) })] });
    // Resources only reachable inside the organization are not in scope.
    expect(rows.some((r) => share(r).exposure !== "public" && share(r).exposure !== "outside-organization")).toBe(false);
    const [audit] = await q("SELECT details FROM audit_event WHERE action = 'review.campaign-create' AND target_id = $1", [String(campaignId)]);
    expect(audit.details).toMatchObject({ items: rows.length, scope: expect.objectContaining({ only: "resource-shares" }) });
  });

  it("prefers the owner tag on the resource over the account's reviewer", () => {
    const assigned = assignItemReviewers({
      items: [{ principalName: "999988887777 on key", accountId: "111111111111", identities: [], owner: "key.owner@acme.example" }, { principalName: "* on bucket", accountId: "111111111111", identities: [] }],
      config: { ownerTag: "owner", mapping: { "111111111111": "account.owner@acme.example" }, fallback: "ada@acme.example" }, accounts: new Map(),
    });
    expect(assigned.map((a) => a.reviewerEmail)).toEqual(["key.owner@acme.example", "account.owner@acme.example"]);
  });

  it("lets a reviewer open the resources of their items and no other", async () => {
    const [key] = await byResource("alias/prod-data-key");
    const [ebs] = await byResource("dev-db-volume-backup");
    const detail = await getResourceDetail({ user: alex, arn: key.target_key });
    expect(detail).toMatchObject({ arn: key.target_key, exposure: "outside-organization" });
    await expect(getResourceDetail({ user: alex, arn: ebs.target_key })).rejects.toThrow("among your review items");
    expect((await getResourceDetail({ user: jane, arn: ebs.target_key })).exposure).toBe("public");
  });

  it("revokes one share and keeps another, signs off with the command that removes the revoked share", async () => {
    const [snapshot] = await byResource("orders-db-final");
    const [key] = await byResource("alias/prod-data-key");
    await recordDecision({ pool: h.db.pool, user: alex, campaignId, target: { itemIds: [snapshot.id] }, decision: "revoke", comment: "partner offboarded" });
    await recordDecision({ pool: h.db.pool, user: alex, campaignId, target: { itemIds: [key.id] }, decision: "keep" });
    await recordDecision({ pool: h.db.pool, user: jane, campaignId, target: { filters: { state: "open", reviewer: "jane.doe@acme.example" } }, decision: "keep" });
    await recordDecision({ pool: h.db.pool, user: ada, campaignId, target: { filters: { state: "open" } }, decision: "keep" });
    const signed = await signOffCampaign({ pool: h.db.pool, user: erin, campaignId, comment: "shares reviewed" });
    expect(signed.remediations).toBe(1);
    const [revoked] = await byResource("orders-db-final");
    expect(revoked.remediation).toEqual([expect.objectContaining({
      accountId: id("acme-prod"), principal: revoked.target_key,
      command: "aws rds modify-db-snapshot-attribute --db-snapshot-identifier orders-db-final --attribute-name restore --values-to-remove 999988887777 --region us-east-1 --profile account-" + id("acme-prod"),
    })]);
    const decided = await q("SELECT details FROM audit_event WHERE action = 'review.decide' AND target_id = $1", [String(snapshot.id)]);
    expect(decided).toHaveLength(1);
  });

  it("shows the shares in the evidence reports (CSV, PDF, JSON)", async () => {
    const report = await getCampaignReport({ user: erin, campaignId });
    const rows = parse(toCsv({ rows: report.items, columns: campaignCsvColumns(report) }), { columns: true }) as Array<Record<string, string>>;
    const snapshotRow = rows.find((r) => r.access.includes("orders-db-final"))!;
    expect(snapshotRow).toMatchObject({ principal: "999988887777", decision: "revoke", decided_by: "alex.chen@acme.example", signed_off_by: "erin@acme.example" });
    expect(snapshotRow.access).toMatch(/^outside-organization share of rds-db-snapshot arn:aws:rds:us-east-1:\d{12}:snapshot:orders-db-final/);
    expect(snapshotRow.granted_by).toMatch(/^shared-attribute /);
    expect(rows.find((r) => r.resource_arn.includes(":key/"))).toMatchObject({ decision: "keep", granted_by: expect.stringContaining("PartnerDecrypt") });
    const json = JSON.parse(JSON.stringify(report));
    expect(json.items.find((i: any) => i.id === Number(snapshotRow.item_id)).evidence.resourceShare).toMatchObject({ resourceName: "orders-db-final", party: "999988887777" });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shares-")), "evidence.pdf");
    fs.writeFileSync(file, await renderCampaignPdf({ report }));
    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString().replace(/\s+/g, " ");
    expect(text).toContain("resources shared outside the organization or public");
    expect(text).toContain("orders-db-final");
  });

  it("flags a revoked share still present on the next analysis, and marks it done once the party is no longer let in", async () => {
    const unchanged = await analyzeSnapshot({ pool: h.db.pool, collectionRunId: await recollect(), asOf: NOW });
    expect(unchanged.remediations).toMatchObject({ checked: 1, done: 0, pending: 1 });
    const late = await checkRemediations({ pool: h.db.pool, analysisId: unchanged.analysisId, now: new Date("2026-11-20T00:00:00Z") });
    expect(late).toMatchObject({ checked: 1, overdue: 1 });
    const [revoked] = await byResource("orders-db-final");
    expect(revoked.remediation_status).toBe("overdue");
    const [finding] = await q("SELECT status, resource_key, resource_name, evidence FROM finding WHERE rule = 'review-revocation-not-done'");
    expect(finding).toMatchObject({ status: "open", resource_key: revoked.target_key, resource_name: `999988887777 on ${revoked.target_key}`, evidence: expect.objectContaining({ itemId: revoked.id }) });

    const prod = raw.accounts.find((a) => a.name === "acme-prod")!;
    const snapshot = prod.resources!.dbSnapshots.find((s) => s.name === "orders-db-final")!;
    snapshot.sharedWith = [];
    const fixed = await analyzeSnapshot({ pool: h.db.pool, collectionRunId: await recollect(), asOf: NOW });
    expect(fixed.remediations).toMatchObject({ checked: 1, done: 1 });
    expect((await byResource("orders-db-final"))[0].remediation_status).toBe("done");
    expect((await q("SELECT status FROM finding WHERE rule = 'review-revocation-not-done'"))[0].status).toBe("resolved");
  });
});
