import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "../test/collect-harness";
import { enqueue, startBoss } from "./boss";
import { JOBS } from "./definitions";
import { handleCollectAccount } from "./collect-account";
import { handleCollectOrganization } from "./collect-organization";
import { handleAnalyzeSnapshot } from "./analyze-snapshot";

let h: THarness;
const bosses: PgBoss[] = [];
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => {
  for (const boss of bosses) await boss.stop({ graceful: false, wait: true }).catch(() => {});
  await h?.stop();
});

async function waitForRun(after: number) {
  for (let i = 0; i < 600; i++) {
    const { rows } = await h.db.pool.query("SELECT id, status, summary FROM collection_run WHERE id > $1 ORDER BY id DESC LIMIT 1", [after]);
    if (rows[0] && rows[0].status !== "running") return rows[0];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("run did not finish");
}

describe("pg-boss collection jobs", () => {
  it("a sweep fans out one job per account across two workers and closes the run like the CLI does", async () => {
    const cli = await h.collect();
    const env = h.env();
    // Two "machines": separate pg-boss instances sharing the queue.
    for (let w = 0; w < 2; w++) {
      const boss = await startBoss({ url: h.db.url });
      bosses.push(boss);
      await boss.work(JOBS.collectOrganization.name, { pollingIntervalSeconds: 0.5 }, async ([job]: PgBoss.Job<unknown>[]) => handleCollectOrganization({ boss, pool: h.db.pool, env, data: job.data }));
      for (let i = 0; i < 2; i++) {
        await boss.work(JOBS.collectAccount.name, { pollingIntervalSeconds: 0.5 }, async ([job]: PgBoss.Job<unknown>[]) => handleCollectAccount({ boss, pool: h.db.pool, env, data: job.data }));
      }
      await boss.work(JOBS.analyzeSnapshot.name, { pollingIntervalSeconds: 0.5 }, async ([job]: PgBoss.Job<unknown>[]) => handleAnalyzeSnapshot({ pool: h.db.pool, data: job.data }));
    }
    await enqueue(bosses[0], "collectOrganization", { trigger: "test-queue" });
    const run = await waitForRun(cli.summary.runId);
    expect(run.status).toBe(cli.summary.status);
    expect(run.summary.accounts).toEqual(cli.summary.accounts);
    expect(run.summary.counts).toEqual(cli.summary.counts);
    // pg-boss marks the last account job completed just after its handler closed the run.
    const expected = cli.summary.accounts.succeeded + cli.summary.accounts.failed + cli.summary.accounts.partial;
    let completed = 0;
    for (let i = 0; i < 50 && completed < expected; i++) {
      const { rows } = await h.db.pool.query("SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'", [JOBS.collectAccount.name]);
      completed = rows[0].n;
      if (completed < expected) await new Promise((r) => setTimeout(r, 100));
    }
    expect(completed).toBe(expected);
    // The run that closed enqueued its analysis.
    for (let i = 0; i < 300; i++) {
      const { rows: done } = await h.db.pool.query("SELECT status FROM analysis_run WHERE collection_run_id = $1", [run.id]);
      if (done[0]?.status === "succeeded") return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no analysis of run ${run.id}`);
  });

  it("rejects a malformed job payload with the field named", async () => {
    await expect(enqueue(bosses[0], "collectAccount", { runId: 1, accountId: "12" })).rejects.toThrow(/accountId/);
  });
});
