// npm run demo [-- --no-console] [--port 3000] [--dev] [--build]
// The whole product on the embedded defaults: Postgres (embedded), the AWS-compatible
// simulator serving the demo organization, one collection through the real AWS SDK and its
// analysis, a local OpenID Connect provider with one demo user per role, then the console
// on http://localhost:3000. Ctrl-C stops everything.
// --dev serves the console with `next dev`; --build rebuilds it even when a build exists;
// --ready-json prints one line `READY {...}` with every URL once the console answers
// (the browser tests start the demo this way, on free ports and a data folder of their own).
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { spawn, spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { ensureDatabase } from "../lib/db/ensure-database";
import { runScript } from "../lib/cli/exit-status";
import { createDb } from "../lib/db/client";
import { loadEnv } from "../lib/config/env";
import { runCollection } from "../lib/collect/run-collection";
import { analysisConfigFromEnv, analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import { simulatorEnv } from "../lib/demo/simulator-env";
import { startDemoOidcProvider } from "../lib/demo/oidc-provider";
import { DEMO_ROLE_MAP } from "../lib/demo/demo-users";
import { startWorkers } from "../jobs/start-workers";
import { requestNotificationPlanning } from "../jobs/notify-jobs";
import { startSimulator } from "../sim/server";
import { loadOrg } from "../sim/load-org";

const ROOT = path.resolve(import.meta.dirname, "..");

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      "no-console": { type: "boolean", default: false },
      dev: { type: "boolean", default: false },
      build: { type: "boolean", default: false },
      "ready-json": { type: "boolean", default: false },
      port: { type: "string", default: "3000" },
      "sim-port": { type: "string", default: "4566" },
      "oidc-port": { type: "string", default: "4567" },
      "inbox-port": { type: "string", default: "4568" },
    },
  });
  const database = await ensureDatabase();
  process.stderr.write(`database: ${database.embedded ? `embedded Postgres under ${process.env.DATA_DIR ?? ".data"}/postgres` : "DATABASE_URL"}\n`);
  // Relative dates resolve against the start of today, so restarting the demo the same day
  // re-collects an unchanged organization (and history shows no spurious changes).
  const org = loadOrg("demo", { now: new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) });
  const sim = await startSimulator({ org, port: Number(values["sim-port"]) });
  process.stderr.write(`simulator: ${sim.url} (demo organization ${org.id}, ${org.accounts.length} accounts)\n`);
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, simulatorEnv({ url: sim.url, hub: sim.hub, auditRoleName: org.auditRoleName, orgReaderRoleArn: org.orgReaderRoleArn }));
  // The demo organization's planted vendor trusts: Datadog is known (listed at lower severity), CloudCheckr is not.
  process.env.KNOWN_VENDORS ||= "464622532012=Datadog";
  const env = loadEnv();
  const db = createDb({ url: database.url });
  const { summary, results } = await runCollection({ pool: db.pool, env, trigger: "demo" });
  for (const r of results.filter((x) => x.status !== "succeeded")) process.stderr.write(`  ${r.accountId} ${r.status}: ${r.errorCode ?? ""} ${r.error ?? ""}\n`);
  process.stderr.write(`${JSON.stringify(summary)}\n`);
  // The demo organization plants a failing and a skipped account, so partial is its normal outcome.
  if (summary.status === "failed") throw new Error(`collection run ${summary.runId} failed: no account could be read (${JSON.stringify(summary.accounts)})`);
  const analysis = await analyzeSnapshot({ pool: db.pool, collectionRunId: summary.runId, config: analysisConfigFromEnv(env) });
  process.stderr.write(`analysis: ${analysis.findings} findings, ${analysis.adminEquivalent} admin-equivalent principals, ${analysis.externalTrusts} external trusts\n`);
  if (values["no-console"]) {
    await db.close();
    await sim.stop();
    await database.stop();
    return;
  }
  // Notifications go to a local mail catcher; its inbox page shows what was sent.
  const { startMailCatcher } = await import("../lib/demo/mail-catcher");
  const mail = await startMailCatcher({ smtpPort: 0, inboxPort: Number(values["inbox-port"]) });
  Object.assign(process.env, { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(mail.smtpPort), SMTP_FROM: "Access Atlas demo <atlas@acme.example>", NOTIFY_SECURITY_EMAILS: process.env.NOTIFY_SECURITY_EMAILS || "secops@acme.example", NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${values.port}` });
  process.stderr.write(`mail catcher: inbox at ${mail.inboxUrl} (SMTP on 127.0.0.1:${mail.smtpPort})\n`);
  // Runs started from the console (and recurring review campaigns) are worked here, against the same simulator.
  const workers = await startWorkers({ pool: db.pool, env, url: database.url });
  // The collection above ran before the workers: plan its notifications now, not at the next tick.
  await requestNotificationPlanning({ boss: workers.boss });

  const port = Number(values.port);
  const consoleUrl = `http://localhost:${port}`;
  const oidc = await startDemoOidcProvider({ port: Number(values["oidc-port"]), consoleUrl });
  process.stderr.write(`identity provider: ${oidc.issuer} (demo users, password atlas-demo)\n`);
  const consoleEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NEXTAUTH_URL: consoleUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || randomBytes(32).toString("base64"),
    OIDC_ISSUER: oidc.issuer,
    OIDC_CLIENT_ID: oidc.clientId,
    OIDC_CLIENT_SECRET: oidc.clientSecret,
    OIDC_PROVIDER_NAME: "Acme demo IdP",
    ROLE_MAP: process.env.ROLE_MAP || DEMO_ROLE_MAP,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  if (!values.dev && (values.build || !fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")))) {
    process.stderr.write("building the console…\n");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: consoleEnv });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const consoleProcess = spawn(process.execPath, [nextBin, values.dev ? "dev" : "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT, stdio: ["ignore", values["ready-json"] ? "ignore" : "inherit", "inherit"], env: consoleEnv,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    consoleProcess.kill("SIGTERM");
    await workers.stop();
    await mail.stop();
    await db.close();
    await oidc.stop();
    await sim.stop();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  consoleProcess.on("exit", (code) => {
    process.stderr.write(`console exited (${code})\n`);
    void stop();
  });
  await waitForHttp(`http://127.0.0.1:${port}/signin`, 180_000);
  process.stderr.write(`console: ${consoleUrl} (Ctrl-C to stop)\n`);
  if (values["ready-json"]) {
    process.stdout.write(`READY ${JSON.stringify({ consoleUrl, databaseUrl: database.url, simulatorUrl: sim.url, oidcIssuer: oidc.issuer, runId: summary.runId, inboxUrl: mail.inboxUrl })}\n`);
  }
}

runScript("demo", main);
