import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import { ZAuditListQuery } from "../lib/audit/audit-list-query";
import { exportAuditEvents } from "../lib/audit/export-audit-events";
import { listAuditEvents } from "../lib/audit/list-audit-events";
import type { TSessionUser } from "../lib/auth/permissions";
import { getDb } from "../lib/db/client";
import { exportCampaignReport } from "../lib/reports/export-campaign-report";
import { exportCisReport } from "../lib/reports/export-cis-report";
import { exportTabularReport } from "../lib/reports/export-tabular-report";
import { getCisReport } from "../lib/reports/get-cis-report";
import { createCampaign } from "../lib/reviews/create-campaign";
import { recordDecision } from "../lib/reviews/record-decision";
import { startHarness, type THarness } from "./collect-harness";

const erin: TSessionUser = { id: "sub-erin", email: "erin@acme.example", name: "Erin", roles: ["auditor"] };
const ada: TSessionUser = { id: "sub-ada", email: "ada@acme.example", name: "Ada", roles: ["admin"] };
const victor: TSessionUser = { id: "sub-victor", email: "victor@acme.example", name: "Victor", roles: ["viewer"] };
const jane: TSessionUser = { id: "sub-jane", email: "jane.doe@acme.example", name: "Jane", roles: ["reviewer"] };
const origin = { ip: "203.0.113.7", userAgent: "vitest" };

let h: THarness;
const id = (name: string) => h.org.accounts.find((a) => a.name === name)!.id;
const q = async (sql: string, params: unknown[] = []) => (await h.db.pool.query(sql, params)).rows;
const control = (report: Awaited<ReturnType<typeof getCisReport>>, controlId: string) => report.controls.find((c) => c.controlId === controlId)!;
const lastExport = async () => (await q("SELECT * FROM audit_event WHERE action = 'export.download' ORDER BY id DESC LIMIT 1"))[0];

beforeAll(async () => {
  h = await startHarness();
  const runId = (await h.collect()).summary.runId;
  await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId });
});
afterAll(async () => {
  // The report functions use the process-wide pool (DATABASE_URL is the test database): close it before the database goes.
  await getDb().close();
  await h?.stop();
});

describe("CIS v5 IAM report over the demo organization", () => {
  it("fails the root, password-policy and MFA controls where the demo plants them", async () => {
    const management = await getCisReport({ user: erin, scope: id("acme-management") });
    expect(control(management, "1.3")).toMatchObject({ status: "fail", failing: [expect.objectContaining({ rule: "root-access-key", accountId: id("acme-management") })] });
    const dev = await getCisReport({ user: erin, scope: id("acme-dev") });
    expect(control(dev, "1.4").status).toBe("fail");
    expect(control(dev, "1.7")).toMatchObject({ status: "fail", failing: [expect.objectContaining({ rule: "password-policy-short" })] });
    expect(control(dev, "1.9").failing.map((f) => f.resourceName).sort()).toEqual(["dev-mike", "dev-sara", "intern-tom"]);
    expect(control(dev, "1.3").status).toBe("pass");
    expect(control(dev, "1.1").status).toBe("manual");
  });

  it("does not pass an account the collector could not read", async () => {
    const sandbox = await getCisReport({ user: erin, scope: id("acme-sandbox") });
    const automated = sandbox.controls.filter((c) => c.status !== "manual");
    expect(automated.length).toBe(16);
    expect(automated.every((c) => c.status === "not-evaluated")).toBe(true);
    expect(control(sandbox, "1.3").reason).toMatch(/^collection failed: AccessDenied/);
    expect(sandbox.counts.pass).toBe(0);
  });

  it("rolls the accounts up to the organization", async () => {
    const org = await getCisReport({ user: victor, scope: "org" });
    expect(org.scope).toEqual({ kind: "org", organizationId: "o-acme7demo1" });
    expect(control(org, "1.3")).toMatchObject({ status: "fail", reason: expect.stringContaining("acme-management") });
    expect(control(org, "1.3").reason).toContain("not evaluated in acme-sandbox");
    expect(control(org, "1.4").failing.map((f) => f.accountId)).toEqual([id("acme-dev")]);
    // No control passes for the organization while acme-sandbox could not be read.
    expect(org.controls.some((c) => c.status === "pass")).toBe(false);
    expect(org.counts.manual).toBe(5);
    const legacy = org.accounts.find((a) => a.account.name === "acme-legacy-analytics")!;
    expect(legacy.controls.find((c) => c.controlId === "1.3")!.status).toBe("not-applicable");
  });

  it("lists an accepted finding as an exception with its reason and expiry", async () => {
    const until = new Date(Date.now() + 30 * 86_400_000);
    await q("UPDATE finding SET status = 'accepted', accepted_reason = 'break-glass key in the safe', accepted_until = $1, accepted_by = 'ada' WHERE rule = 'root-access-key'", [until]);
    try {
      const management = await getCisReport({ user: erin, scope: id("acme-management") });
      expect(control(management, "1.3")).toMatchObject({ status: "exception", failing: [], exceptions: [expect.objectContaining({ acceptedReason: "break-glass key in the safe" })] });
    } finally {
      await q("UPDATE finding SET status = 'open', accepted_reason = NULL, accepted_until = NULL, accepted_by = NULL WHERE rule = 'root-access-key'");
    }
  });

  it("refuses a bad scope and users without reports.read", async () => {
    await expect(getCisReport({ user: erin, scope: "acme" })).rejects.toThrow("account must be 'org' or a 12-digit account id");
    await expect(getCisReport({ user: erin, scope: "123456789012" })).rejects.toThrow("account 123456789012 is not in the organization's latest snapshot");
    await expect(getCisReport({ user: jane, scope: "org" })).rejects.toThrow(/reports.read/);
  });
});

