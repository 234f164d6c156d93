import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRecords } from "../lib/snapshot/read-records";
import { startRun } from "../lib/collect/start-run";
import { reachableAccounts, startHarness, type THarness } from "./collect-harness";

let h: THarness;
let baseline: Awaited<ReturnType<THarness["collect"]>>;

beforeAll(async () => {
  h = await startHarness();
  baseline = await h.collect();
});
afterAll(async () => { await h?.stop(); });

const accountRuns = async (runId: number) =>
  (await h.db.pool.query("SELECT account_id, status, error_code, error, unavailable, throttles FROM account_run WHERE run_id = $1", [runId])).rows;

describe("collection under faults", () => {
  it("a throttling storm slows the run but ends with complete, identical data", async () => {
    h.sim.setFaults({ throttle: { perAccount: { rate: 40, burst: 5 }, perCaller: { rate: 150, burst: 10 } } });
    try {
      const stormy = await h.collect();
      expect(stormy.summary.accounts).toEqual(baseline.summary.accounts);
      expect(stormy.summary.counts).toEqual(baseline.summary.counts);
      const rows = await accountRuns(stormy.summary.runId);
      expect(rows.reduce((n, r) => n + r.throttles, 0)).toBeGreaterThan(0);
      expect(rows.filter((r) => r.status === "partial")).toEqual([]);
    } finally {
      h.sim.setFaults({});
    }
  });

  it("an account refusing AssumeRole fails alone: the run is partial and its earlier snapshot stays current", async () => {
    const [target, ...others] = reachableAccounts(h.org).sort((a) => (a.id === h.org.managementAccountId ? 1 : -1));
    const before = await readRecords({ pool: h.db.pool, scope: target.id });
    h.sim.setFaults({ accessDenied: { accounts: [target.id] } });
    try {
      const run = await h.collect();
      expect(run.summary.status).toBe("partial");
      const rows = await accountRuns(run.summary.runId);
      expect(rows.find((r) => r.account_id === target.id)).toMatchObject({ status: "failed", error_code: "AccessDenied" });
      for (const other of others) expect(rows.find((r) => r.account_id === other.id)?.status).toBe("succeeded");
      expect(await readRecords({ pool: h.db.pool, scope: target.id })).toEqual(before);
    } finally {
      h.sim.setFaults({});
    }
  });

  it("an API denied by an SCP makes only that data kind unavailable; the rest of the account is collected", async () => {
    const target = reachableAccounts(h.org)[1];
    h.sim.setFaults({ accessDenied: { apis: [{ account: target.id, action: "GetCredentialReport" }, { account: target.id, action: "GenerateCredentialReport" }] } });
    try {
      const run = await h.collect();
      const row = (await accountRuns(run.summary.runId)).find((r) => r.account_id === target.id);
      expect(row.status).toBe("partial");
      expect(row.unavailable.map((u: { kind: string; code: string }) => `${u.kind}:${u.code}`).sort())
        .toEqual(["iam.credential-report-meta:AccessDenied", "iam.credential-report:AccessDenied"]);
      expect(row.unavailable[0].message).toMatch(/service control policy/);
      const users = await readRecords({ pool: h.db.pool, scope: target.id, kinds: ["iam.user", "iam.credential-report"] });
      expect(users.filter((r) => r.kind === "iam.user").length).toBe(target.iam.users.length);
      // The earlier report is kept, not deleted, while the API is denied.
      expect(users.filter((r) => r.kind === "iam.credential-report").length).toBe(target.iam.users.length + 1);
    } finally {
      h.sim.setFaults({});
    }
  });

  it("an account that never answers times out alone", async () => {
    const target = reachableAccounts(h.org)[2];
    h.sim.setFaults({ blackholeAccounts: [target.id] });
    try {
      // IAM alone fits these tight budgets; data resources (their own tests) would not, on a loaded machine.
      const run = await h.collect({ env: { COLLECT_CALL_TIMEOUT_MS: "300", COLLECT_MAX_ATTEMPTS: "2", COLLECT_ACCOUNT_TIMEOUT_MS: "5000", COLLECT_RESOURCES: "false" } });
      const rows = await accountRuns(run.summary.runId);
      const row = rows.find((r) => r.account_id === target.id);
      expect(row.status).toBe("failed");
      expect(`${row.error_code} ${row.error}`).toMatch(/time/i);
      expect(rows.filter((r) => r.status === "succeeded").length).toBe(baseline.summary.accounts.succeeded - 1);
    } finally {
      h.sim.setFaults({});
    }
  });

  it("5xx errors are retried to completion", async () => {
    h.sim.setFaults({ errorRate5xx: 0.15, seed: 7 });
    try {
      const run = await h.collect();
      expect(run.summary.accounts).toEqual(baseline.summary.accounts);
      expect(run.summary.counts).toEqual(baseline.summary.counts);
      const retries = (await h.db.pool.query("SELECT sum(retries)::int AS n FROM account_run WHERE run_id = $1", [run.summary.runId])).rows[0].n;
      expect(retries).toBeGreaterThan(0);
    } finally {
      h.sim.setFaults({});
    }
  });

  it("a killed run is marked interrupted at the next start, and a new run completes", async () => {
    h.sim.setFaults({ latencyMs: 150 });
    const root = path.resolve(import.meta.dirname, "..");
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "collect.ts")], {
      cwd: root, env: { ...process.env, DATABASE_URL: h.db.url, COLLECT_CONCURRENCY: "2" }, stdio: ["ignore", "ignore", "pipe"],
    });
    let childErrors = "";
    child.stderr!.on("data", (chunk) => (childErrors += chunk));
    try {
      for (let i = 0; ; i++) {
        const { rows } = await h.db.pool.query("SELECT count(*)::int AS n FROM account_run a JOIN collection_run r ON r.id = a.run_id WHERE r.pid = $1 AND a.status = 'running'", [child.pid]);
        if (rows[0].n > 0) break;
        if (i > 300) throw new Error(`the child collection never started an account: ${childErrors}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    } finally {
      h.sim.setFaults({});
    }
    const { rows: [killed] } = await h.db.pool.query("SELECT id, status FROM collection_run WHERE pid = $1", [child.pid]);
    expect(killed.status).toBe("running");
    const next = await h.collect();
    const { rows: [marked] } = await h.db.pool.query("SELECT status, error FROM collection_run WHERE id = $1", [killed.id]);
    expect(marked.status).toBe("interrupted");
    const unfinished = await h.db.pool.query("SELECT count(*)::int AS n FROM account_run WHERE run_id = $1 AND status IN ('pending', 'running')", [killed.id]);
    expect(unfinished.rows[0].n).toBe(0);
    expect(next.summary.counts).toEqual(baseline.summary.counts);
    expect(next.summary.accounts).toEqual(baseline.summary.accounts);
  });

  it("discovery failure fails the run with the error and touches no snapshot", async () => {
    const rowsBefore = (await h.db.pool.query("SELECT count(*)::int AS n FROM snapshot_record")).rows[0].n;
    await expect(startRun({ pool: h.db.pool, env: h.env({ ORG_READER_ROLE_ARN: `arn:aws:iam::${h.org.managementAccountId}:role/DoesNotExist` }), trigger: "test" }))
      .rejects.toThrow(/account discovery failed: AccessDenied/);
    const { rows: [run] } = await h.db.pool.query("SELECT status, error FROM collection_run ORDER BY id DESC LIMIT 1");
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/DoesNotExist/);
    expect((await h.db.pool.query("SELECT count(*)::int AS n FROM snapshot_record")).rows[0].n).toBe(rowsBefore);
  });
});
