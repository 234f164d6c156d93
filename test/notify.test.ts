import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import PgBoss from "pg-boss";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoss } from "../jobs/boss";
import { NOTIFY_JOBS, registerNotifyJobs } from "../jobs/notify-jobs";
import { analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import { recordAuditEvent } from "../lib/audit/record-audit-event";
import type { TSessionUser } from "../lib/auth/permissions";
import { getDb } from "../lib/db/client";
import { loadNotifyEnv } from "../lib/notify/notify-env";
import { verifyWebhook } from "../lib/notify/sign-webhook";
import { createCampaign } from "../lib/reviews/create-campaign";
import { startHarness, type THarness } from "./collect-harness";

const ada: TSessionUser = { id: "sub-ada", email: "ada@acme.example", name: "Ada", roles: ["admin"] };
const SECRET = "whsec-test-0123456789abcdef";
type TMail = { envelopeTo: string[]; secure: boolean; user: string | undefined; mail: ParsedMail };
type THook = { path: string; headers: http.IncomingHttpHeaders; body: string };

let h: THarness;
let boss: PgBoss;
let smtp: SMTPServer;
let receiver: http.Server;
const mails: TMail[] = [];
const hooks: THook[] = [];
const q = async (sql: string, params: unknown[] = []) => (await h.db.pool.query(sql, params)).rows;
const id = (name: string) => h.org.accounts.find((a) => a.name === name)!.id;
const mailsTo = (address: string) => mails.filter((m) => m.envelopeTo.includes(address));

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const settled = () => until("every notification to settle", async () => (await q("SELECT count(*)::int AS n FROM notification WHERE status = 'queued'"))[0].n === 0 && (await q("SELECT count(*)::int AS n FROM notification"))[0].n > 0);

function startSmtp(): Promise<number> {
  // A real SMTP server in-process: STARTTLS with smtp-server's bundled self-signed certificate, and login.
  smtp = new SMTPServer({
    authMethods: ["PLAIN", "LOGIN"],
    onAuth(auth, _session, callback) {
      if (auth.username === "atlas" && auth.password === "mail-pass") return callback(null, { user: auth.username });
      callback(new Error("bad credentials"));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), secure: session.secure, user: session.user as string | undefined, mail });
        callback();
      }, callback);
    },
    logger: false,
  });
  return new Promise((resolve) => smtp.listen(0, "127.0.0.1", () => resolve((smtp.server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  h = await startHarness();
  const runId = (await h.collect()).summary.runId;
  await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId });
  // Admins and auditors the notifier knows of: those who signed in.
  await recordAuditEvent({ db: h.db.pool, event: { actor: { id: "sub-erin", email: "erin@acme.example", roles: ["auditor"] }, action: "auth.sign-in" } });
  await recordAuditEvent({ db: h.db.pool, event: { actor: { id: "sub-victor", email: "victor@acme.example", roles: ["viewer"] }, action: "auth.sign-in" } });
  const reviewers = { mapping: { [id("acme-prod")]: "alex.chen@acme.example", [id("acme-dev")]: "jane.doe@acme.example" }, fallback: "ada@acme.example" };
  const soon = await createCampaign({ pool: h.db.pool, user: ada, input: { name: "Due soon", scope: { accountIds: [id("acme-prod"), id("acme-dev")] }, reviewers, dueAt: new Date(Date.now() + 2 * 86_400_000) } });
  const late = await createCampaign({ pool: h.db.pool, user: ada, input: { name: "Late one", scope: { accountIds: [id("acme-dev")] }, reviewers, dueAt: new Date(Date.now() + 20 * 86_400_000) } });
  await q("UPDATE review_campaign SET due_at = now() - interval '1 day' WHERE id = $1", [late.campaignId]);
  expect(soon.items).toBeGreaterThan(0);

  const smtpPort = await startSmtp();
  receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      hooks.push({ path: request.url ?? "", headers: request.headers, body });
      response.writeHead(request.url === "/broken" ? 500 : 200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const hookBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const env = loadNotifyEnv({
    SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtpPort), SMTP_REQUIRE_TLS: "true", SMTP_TLS_REJECT_UNAUTHORIZED: "false",
    SMTP_USER: "atlas", SMTP_PASSWORD: "mail-pass", SMTP_FROM: "Access Atlas <atlas@acme.example>",
    NOTIFY_SECURITY_EMAILS: "secops@acme.example", NOTIFY_CIS_REPORT_TO: "ciso@acme.example,grc@acme.example",
    NOTIFY_SLACK_WEBHOOK_URL: `${hookBase}/services/T000/B000/XXXXSECRET`, NOTIFY_WEBHOOK_URL: `${hookBase}/hook`, NOTIFY_WEBHOOK_SECRET: SECRET,
    NOTIFY_RETRY_LIMIT: "1", NOTIFY_RETRY_DELAY_SECONDS: "1", NEXTAUTH_URL: "https://atlas.acme.example",
  });
  boss = await startBoss({ url: h.db.url });
  await registerNotifyJobs({ boss, pool: h.db.pool, env });
  await boss.send(NOTIFY_JOBS.planNotifications.name, { cis: true });
  await settled();
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true }).catch(() => {});
  await new Promise((r) => smtp?.close(() => r(undefined)));
  receiver?.close();
  await getDb().close();
  await h?.stop();
});

