import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orgFromObject } from "../sim/load-org";
import { startSimulator } from "../sim/server";
import { simulatorEnv } from "../lib/demo/simulator-env";
import { analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import type { TSessionUser } from "../lib/auth/permissions";
import { createCampaign } from "../lib/reviews/create-campaign";
import { recordDecision } from "../lib/reviews/record-decision";
import { signOffCampaign } from "../lib/reviews/sign-off-campaign";
import { listReviewItems } from "../lib/reviews/list-review-items";
import { getCampaignReport } from "../lib/reviews/get-campaign-report";
import { parse } from "csv-parse/sync";
import { toCsv } from "../lib/export/to-csv";
import { campaignCsvColumns } from "../lib/reports/campaign-report-rows";
import { overrideDecision } from "../lib/reviews/override-decision";
import { renderCampaignPdf } from "../lib/reports/render-campaign-pdf";
import { checkRemediations } from "../lib/reviews/check-remediations";
import { createSchedule } from "../lib/reviews/manage-schedules";
import { runDueReviewSchedules } from "../lib/reviews/run-due-review-schedules";
import { ZItemFilters } from "../lib/reviews/review-schemas";
import { getPrincipalDetail } from "../lib/console/get-principal-detail";
import { listFindings } from "../lib/console/list-findings";
import { listAccounts } from "../lib/console/list-accounts";
import { listPrincipals } from "../lib/console/list-principals";
import { parseFindingListQuery } from "../lib/console/finding-list-query";
import { parsePrincipalListQuery } from "../lib/console/principal-list-query";
import { startHarness, type THarness } from "./collect-harness";

const NOW = new Date("2026-11-01T00:00:00Z");
const DUE = new Date("2026-11-15T00:00:00Z");
const demoFile = path.resolve(import.meta.dirname, "..", "sim", "orgs", "demo.yaml");
type TRaw = { accounts: Array<{ name: string; users?: Array<Record<string, any>> }> };

const ada: TSessionUser = { id: "sub-ada", email: "ada@acme.example", name: "Ada", roles: ["admin"] };
const erin: TSessionUser = { id: "sub-erin", email: "erin@acme.example", name: "Erin", roles: ["auditor"] };
const jane: TSessionUser = { id: "sub-jane", email: "jane.doe@acme.example", name: "Jane", roles: ["reviewer"] };
const victor: TSessionUser = { id: "sub-victor", email: "victor@acme.example", name: "Victor", roles: ["viewer"] };
const alex: TSessionUser = { id: "sub-alex", email: "alex.chen@acme.example", name: "Alex", roles: ["reviewer"] };
const allItems = ZItemFilters.parse({});

let h: THarness;
let raw: TRaw;
let campaignId: number;
const id = (name: string) => h.org.accounts.find((a) => a.name === name)!.id;
const q = async (sql: string, params: unknown[] = []) => (await h.db.pool.query(sql, params)).rows;
const item = async (where: string, params: unknown[]) => (await q(`SELECT * FROM review_item WHERE campaign_id = $1 AND ${where}`, [campaignId, ...params]))[0];

beforeAll(async () => {
  raw = YAML.parse(fs.readFileSync(demoFile, "utf8"));
  h = await startHarness({ org: orgFromObject(structuredClone(raw), { now: NOW }) });
  const runId = (await h.collect()).summary.runId;
  await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId, asOf: NOW });
});
afterAll(async () => { await h?.stop(); });

const reviewers = () => ({ mapping: { [id("acme-prod")]: "alex.chen@acme.example", [id("acme-dev")]: "jane.doe@acme.example", [id("acme-security")]: "jane.doe@acme.example" }, fallback: "ada@acme.example" });

