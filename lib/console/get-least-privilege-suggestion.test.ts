import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeSnapshot } from "../analysis/analyze-snapshot";
import type { TSessionUser } from "../auth/permissions";
import { startHarness, type THarness } from "../../test/collect-harness";
import { getLeastPrivilegeSuggestion } from "./get-least-privilege-suggestion";

// The harness points DATABASE_URL (and so getDb()) at this file's own database.
let h: THarness;
const viewer: TSessionUser = { id: "test-viewer", email: "viewer@example.test", name: "Viewer", roles: ["viewer"] };
const keyOf = async (name: string, account: string) =>
  (await h.db.pool.query("SELECT principal_key FROM principal_access WHERE name = $1 AND account_id = $2", [name, h.org.accounts.find((a) => a.name === account)!.id])).rows[0].principal_key as string;

beforeAll(async () => {
  h = await startHarness();
  const runId = (await h.collect()).summary.runId;
  await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId });
});
afterAll(async () => { await h?.stop(); });

describe("a least-privilege suggestion from the snapshot", () => {
  it("keeps the actions app-server-role used and drops the administrator access it never used", async () => {
    const suggestion = await getLeastPrivilegeSuggestion({ user: viewer, principalKey: await keyOf("app-server-role", "acme-prod") });
    const actions = suggestion.document!.Statement.flatMap((s) => s.Action);
    expect(actions).toContain("s3:ListAllMyBuckets");
    expect(suggestion.keptServices.map((k) => k.service).sort()).toEqual(["dynamodb", "s3"]);
    expect(suggestion.keptServices.find((k) => k.service === "s3")!.basis).toBe("action-level");
    expect(suggestion.droppedServices.find((d) => d.service === "ec2")).toMatchObject({ reason: "never-used" });
    expect(suggestion.droppedServices.length).toBeGreaterThan(100);
    expect(suggestion.windowDays).toBe(90);
  });

  it("names the problem for a principal it cannot suggest for", async () => {
    await expect(getLeastPrivilegeSuggestion({ user: viewer, principalKey: "sso/some-user" })).rejects.toThrow("IAM users and roles");
    await expect(getLeastPrivilegeSuggestion({ user: viewer, principalKey: "645781203945/AROANOSUCHROLE" })).rejects.toThrow("is not in the snapshot");
    await expect(getLeastPrivilegeSuggestion({ user: { ...viewer, roles: [] }, principalKey: "645781203945/AROANOSUCHROLE" })).rejects.toThrow("evidence.read");
  });
});