describe("mail over SMTP", () => {
  it("tells each reviewer of the items assigned to them, over STARTTLS with login", async () => {
    const items = await q("SELECT c.name, i.reviewer_email AS reviewer, count(*)::int AS n FROM review_item i JOIN review_campaign c ON c.id = i.campaign_id GROUP BY 1, 2");
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const { name, reviewer, n } of items) {
      const assigned = mailsTo(reviewer).filter((m) => m.mail.subject?.startsWith(`Access review "${name}": ${n} item(s) for you`));
      expect(assigned, `${reviewer} / ${name}`).toHaveLength(1);
      expect(assigned[0].mail.text).toContain("https://atlas.acme.example/reviews/");
      expect(assigned[0].mail.from?.value).toEqual([{ name: "Access Atlas", address: "atlas@acme.example" }]);
      expect(assigned[0]).toMatchObject({ secure: true, user: "atlas" });
    }
  });

  it("reminds before the due date and sends an overdue notice after it, to reviewers with undecided items", () => {
    expect(mailsTo("jane.doe@acme.example").map((m) => m.mail.subject).filter((s) => !s?.startsWith("Access review")).sort()).toEqual([
      expect.stringMatching(/^Overdue: \d+ access item\(s\) in "Late one" were due/),
      expect.stringMatching(/^Reminder: \d+ access item\(s\) in "Due soon" due/),
    ]);
    expect(mailsTo("alex.chen@acme.example").some((m) => m.mail.subject?.startsWith("Overdue"))).toBe(false);
  });

  it("tells admins and auditors (not viewers) of the analysis's new critical findings", async () => {
    const critical = await q("SELECT title, resource_name FROM finding WHERE status = 'open' AND severity = 'critical'");
    expect(critical.length).toBeGreaterThan(0);
    const [mail] = mails.filter((m) => m.mail.subject?.includes("new critical finding"));
    expect(mail.envelopeTo.sort()).toEqual(["erin@acme.example", "secops@acme.example"]);
    expect(mail.mail.subject).toMatch(new RegExp(`^${critical.length} new critical finding\\(s\\) in collection run \\d+$`));
    for (const f of critical.slice(0, 20)) expect(mail.mail.text).toContain(`${f.title}: ${f.resource_name}`);
  });

  it("mails the CIS report as a PDF to its list", () => {
    const [mail] = mails.filter((m) => m.mail.subject?.startsWith("CIS AWS Foundations v5 IAM report"));
    expect(mail.envelopeTo).toEqual(["ciso@acme.example", "grc@acme.example"]);
    expect(mail.mail.attachments).toHaveLength(1);
    expect(mail.mail.attachments[0].contentType).toBe("application/pdf");
    expect(mail.mail.attachments[0].content.subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("webhooks", () => {
  it("post new critical and high findings to Slack as text and to the JSON webhook signed with HMAC-SHA256", async () => {
    const [counts] = await q("SELECT count(*) FILTER (WHERE severity = 'critical')::int AS critical, count(*) FILTER (WHERE severity = 'high')::int AS high FROM finding WHERE status = 'open'");
    const slack = hooks.filter((x) => x.path === "/services/T000/B000/XXXXSECRET").map((x) => JSON.parse(x.body));
    expect(slack.find((b) => b.text.includes("new finding"))!.text).toContain(`${counts.critical} critical and ${counts.high} high new finding(s)`);
    const signed = hooks.filter((x) => x.path === "/hook");
    for (const hook of signed) {
      expect(verifyWebhook({ secret: SECRET, timestamp: hook.headers["x-atlas-timestamp"] as string, signature: hook.headers["x-atlas-signature"] as string, body: hook.body })).toBe(true);
      expect(verifyWebhook({ secret: "another-secret-0000", timestamp: hook.headers["x-atlas-timestamp"] as string, signature: hook.headers["x-atlas-signature"] as string, body: hook.body })).toBe(false);
      expect(verifyWebhook({ secret: SECRET, timestamp: hook.headers["x-atlas-timestamp"] as string, signature: hook.headers["x-atlas-signature"] as string, body: hook.body.replace("}", ',"x":1}') })).toBe(false);
    }
    const bodies = signed.map((x) => JSON.parse(x.body));
    expect(bodies.find((b) => b.event === "findings.new")).toMatchObject({ counts, url: "https://atlas.acme.example/findings" });
    expect(bodies.filter((b) => b.event === "campaign.created").map((b) => b.name).sort()).toEqual(["Due soon", "Late one"]);
    expect(bodies.find((b) => b.event === "campaign.overdue")).toMatchObject({ name: "Late one" });
  });
});

describe("the notification log", () => {
  it("records what was sent, to whom and when, in the table and the audit trail, and a rescan sends nothing twice", async () => {
    const rows = await q("SELECT id, status, recipients, sent_at FROM notification ORDER BY id");
    expect(rows.every((r) => r.status === "sent" && r.sent_at instanceof Date)).toBe(true);
    expect(rows.length).toBe(mails.length + hooks.length);
    const audited = await q("SELECT target_id, details FROM audit_event WHERE action = 'notification.sent'");
    expect(audited.map((a) => Number(a.target_id)).sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
    // The Slack URL is a secret: neither the log nor the audit trail holds it.
    expect(JSON.stringify(rows) + JSON.stringify(audited)).not.toContain("XXXXSECRET");
    await boss.send(NOTIFY_JOBS.planNotifications.name, { cis: true });
    await new Promise((r) => setTimeout(r, 4_000));
    expect((await q("SELECT count(*)::int AS n FROM notification"))[0].n).toBe(rows.length);
  });

  it("a campaign that starts mails its reviewers at once through the job queue, and the periodic run afterwards sends no duplicate", async () => {
    // No periodic planning during this test: the mail can only come from the campaign's start.
    await boss.unschedule(NOTIFY_JOBS.planNotifications.name);
    const subject = (m: TMail) => m.mail.subject?.startsWith('Access review "Started now":');
    const started = Date.now();
    const { campaignId, items } = await createCampaign({ pool: h.db.pool, user: ada, input: {
      name: "Started now", scope: { accountIds: [id("acme-prod")] }, reviewers: { mapping: { [id("acme-prod")]: "alex.chen@acme.example" }, fallback: "ada@acme.example" },
      dueAt: new Date(Date.now() + 30 * 86_400_000),
    } });
    const reviewers = await q("SELECT reviewer_email AS reviewer, count(*)::int AS n FROM review_item WHERE campaign_id = $1 GROUP BY 1", [campaignId]);
    expect(reviewers.reduce((sum, r) => sum + r.n, 0)).toBe(items);
    for (const { reviewer, n } of reviewers) {
      const [mail] = await until(`the assignment mail to ${reviewer}`, async () => mailsTo(reviewer).filter(subject).length > 0 && mailsTo(reviewer).filter(subject), 30_000);
      expect(mail.mail.subject).toContain(`${n} item(s) for you`);
    }
    expect(Date.now() - started).toBeLessThan(30_000);
    // The periodic run (the cron's payload) finds the same campaign again and sends nothing twice.
    const periodic = (await boss.send(NOTIFY_JOBS.planNotifications.name, { cis: false }))!;
    await until("the periodic planning run", async () => (await boss.getJobById(NOTIFY_JOBS.planNotifications.name, periodic))?.state === "completed");
    await new Promise((r) => setTimeout(r, 3_000));
    for (const { reviewer } of reviewers) expect(mailsTo(reviewer).filter(subject), reviewer).toHaveLength(1);
    const keys = await q("SELECT dedupe_key, status FROM notification WHERE dedupe_key LIKE $1 ORDER BY 1", [`campaign.assigned:${campaignId}:%`]);
    expect(keys).toEqual(reviewers.map((r) => ({ dedupe_key: `campaign.assigned:${campaignId}:${r.reviewer}`, status: "sent" })).sort((a, b) => a.dedupe_key.localeCompare(b.dedupe_key)));
    await boss.schedule(NOTIFY_JOBS.planNotifications.name, NOTIFY_JOBS.planNotifications.cron, { cis: false });
  });

  it("a dead mail server fails the mail after its retries, audited, and holds up nothing else", async () => {
    await new Promise((r) => smtp.close(() => r(undefined)));
    const before = mails.length;
    await createCampaign({ pool: h.db.pool, user: ada, input: { name: "While mail is down", scope: { accountIds: [id("acme-dev")] }, reviewers: { mapping: {}, fallback: "ada@acme.example" }, dueAt: new Date(Date.now() + 30 * 86_400_000) } });
    await boss.send(NOTIFY_JOBS.planNotifications.name, {});
    const failed = await until("the mail to fail", async () => (await q("SELECT * FROM notification WHERE status = 'failed'"))[0], 90_000);
    expect(failed).toMatchObject({ event: "campaign.assigned", recipients: ["ada@acme.example"], attempts: 2, error: expect.stringMatching(/ECONNREFUSED/) });
    expect((await q("SELECT details FROM audit_event WHERE action = 'notification.failed' AND target_id = $1", [String(failed.id)]))[0].details).toMatchObject({ attempts: 2, error: expect.stringMatching(/ECONNREFUSED/) });
    // The webhook for the same campaign went out regardless, and an analysis runs as usual.
    await until("the campaign's webhook", async () => (await q("SELECT status FROM notification WHERE dedupe_key LIKE 'campaign.created:%:webhook' ORDER BY id DESC LIMIT 1"))[0].status === "sent");
    expect(hooks.filter((x) => x.path === "/hook" && x.body.includes('"While mail is down"'))).toHaveLength(1);
    const runId = (await h.collect()).summary.runId;
    const analysis = await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId });
    expect(analysis.analysisId).toBeGreaterThan(0);
    expect(mails.length).toBe(before);
  });
});