describe("an access review campaign over the demo organization", () => {
  it("refuses bad input and a scope matching nothing, creating no campaign", async () => {
    const base = { name: "Q4 review", scope: { accountIds: [id("acme-prod")] }, reviewers: reviewers(), dueAt: DUE };
    await expect(createCampaign({ pool: h.db.pool, user: ada, input: { ...base, dueAt: new Date("2026-10-01") }, now: NOW })).rejects.toThrow("due date: must be in the future");
    await expect(createCampaign({ pool: h.db.pool, user: ada, input: { ...base, scope: { accountIds: ["111111111111"] } }, now: NOW })).rejects.toThrow("account 111111111111 is not in the organization's snapshot");
    await expect(createCampaign({ pool: h.db.pool, user: ada, input: { ...base, scope: { accountIds: [id("acme-sandbox")] } }, now: NOW })).rejects.toThrow(/scope matches no access/);
    await expect(createCampaign({ pool: h.db.pool, user: ada, input: { ...base, reviewers: { mapping: {}, fallback: "nobody" } }, now: NOW })).rejects.toThrow("reviewers.fallback: not an email address");
    await expect(createCampaign({ pool: h.db.pool, user: jane, input: base, now: NOW })).rejects.toThrow(/reviews.manage/);
    // alex.chen is the person behind the prod user "alex" (and roles he reaches): with no one else to review prod, nothing starts.
    await expect(createCampaign({ pool: h.db.pool, user: ada, input: { ...base, reviewers: { mapping: { [id("acme-prod")]: "alex.chen@acme.example" }, fallback: "alex.chen@acme.example" } }, now: NOW }))
      .rejects.toThrow(new RegExp(`segregation of duties: no eligible reviewer for \\d+ item\\(s\\) that are their reviewer's own access: .*alex \\(${id("acme-prod")}\\)`));
    expect((await q("SELECT count(*)::int AS n FROM review_campaign"))[0].n).toBe(0);
  });

  it("creates one item per access with frozen evidence and reviewers from the mapping", async () => {
    const created = await createCampaign({ pool: h.db.pool, user: ada, now: NOW, input: {
      name: "Q4 review", scope: { accountIds: [id("acme-prod"), id("acme-dev"), id("acme-security")] }, reviewers: reviewers(), dueAt: DUE,
    } });
    campaignId = created.campaignId;
    const [campaign] = await q("SELECT analysis_id, collection_run_id, status FROM review_campaign WHERE id = $1", [campaignId]);
    expect(campaign).toMatchObject({ analysis_id: created.analysisId, collection_run_id: created.collectionRunId, status: "active" });
    const mike = await item("principal_name = 'dev-mike' AND access_kind = 'direct'", []);
    expect(mike).toMatchObject({ account_id: id("acme-dev"), reviewer_email: "jane.doe@acme.example", principal_kind: "iam-user" });
    expect(mike.evidence.access.adminEquivalent).toBe(true);
    expect(mike.evidence.access.adminPaths.flatMap((p: { actions: string[] }) => p.actions)).toContain("iam:CreatePolicyVersion");
    expect(mike.evidence.accessAdvisorAt).not.toBeNull();
    expect(mike.identities).toContain("mike.ross@acme.example");
    const legacy = await item("principal_name = 'legacy-reporting'", []);
    expect(legacy.evidence.accessKeys[0].ageDays).toBeGreaterThanOrEqual(600);
    expect(legacy.evidence.findings.map((f: { rule: string }) => f.rule)).toContain("access-key-not-rotated");
    const alice = await item("principal_name = 'alice.admin' AND account_id = $2 AND access_kind = 'sso-assignment'", [id("acme-prod")]);
    expect(alice.evidence.hops[0]).toMatchObject({ via: "sso-assignment", permissionSetName: "AdministratorAccess" });
    expect(alice.evidence.assignments[0]).toMatchObject({ principalType: "GROUP", permissionSetName: "AdministratorAccess" });
    expect(alice.identities).toContain("alice@acme.example");
    const viaRole = await item("access_kind = 'via-role' AND account_id = $2 AND principal_key LIKE $3", [id("acme-prod"), `${id("acme-management")}/%`]);
    expect(viaRole.identities).toContain("alex.chen@acme.example");
    const partner = await item("principal_name = 'partner-analytics-access'", []);
    expect(partner.evidence.trustParties).toContainEqual(expect.objectContaining({ partyKind: "external-account", party: "arn:aws:iam::999988887777:root" }));
    const byReviewer = await q("SELECT reviewer_email, count(*)::int AS n FROM review_item WHERE campaign_id = $1 GROUP BY 1", [campaignId]);
    // The fallback reviewer holds exactly the items that are a mapped reviewer's own access.
    expect(byReviewer.map((r) => r.reviewer_email).sort()).toEqual(["ada@acme.example", "alex.chen@acme.example", "jane.doe@acme.example"]);
    const reassigned = await q("SELECT principal_name, account_id, reviewer_email, reassigned_from, identities FROM review_item WHERE campaign_id = $1 AND reviewer_email = 'ada@acme.example'", [campaignId]);
    expect(reassigned.length).toBeGreaterThan(0);
    for (const r of reassigned) expect(r.identities).toContain(r.reassigned_from);
    expect(reassigned).toContainEqual(expect.objectContaining({ principal_name: "alex", account_id: id("acme-prod"), reassigned_from: "alex.chen@acme.example" }));
    expect(reassigned).toContainEqual(expect.objectContaining({ principal_name: "jane.doe", account_id: id("acme-security"), reassigned_from: "jane.doe@acme.example" }));
    const [{ ownHeld }] = await q("SELECT count(*)::int AS \"ownHeld\" FROM review_item WHERE campaign_id = $1 AND reviewer_email = ANY(identities)", [campaignId]);
    expect(ownHeld).toBe(0);
    expect(byReviewer.reduce((s, r) => s + r.n, 0)).toBe(created.items);
    const [audit] = await q("SELECT actor_email, details FROM audit_event WHERE action = 'review.campaign-create'");
    expect(audit).toMatchObject({ actor_email: "ada@acme.example", details: expect.objectContaining({ items: created.items, reassigned: reassigned.length }) });
  });

  it("shows reviewers only their items, admins and auditors all", async () => {
    const janes = await listReviewItems({ user: jane, campaignId, filters: { ...allItems, page: 1 } });
    expect(janes.total).toBeGreaterThan(0);
    expect(new Set(janes.items.map((i) => i.reviewerEmail))).toEqual(new Set(["jane.doe@acme.example"]));
    const all = await listReviewItems({ user: erin, campaignId, filters: allItems });
    const [{ n }] = await q("SELECT count(*)::int AS n FROM review_item WHERE campaign_id = $1", [campaignId]);
    expect(all.total).toBe(n);
    const report = await getCampaignReport({ user: alex, campaignId });
    expect(report.items.every((i) => i.reviewerEmail === "alex.chen@acme.example")).toBe(true);
  });

  it("lets a reviewer read only the principals, accounts and findings of their own items", async () => {
    const mine = await q("SELECT principal_key AS key FROM review_item WHERE reviewer_email = 'jane.doe@acme.example' UNION SELECT target_key FROM review_item WHERE reviewer_email = 'jane.doe@acme.example' AND target_key IS NOT NULL");
    const keys = new Set(mine.map((r) => r.key as string));
    const [outside] = await q("SELECT principal_key AS key FROM principal_access WHERE NOT (principal_key = ANY($1::text[])) AND kind = 'iam-role' ORDER BY principal_key LIMIT 1", [[...keys]]);
    const mike = await item("principal_name = 'dev-mike' AND access_kind = 'direct'", []);
    expect((await getPrincipalDetail({ user: jane, key: mike.principal_key }))?.name).toBe("dev-mike");
    expect(await getPrincipalDetail({ user: jane, key: outside.key })).toBeNull();
    expect((await getPrincipalDetail({ user: victor, key: outside.key }))?.key).toBe(outside.key);
    const janes = await listFindings({ user: jane, query: parseFindingListQuery({ status: "all", pageSize: "200" }) });
    const everyone = await listFindings({ user: victor, query: parseFindingListQuery({ status: "all", pageSize: "200" }) });
    expect(janes.total).toBeGreaterThan(0);
    expect(janes.total).toBeLessThan(everyone.total);
    for (const f of janes.rows) expect(keys.has(f.principalKey!)).toBe(true);
    expect(janes.rows.map((f) => f.principalKey)).toContain(mike.principal_key);
    expect((await listFindings({ user: jane, query: parseFindingListQuery({ principal: outside.key, status: "all" }) })).total).toBe(0);
    const accounts = (await listAccounts({ user: jane })).accounts.map((a) => a.id).sort();
    const itemAccounts = (await q("SELECT DISTINCT account_id FROM review_item WHERE reviewer_email = 'jane.doe@acme.example'")).map((r) => r.account_id);
    expect(accounts).toEqual(expect.arrayContaining(itemAccounts));
    expect(accounts.length).toBeLessThan((await listAccounts({ user: victor })).accounts.length);
    await expect(listPrincipals({ user: jane, query: parsePrincipalListQuery({}) })).rejects.toThrow(/inventory.read: your roles \(reviewer\) do not allow this/);
  });

  it("requires a comment to revoke or change, and never gives a reviewer their own access", async () => {
    const mike = await item("principal_name = 'dev-mike' AND access_kind = 'direct'", []);
    await expect(recordDecision({ pool: h.db.pool, user: jane, campaignId, target: { itemIds: [mike.id] }, decision: "revoke" })).rejects.toThrow("a comment is required to revoke or change access");
    await expect(recordDecision({ pool: h.db.pool, user: jane, campaignId, target: { itemIds: [mike.id] }, decision: "change", comment: "  " })).rejects.toThrow("comment");
    await expect(recordDecision({ pool: h.db.pool, user: alex, campaignId, target: { itemIds: [mike.id] }, decision: "keep" })).rejects.toThrow(/not found among your items/);
    await expect(recordDecision({ pool: h.db.pool, user: erin, campaignId, target: { itemIds: [mike.id] }, decision: "keep" })).rejects.toThrow(/reviews.decide/);
    const own = await item("principal_name = 'alex' AND account_id = $2", [id("acme-prod")]);
    expect(own).toMatchObject({ reviewer_email: "ada@acme.example", reassigned_from: "alex.chen@acme.example" });
    await expect(recordDecision({ pool: h.db.pool, user: alex, campaignId, target: { itemIds: [own.id] }, decision: "keep" })).rejects.toThrow(/not found among your items/);
    const revoked = await recordDecision({ pool: h.db.pool, user: jane, campaignId, target: { itemIds: [mike.id] }, decision: "revoke", comment: "escalation path, not needed" });
    expect(revoked.decided).toEqual([mike.id]);
  });

  it("records bulk decisions on undecided filtered items only, never changing a decided one", async () => {
    const alice = await item("principal_name = 'alice.admin' AND account_id = $2 AND access_kind = 'sso-assignment' AND target_key IN (SELECT principal_key FROM principal_access WHERE name LIKE 'AWSReservedSSO_AdministratorAccess%')", [id("acme-prod")]);
    await recordDecision({ pool: h.db.pool, user: alex, campaignId, target: { itemIds: [alice.id] }, decision: "revoke", comment: "alice moved teams" });
    const unusedRole = await item("reviewer_email = 'alex.chen@acme.example' AND principal_kind = 'iam-role' AND access_kind = 'direct' AND decision IS NULL ORDER BY id", []);
    await recordDecision({ pool: h.db.pool, user: alex, campaignId, target: { itemIds: [unusedRole.id] }, decision: "revoke", comment: "unused role, owner unknown" });
    await expect(recordDecision({ pool: h.db.pool, user: alex, campaignId, target: { filters: { state: "open" } }, decision: "change" })).rejects.toThrow("a comment is required");
    // State "all": the filter matches alice's item too, but a bulk decision passes over decided items.
    const alexBulk = await recordDecision({ pool: h.db.pool, user: alex, campaignId, target: { filters: { state: "all" } }, decision: "keep" });
    expect(alexBulk).toMatchObject({ skippedOwnAccess: [], skippedDecided: 2 });
    expect(alexBulk.decided).not.toContain(alice.id);
    expect(alexBulk.decided.length).toBeGreaterThan(5);
    expect(await item("id = $2", [alice.id])).toMatchObject({ decision: "revoke", decision_comment: "alice moved teams", decided_by: "alex.chen@acme.example" });
    expect((await q("SELECT count(*)::int AS n FROM review_decision WHERE item_id = $1", [alice.id]))[0].n).toBe(1);
    await expect(recordDecision({ pool: h.db.pool, user: alex, campaignId, target: { filters: { state: "decided" } }, decision: "keep" })).rejects.toThrow(/no undecided items match these filters/);
    // One item: a decided one cannot take a new decision outside an override, not even its own reviewer's.
    await expect(recordDecision({ pool: h.db.pool, user: alex, campaignId, target: { itemIds: [alice.id] }, decision: "keep" })).rejects.toThrow(/is decided already \(revoke by alex.chen@acme.example, .*\): changing a decided item is an override, for admins only and with a reason/);
    const janeBulk = await recordDecision({ pool: h.db.pool, user: jane, campaignId, target: { filters: { state: "open", account: id("acme-dev") } }, decision: "keep" });
    expect(janeBulk.decided.length).toBeGreaterThan(0);
    const rest = await recordDecision({ pool: h.db.pool, user: jane, campaignId, target: { filters: { state: "open" } }, decision: "keep" });
    expect(rest.skippedOwnAccess).toEqual([]);
    // An admin's bulk "keep" over every item leaves the reviewers' revocations alone.
    const adminBulk = await recordDecision({ pool: h.db.pool, user: ada, campaignId, target: { filters: { account: id("acme-prod") } }, decision: "keep" });
    expect(adminBulk.decided).not.toContain(alice.id);
    expect(adminBulk.skippedDecided).toBeGreaterThan(5);
    expect(await item("id = $2", [alice.id])).toMatchObject({ decision: "revoke", decided_by: "alex.chen@acme.example" });
  });

  it("lets only an admin change a decided item, with a reason, as an override beside the reviewer's decision", async () => {
    const target = await item("decision = 'revoke' AND decision_comment = 'unused role, owner unknown'", []);
    const undecided = await item("decision IS NULL", []);
    expect(undecided).toBeTruthy();
    await expect(overrideDecision({ pool: h.db.pool, user: alex, campaignId, itemId: target.id, decision: "keep", reason: "x" })).rejects.toThrow(/reviews.override/);
    await expect(overrideDecision({ pool: h.db.pool, user: erin, campaignId, itemId: target.id, decision: "keep", reason: "x" })).rejects.toThrow(/reviews.override/);
    await expect(overrideDecision({ pool: h.db.pool, user: ada, campaignId, itemId: target.id, decision: "keep" })).rejects.toThrow("a reason is required to override a decision");
    await expect(overrideDecision({ pool: h.db.pool, user: ada, campaignId, itemId: target.id, decision: "keep", reason: "   " })).rejects.toThrow("a reason is required to override a decision");
    await expect(overrideDecision({ pool: h.db.pool, user: ada, campaignId, itemId: target.id, decision: "revoke", reason: "same" })).rejects.toThrow(/is decided revoke already: an override must change the decision/);
    await expect(overrideDecision({ pool: h.db.pool, user: ada, campaignId, itemId: undecided.id, decision: "keep", reason: "r" })).rejects.toThrow(/is undecided: decide it/);
    await expect(overrideDecision({ pool: h.db.pool, user: ada, campaignId, itemId: 2_000_000_000, decision: "keep", reason: "r" })).rejects.toThrow(/review item 2000000000 not found/);

    const result = await overrideDecision({ pool: h.db.pool, user: ada, campaignId, itemId: target.id, decision: "keep", reason: "owner confirmed: nightly batch role" });
    expect(result.previous).toMatchObject({ decision: "revoke", decidedBy: "alex.chen@acme.example", comment: "unused role, owner unknown" });
    // The item holds the effective decision; the reviewer's row stays exactly as recorded.
    expect(await item("id = $2", [target.id])).toMatchObject({ decision: "keep", decision_comment: "owner confirmed: nightly batch role", decided_by: "ada@acme.example" });
    expect(await q("SELECT decision, comment, decided_by, override FROM review_decision WHERE item_id = $1 ORDER BY id", [target.id])).toEqual([
      { decision: "revoke", comment: "unused role, owner unknown", decided_by: "alex.chen@acme.example", override: false },
      { decision: "keep", comment: "owner confirmed: nightly batch role", decided_by: "ada@acme.example", override: true },
    ]);
    const [audit] = await q("SELECT actor_email, details FROM audit_event WHERE action = 'review.override' AND target_id = $1", [String(target.id)]);
    expect(audit).toMatchObject({ actor_email: "ada@acme.example", details: expect.objectContaining({ decision: "keep", reason: "owner confirmed: nightly batch role", previous: expect.objectContaining({ decision: "revoke", decidedBy: "alex.chen@acme.example" }) }) });
    const listed = (await listReviewItems({ user: ada, campaignId, filters: { ...allItems, account: target.account_id, state: "keep" } })).items.find((i) => i.id === target.id)!;
    expect(listed.reviewerDecision).toMatchObject({ decision: "revoke", decidedBy: "alex.chen@acme.example", comment: "unused role, owner unknown", override: false });
    expect(listed.override).toMatchObject({ decision: "keep", decidedBy: "ada@acme.example", comment: "owner confirmed: nightly batch role", override: true });
  });

  it("refuses sign-off while items are open, then signs off with remediation for every revocation", async () => {
    const [{ open }] = await q("SELECT count(*)::int AS open FROM review_item WHERE campaign_id = $1 AND decision IS NULL", [campaignId]);
    expect(open).toBeGreaterThan(0);
    await expect(signOffCampaign({ pool: h.db.pool, user: erin, campaignId })).rejects.toThrow(`cannot sign off: ${open} of`);
    await expect(signOffCampaign({ pool: h.db.pool, user: jane, campaignId })).rejects.toThrow(/reviews.signoff/);
    // The fallback reviewer decides the items reassigned to her (segregation of duties).
    const rest = await recordDecision({ pool: h.db.pool, user: ada, campaignId, target: { filters: { state: "open" } }, decision: "keep" });
    expect(rest.decided.length).toBe(open);
    // Four eyes: ada decided and overrode items of this campaign, so she may not sign it off.
    await expect(signOffCampaign({ pool: h.db.pool, user: ada, campaignId })).rejects.toThrow(/^four eyes: you \(ada@acme.example\) recorded \d+ decision\(s\) in this campaign, 1 of them override\(s\) .*someone who decided none of its items must sign it off$/);
    expect((await q("SELECT status FROM review_campaign WHERE id = $1", [campaignId]))[0].status).toBe("active");
    const signed = await signOffCampaign({ pool: h.db.pool, user: erin, campaignId, comment: "Q4 done" });
    expect(signed.remediations).toBe(2);
    const mike = await item("principal_name = 'dev-mike' AND access_kind = 'direct'", []);
    expect(mike.remediation_status).toBe("pending");
    const commands = mike.remediation.map((s: { command: string }) => s.command);
    expect(commands).toContainEqual(expect.stringMatching(/^aws iam (detach-user-policy|delete-user-policy|remove-user-from-group) --user-name dev-mike /));
    expect(mike.remediation[0]).toMatchObject({ accountId: id("acme-dev") });
    const alice = await item("principal_name = 'alice.admin' AND decision = 'revoke'", []);
    expect(alice.remediation[0].command).toMatch(/^aws identitystore delete-group-membership --identity-store-id d-/);
    const [campaign] = await q("SELECT status, signed_off_by, sign_off_comment FROM review_campaign WHERE id = $1", [campaignId]);
    expect(campaign).toEqual({ status: "signed-off", signed_off_by: "erin@acme.example", sign_off_comment: "Q4 done" });
  });

  it("keeps every decision immutable after sign-off and audits each action", async () => {
    const mike = await item("principal_name = 'dev-mike' AND access_kind = 'direct'", []);
    await expect(recordDecision({ pool: h.db.pool, user: jane, campaignId, target: { itemIds: [mike.id] }, decision: "keep" })).rejects.toThrow("campaign is signed off");
    await expect(q("UPDATE review_decision SET decision = 'keep'")).rejects.toThrow(/append-only/);
    const [{ decisions }] = await q("SELECT count(*)::int AS decisions FROM review_decision WHERE campaign_id = $1", [campaignId]);
    const audits = await q("SELECT action, count(*)::int AS n FROM audit_event GROUP BY action");
    expect(Object.fromEntries(audits.map((a) => [a.action, a.n]))).toEqual({ "review.campaign-create": 1, "review.decide": decisions - 1, "review.override": 1, "review.sign-off": 1 });
    const [mikeAudit] = await q("SELECT actor_email, details FROM audit_event WHERE action = 'review.decide' AND target_id = $1", [String(mike.id)]);
    expect(mikeAudit).toMatchObject({ actor_email: "jane.doe@acme.example", details: expect.objectContaining({ item: mike.id, decision: "revoke", comment: "escalation path, not needed" }) });
    const report = await getCampaignReport({ user: erin, campaignId });
    expect(report.totals).toMatchObject({ open: 0, revoke: 2, overridden: 1, completionRate: 1 });
    expect(report.reviewers.map((r) => r.reviewerEmail)).toEqual(["ada@acme.example", "alex.chen@acme.example", "jane.doe@acme.example"]);
    expect(report.items.find((i) => i.id === mike.id)!.history).toEqual([expect.objectContaining({ decision: "revoke", decidedBy: "jane.doe@acme.example" })]);
  });

  it("its evidence report states who decided, when, any override with its reason, and who signed off", async () => {
    const report = await getCampaignReport({ user: erin, campaignId });
    const rows = parse(toCsv({ rows: report.items, columns: campaignCsvColumns(report) }), { columns: true }) as Array<Record<string, string>>;
    const overridden = report.items.filter((i) => i.override);
    expect(overridden).toHaveLength(1);
    const [o] = overridden;
    expect(rows.find((r) => Number(r.item_id) === o.id)).toMatchObject({
      decision: "keep", decided_by: "ada@acme.example", reviewer: "alex.chen@acme.example",
      reviewer_decision: "revoke", reviewer_decided_by: "alex.chen@acme.example", reviewer_decided_at: o.reviewerDecision!.decidedAt.toISOString(), reviewer_comment: "unused role, owner unknown",
      overridden: "true", override_decision: "keep", overridden_by: "ada@acme.example", overridden_at: o.override!.decidedAt.toISOString(), override_reason: "owner confirmed: nightly batch role",
      remediation: "", signed_off_by: "erin@acme.example",
    });
    const reassignedRow = rows.find((r) => r.principal === "alex" && r.account_id === id("acme-prod") && r.access === "own permissions")!;
    expect(reassignedRow).toMatchObject({ reviewer: "ada@acme.example", reassigned_from: "alex.chen@acme.example", reviewer_decided_by: "ada@acme.example", overridden: "false" });
    // The PDF says the same: the override with its reason beside the reviewer's decision, and who signed off.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "campaign-")), "evidence.pdf");
    fs.writeFileSync(file, await renderCampaignPdf({ report }));
    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString().replace(/\s+/g, " ");
    expect(text).toContain("Overrides: 1 decision(s) overridden by an admin");
    expect(text).toMatch(/Sign-off: erin@acme\.example on \d{4}-\d\d-\d\d/);
    // (table cells wrap: the assertions stay within one line of a cell)
    expect(text).toContain("Overrides Principal Reviewer's decision Override: by, at, decision, reason");
    expect(text).toMatch(/ada@acme\.example, \d{4}-\d\d-\d\d \d\d:\d\d UTC: keep, reason: owner confirmed: nightly/);
    expect(text).toContain("keep (override of");
    for (const row of rows) {
      expect(row.signed_off_by).toBe("erin@acme.example");
      expect(row.signed_off_at).toBe(report.campaign.signedOffAt!.toISOString());
      expect(row.reviewer_decided_by).not.toBe("");
      expect(row.reviewer_decided_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
  });

  it("its evidence report matches the stored decisions row by row, in the CSV as in the data", async () => {
    const report = await getCampaignReport({ user: erin, campaignId });
    const stored = await q("SELECT id, principal_name, account_id, reviewer_email, decision, decided_by, decided_at, decision_comment FROM review_item WHERE campaign_id = $1 ORDER BY id", [campaignId]);
    expect(report.items.map((i) => i.id).sort((a, b) => a - b)).toEqual(stored.map((r) => r.id));
    const rows = parse(toCsv({ rows: report.items, columns: campaignCsvColumns(report) }), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(stored.length);
    for (const item of stored) {
      const row = rows.find((r) => Number(r.item_id) === item.id)!;
      expect(row).toMatchObject({
        principal: item.principal_name, account_id: item.account_id, reviewer: item.reviewer_email, decision: item.decision,
        decided_by: item.decided_by, decided_at: item.decided_at.toISOString(), comment: item.decision_comment ?? "",
      });
      expect(row.decision_history).toContain(`${item.decision} by ${item.decided_by}`);
      if (item.decision === "revoke") expect(row.remediation).toMatch(/\[aws (iam|identitystore|sso-admin) /);
    }
    for (const reviewer of report.reviewers) {
      const mine = stored.filter((r) => r.reviewer_email === reviewer.reviewerEmail);
      expect(reviewer).toMatchObject({ total: mine.length, decided: mine.length, revoke: mine.filter((r) => r.decision === "revoke").length, completionRate: 1 });
    }
  });

  it("marks revocations done or overdue on a later analysis, with a finding for the overdue one", async () => {
    const dev = raw.accounts.find((a) => a.name === "acme-dev")!;
    dev.users = dev.users!.filter((u) => u.name !== "dev-mike");
    const changed = await startSimulator({ org: orgFromObject(raw, { now: NOW }), port: 0 });
    Object.assign(process.env, simulatorEnv({ url: changed.url, hub: changed.hub, auditRoleName: h.org.auditRoleName, orgReaderRoleArn: h.org.orgReaderRoleArn }));
    let secondRun: number;
    try { secondRun = (await h.collect()).summary.runId; } finally { await changed.stop(); }
    // The analysis judges the revocations by itself (before the due date: one done, one pending) …
    const analysis = await analyzeSnapshot({ pool: h.db.pool, collectionRunId: secondRun, asOf: NOW });
    expect(analysis.remediations).toMatchObject({ checked: 2, done: 1, pending: 1, overdue: 0 });
    // … and a check after the due date finds the one still in place overdue.
    const result = await checkRemediations({ pool: h.db.pool, analysisId: analysis.analysisId, now: new Date("2026-11-20T00:00:00Z") });
    expect(result).toMatchObject({ checked: 1, done: 0, overdue: 1 });
    expect((await item("principal_name = 'dev-mike' AND access_kind = 'direct'", [])).remediation_status).toBe("done");
    const alice = await item("principal_name = 'alice.admin' AND decision = 'revoke'", []);
    expect(alice).toMatchObject({ remediation_status: "overdue", remediation_checked_run: secondRun });
    const findings = await q("SELECT severity, status, resource_key, evidence FROM finding WHERE rule = 'review-revocation-not-done'");
    expect(findings).toEqual([expect.objectContaining({ severity: "high", status: "open", resource_key: alice.principal_key, evidence: expect.objectContaining({ campaignId, itemId: alice.id, decision: "revoke" }) })]);
    const again = await checkRemediations({ pool: h.db.pool, analysisId: analysis.analysisId, now: new Date("2026-11-20T00:00:00Z") });
    expect(again.overdue).toBe(1);
    expect((await q("SELECT count(*)::int AS n FROM finding WHERE rule = 'review-revocation-not-done'"))[0].n).toBe(1);
  });

  it("creates recurring campaigns from due schedules and moves the next run on", async () => {
    const { scheduleId } = await createSchedule({ pool: h.db.pool, user: ada, input: {
      name: "Quarterly prod", scope: { accountIds: [id("acme-prod")], only: "admin-equivalent" }, reviewers: { mapping: {}, fallback: "ada@acme.example" },
      everyMonths: 3, dueDays: 14, firstRunAt: new Date("2026-11-01T00:00:00Z"),
    } });
    const runs = await runDueReviewSchedules({ pool: h.db.pool, now: new Date("2026-11-02T00:00:00Z") });
    expect(runs).toEqual([expect.objectContaining({ scheduleId, error: null })]);
    expect(runs[0].items).toBeGreaterThan(0);
    const [schedule] = await q("SELECT next_run_at FROM review_schedule WHERE id = $1", [scheduleId]);
    expect(schedule.next_run_at.toISOString()).toBe("2027-02-01T00:00:00.000Z");
    const [campaign] = await q("SELECT schedule_id, due_at, created_by FROM review_campaign WHERE id = $1", [runs[0].campaignId]);
    expect(campaign).toMatchObject({ schedule_id: scheduleId, created_by: "system" });
    expect(campaign.due_at.toISOString()).toBe("2026-11-16T00:00:00.000Z");
    expect(await runDueReviewSchedules({ pool: h.db.pool, now: new Date("2026-11-03T00:00:00Z") })).toEqual([]);
  });
});