describe("exports", () => {
  it("renders the CIS report as PDF, CSV and JSON and audits each download", async () => {
    const pdf = await exportCisReport({ user: erin, scope: "org", format: "pdf", origin });
    expect(pdf.contentType).toBe("application/pdf");
    const body = pdf.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe("%PDF-");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cis-")), "cis.pdf");
    fs.writeFileSync(file, body);
    const info = execFileSync("pdfinfo", [file]).toString();
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThan(1);
    const first = execFileSync("pdftotext", ["-f", "1", "-l", "1", file, "-"]).toString();
    expect(first).toContain("CIS AWS Foundations");
    expect(first).toContain("o-acme7demo1");
    expect(first).toMatch(/page 1 of \d+/);
    expect(await lastExport()).toMatchObject({ actor_email: "erin@acme.example", target_type: "report.cis", target_id: "org", ip: "203.0.113.7", details: expect.objectContaining({ format: "pdf" }) });

    const csv = (await exportCisReport({ user: erin, scope: "org", format: "csv", origin })).body as string;
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("row,control,title,status,status_label,reason,account_id,account_name,resource,resource_key,finding,severity,accepted_reason,accepted_by,accepted_until");
    expect(lines).toContainEqual(expect.stringMatching(/^control,1\.3,.*,fail,FAIL,/));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^resource,1\\.3,.*,fail,FAIL,failing resource,${id("acme-management")},acme-management,`)));
    expect((await lastExport()).details.format).toBe("csv");

    const json = JSON.parse((await exportCisReport({ user: erin, scope: id("acme-dev"), format: "json", origin })).body as string);
    expect(json.controls.find((c: { controlId: string }) => c.controlId === "1.7").status).toBe("fail");
    expect(await lastExport()).toMatchObject({ target_id: id("acme-dev"), details: expect.objectContaining({ format: "json" }) });
  });

  it("exports key-age, unused-access and external-trust reports as CSV and XLSX, audited", async () => {
    const keys = await exportTabularReport({ user: victor, report: "key-age", format: "xlsx", origin });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(keys.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell("E1").value).toBe("access_key_id");
    const keyIds = sheet.getColumn(5).values.slice(2);
    expect(keyIds).toContain("AKIAXHO2NK6JYYWTLHQF");
    expect(keys.rows).toBe((await q("SELECT count(*)::int AS n FROM snapshot_record WHERE kind = 'iam.access-key' AND valid_to IS NULL"))[0].n);
    expect(await lastExport()).toMatchObject({ actor_email: "victor@acme.example", target_type: "report.key-age", details: expect.objectContaining({ format: "xlsx", rows: keys.rows }) });

    const unused = (await exportTabularReport({ user: victor, report: "unused-access", format: "csv" })).body as string;
    expect(unused).toMatch(/\r\n863903425167,acme-dev,password-unused,intern-tom,/);
    const trusts = (await exportTabularReport({ user: victor, report: "external-trusts", format: "csv" })).body as string;
    expect(trusts).toContain("partner-analytics-access");
    expect(trusts).toContain("arn:aws:iam::999988887777:root");
    const targets = (await q("SELECT target_type FROM audit_event WHERE action = 'export.download' AND actor_email = 'victor@acme.example'")).map((r) => r.target_type);
    expect(targets).toEqual(expect.arrayContaining(["report.key-age", "report.unused-access", "report.external-trusts"]));
  });

  it("renders a campaign's evidence report with its counts and every decision", async () => {
    const { campaignId, items } = await createCampaign({
      pool: h.db.pool, user: ada,
      input: { name: "Evidence report campaign", scope: { accountIds: [id("acme-dev")] }, reviewers: { mapping: {}, fallback: "ada@acme.example" }, dueAt: new Date(Date.now() + 7 * 86_400_000) },
    });
    const [first] = await q("SELECT id FROM review_item WHERE campaign_id = $1 ORDER BY id LIMIT 1", [campaignId]);
    await recordDecision({ pool: h.db.pool, user: ada, campaignId, target: { itemIds: [first.id] }, decision: "revoke", comment: "no longer needed" });
    const csv = (await exportCampaignReport({ user: erin, campaignId, format: "csv", origin })).body as string;
    const rows = csv.trim().split("\r\n");
    expect(rows.length).toBe(items + 1);
    expect(rows.find((r) => r.startsWith(`${first.id},`))).toMatch(/,revoke,ada@acme\.example,.*,no longer needed,/);
    const pdf = await exportCampaignReport({ user: erin, campaignId, format: "pdf", origin });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "campaign-")), "campaign.pdf");
    fs.writeFileSync(file, pdf.body);
    const text = execFileSync("pdftotext", ["-f", "1", "-l", "1", file, "-"]).toString();
    expect(text).toContain("Evidence report campaign");
    expect(text).toContain(`Items: ${items}`);
    expect(text).toContain(`kept 0, revoked 1, changed 0, open ${items - 1}`);
    expect(await lastExport()).toMatchObject({ target_type: "report.campaign", target_id: String(campaignId), details: expect.objectContaining({ format: "pdf", rows: items }) });
  });
});

describe("audit trail", () => {
  it("filters newest first, exports CSV and audits the export itself", async () => {
    const query = ZAuditListQuery.parse({ action: "export.download", actor: "victor" });
    const page = await listAuditEvents({ user: erin, query });
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.rows.every((r) => r.action === "export.download" && r.actorEmail === "victor@acme.example")).toBe(true);
    expect(page.rows.map((r) => r.id)).toEqual([...page.rows.map((r) => r.id)].sort((a, b) => b - a));
    const future = await listAuditEvents({ user: erin, query: ZAuditListQuery.parse({ from: "2999-01-01" }) });
    expect(future.total).toBe(0);
    const { csv, rows } = await exportAuditEvents({ user: erin, query: { action: "export.download", actor: "victor" }, origin });
    expect(rows).toBe(page.total);
    expect(csv.split("\r\n")[0]).toBe("id,at,actor_id,actor_email,actor_roles,action,target_type,target_id,details,ip,user_agent,prev_hash,hash");
    expect(await lastExport()).toMatchObject({ actor_email: "erin@acme.example", target_type: "audit-log", details: expect.objectContaining({ rows }) });
    await expect(listAuditEvents({ user: victor, query })).rejects.toThrow(/audit.read/);
  });

  it("cannot be changed or deleted, even with direct SQL", async () => {
    const [event] = await q("SELECT id FROM audit_event ORDER BY id LIMIT 1");
    await expect(q("UPDATE audit_event SET actor_email = 'someone@else' WHERE id = $1", [event.id])).rejects.toThrow();
    await expect(q("DELETE FROM audit_event WHERE id = $1", [event.id])).rejects.toThrow();
    expect((await q("SELECT actor_email FROM audit_event WHERE id = $1", [event.id]))[0].actor_email).not.toBe("someone@else");
  });
});
