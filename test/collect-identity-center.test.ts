import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRecords } from "../lib/snapshot/read-records";
import { startHarness, type THarness } from "./collect-harness";

let h: THarness;
let accountsFile: string;
const named = (name: string) => h.org.accounts.find((a) => a.name === name)!;

beforeAll(async () => {
  h = await startHarness();
  accountsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "atlas-")), "accounts.yaml");
  const list = ["acme-prod", "acme-staging", "acme-shared-services", "acme-dev"].map((n) => `  - { id: "${named(n).id}", name: ${n}, tags: { owner: team-${n} } }`);
  fs.writeFileSync(accountsFile, `accounts:\n${list.join("\n")}\n`);
});
afterAll(async () => { await h?.stop(); });

describe("Identity Center mode with a static account list", () => {
  it("collects each account with the user's permission-set role credentials from the SSO portal", async () => {
    // alice.admin holds AdministratorAccess in prod, staging and shared-services through
    // Platform-Admins, and nothing in dev: dev fails alone with the portal's refusal.
    const { summary } = await h.collect({ env: {
      COLLECT_MODE: "identity-center", SSO_ACCESS_TOKEN: "demo-sso-token-alice", IDENTITY_CENTER_ROLE_NAME: "AdministratorAccess",
      ACCOUNTS_FILE: accountsFile, ORG_READER_ROLE_ARN: "",
    } });
    expect(summary.accounts).toMatchObject({ succeeded: 3, failed: 1 });
    const { rows } = await h.db.pool.query("SELECT account_id, status, error_code FROM account_run WHERE run_id = $1", [summary.runId]);
    expect(rows.find((r) => r.account_id === named("acme-dev").id)).toMatchObject({ status: "failed", error_code: "ForbiddenException" });
    const users = await readRecords({ pool: h.db.pool, scope: named("acme-prod").id, kinds: ["iam.user"] });
    expect(users.length).toBe(named("acme-prod").iam.users.length);
    const accounts = await readRecords({ pool: h.db.pool, scope: "org", kinds: ["org.account"] });
    expect(accounts.map((a) => [a.name, a.data.tags.owner]).sort()).toEqual([
      ["acme-dev", "team-acme-dev"], ["acme-prod", "team-acme-prod"], ["acme-shared-services", "team-acme-shared-services"], ["acme-staging", "team-acme-staging"],
    ]);
  });

  it("names the problem in a bad accounts file and stores nothing", async () => {
    const bad = path.join(path.dirname(accountsFile), "bad.yaml");
    fs.writeFileSync(bad, "accounts:\n  - { id: '12345', name: x }\n");
    const before = (await h.db.pool.query("SELECT count(*)::int AS n FROM snapshot_record")).rows[0].n;
    await expect(h.collect({ env: { ACCOUNTS_FILE: bad } })).rejects.toThrow(/ACCOUNTS_FILE .*bad.yaml: accounts.0.id: account id must be 12 digits/);
    expect((await h.db.pool.query("SELECT count(*)::int AS n FROM snapshot_record")).rows[0].n).toBe(before);
  });
});
