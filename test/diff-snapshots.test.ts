import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orgFromObject } from "../sim/load-org";
import { startSimulator } from "../sim/server";
import { simulatorEnv } from "../lib/demo/simulator-env";
import { analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import { diffSnapshots, type TSnapshotDiff } from "../lib/analysis/diff-snapshots";
import { readRecords } from "../lib/snapshot/read-records";
import { startHarness, type THarness } from "./collect-harness";

// Both organizations resolve their relative dates against the same instant, so the only
// differences between the two snapshots are the ones made here.
const NOW = new Date("2026-11-01T00:00:00Z");
const demoFile = path.resolve(import.meta.dirname, "..", "sim", "orgs", "demo.yaml");
type TRaw = { accounts: Array<{ name: string; users?: Array<Record<string, any>>; roles?: Array<Record<string, any>> }> };

let h: THarness;
let diff: TSnapshotDiff;
let firstRun: number;
let secondRun: number;

beforeAll(async () => {
  const raw: TRaw = YAML.parse(fs.readFileSync(demoFile, "utf8"));
  h = await startHarness({ org: orgFromObject(structuredClone(raw), { now: NOW }) });
  firstRun = (await h.collect()).summary.runId;
  await analyzeSnapshot({ pool: h.db.pool, collectionRunId: firstRun, asOf: NOW });

  const dev = raw.accounts.find((a) => a.name === "acme-dev")!;
  dev.users = dev.users!.filter((u) => u.name !== "intern-tom");
  dev.users.find((u) => u.name === "dev-sara")!.managedPolicies.push("AdministratorAccess");
  const prod = raw.accounts.find((a) => a.name === "acme-prod")!;
  prod.roles!.push({ name: "new-vendor-access", ageDays: 1, trust: { aws: "111122223333" }, managedPolicies: ["ReadOnlyAccess"] });
  // Resources: the build-cache snapshot becomes public, the public bucket loses its policy,
  // and a new ECR repository is shared with an account outside the organization.
  const devResources = (dev as Record<string, any>).resources;
  devResources.ebsSnapshots.find((s: Record<string, unknown>) => s.name === "dev-build-cache").sharedWith = ["all"];
  devResources.repositories = [{ name: "partner-images", region: "us-east-1", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "ecr:BatchGetImage" }] } }];
  const shared = raw.accounts.find((a) => a.name === "acme-shared-services") as Record<string, any>;
  delete shared.resources.buckets.find((b: Record<string, unknown>) => b.name === "acme-public-downloads").policy;
  const changed = await startSimulator({ org: orgFromObject(raw, { now: NOW }), port: 0 });
  Object.assign(process.env, simulatorEnv({ url: changed.url, hub: changed.hub, auditRoleName: h.org.auditRoleName, orgReaderRoleArn: h.org.orgReaderRoleArn }));
  try {
    secondRun = (await h.collect()).summary.runId;
  } finally {
    await changed.stop();
  }
  await analyzeSnapshot({ pool: h.db.pool, collectionRunId: secondRun, asOf: NOW });
  diff = await diffSnapshots({ pool: h.db.pool, fromRun: firstRun, toRun: secondRun });
});
afterAll(async () => { await h?.stop(); });

describe("history and the diff between two snapshots", () => {
  it("lists the removed user and the added role, and nothing else", () => {
    expect(diff.principalsRemoved.map((p) => p.name)).toEqual(["intern-tom"]);
    expect(diff.principalsAdded.map((p) => p.name)).toEqual(["new-vendor-access"]);
  });

  it("reports the new admin-equivalent and the widened grants", () => {
    expect(diff.newAdminEquivalents.map((p) => p.name)).toEqual(["dev-sara"]);
    const sara = diff.permissionsWidened.find((p) => p.name === "dev-sara")!;
    // The Developers group already grants PowerUserAccess: the new grants are what it excludes.
    expect(sara.added).toEqual(expect.arrayContaining(["iam:Permissions management", "iam:Tagging", "organizations:Write", "account:Write"]));
    expect(diff.permissionsNarrowed).toEqual([]);
  });

  it("reports the new external trust", () => {
    expect(diff.newExternalTrusts).toEqual([expect.objectContaining({ partyKind: "external-account", party: "arn:aws:iam::111122223333:root" })]);
    expect(diff.removedExternalTrusts).toEqual([]);
  });

  it("lists resources newly public, newly shared outside the organization and no longer public", () => {
    expect(diff.resources.newlyPublic.map((r) => [r.name, r.before, r.after])).toEqual([["dev-build-cache", "account", "public"]]);
    expect(diff.resources.newlyShared.map((r) => [r.name, r.before, r.after, r.externalAccounts])).toEqual([["partner-images", null, "outside-organization", ["111122223333"]]]);
    expect(diff.resources.noLongerPublic.map((r) => [r.name, r.after])).toEqual([["acme-public-downloads", "account"]]);
  });

  it("still reads the first snapshot back as it was", async () => {
    const dev = h.org.accounts.find((a) => a.name === "acme-dev")!;
    const before = await readRecords({ pool: h.db.pool, runId: firstRun, scope: dev.id, kinds: ["iam.user"] });
    const after = await readRecords({ pool: h.db.pool, runId: secondRun, scope: dev.id, kinds: ["iam.user"] });
    expect(before.map((u) => u.name)).toContain("intern-tom");
    expect(after.map((u) => u.name)).not.toContain("intern-tom");
    expect(before.length - after.length).toBe(1);
  });

  it("resolves the removed user's findings and names a missing analysis", async () => {
    const { rows } = await h.db.pool.query("SELECT DISTINCT status FROM finding WHERE resource_name = 'intern-tom'");
    expect(rows.map((r) => r.status)).toEqual(["resolved"]);
    await expect(diffSnapshots({ pool: h.db.pool, fromRun: firstRun, toRun: 999 })).rejects.toThrow(/run 999 has no successful analysis/);
  });
});
