// Data resources of the demo organization collected from the simulator through the real SDK
// clients: per account and region, with policies and sharing attributes, a region closed by
// an SCP recorded unavailable, one denied call keeping the rest, unchanged re-collection
// writing nothing, and per-service endpoint overrides honoured.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRecords } from "../lib/snapshot/read-records";
import { loadOrgModel } from "../lib/analysis/load-org-model";
import { RESOURCE_KIND_PREFIX } from "../lib/resources/resource-records";
import type { TResource } from "../lib/resources/resource-model";
import { reachableAccounts, startHarness, type THarness } from "./collect-harness";

const PROD = "645781203945";
const DEV = "863903425167";
const SHARED = "536470192834";
const STAGING = "754892314056";

let h: THarness;
let first: Awaited<ReturnType<THarness["collect"]>>;
let model: Awaited<ReturnType<typeof loadOrgModel>>;

beforeAll(async () => {
  h = await startHarness();
  first = await h.collect();
  model = await loadOrgModel({ pool: h.db.pool, runId: first.summary.runId });
});
afterAll(async () => { await h?.stop(); });

const find = (m: typeof model, accountId: string, name: string): TResource => {
  const r = m.resources.find((x) => x.accountId === accountId && x.name === name);
  if (!r) throw new Error(`no resource ${name} in ${accountId}`);
  return r;
};
const resourceRows = async () => (await h.db.pool.query("SELECT count(*)::int AS n FROM snapshot_record WHERE kind LIKE 'resource.%'")).rows[0].n as number;

describe("collecting the demo organization's data resources", () => {
  it("stores every resource of every reachable account in its region, except where an SCP closes the region", async () => {
    for (const account of reachableAccounts(h.org)) {
      const sim = account.resources!;
      const closed = account.id === DEV ? ["us-west-2"] : [];
      const expected = [
        ...sim.buckets.map((b) => b.arn), ...sim.kmsKeys.map((k) => k.arn), ...sim.queues.map((q) => q.arn), ...sim.topics.map((t) => t.arn),
        ...sim.secrets.map((s) => s.arn), ...sim.functions.map((f) => f.arn), ...sim.layers.flatMap((l) => l.versions.map((v) => v.arn)),
        ...sim.repositories.map((r) => r.arn), ...sim.tables.flatMap((t) => [t.arn, ...(t.stream ? [t.stream.arn] : [])]), ...sim.fileSystems.map((f) => f.arn),
        ...sim.ebsSnapshots.map((s) => s.arn), ...sim.dbSnapshots.map((s) => s.arn), ...sim.clusterSnapshots.map((s) => s.arn),
      ].filter((arn) => !closed.some((region) => arn.includes(`:${region}:`)));
      const collected = model.resources.filter((r) => r.accountId === account.id);
      expect(collected.map((r) => r.arn).sort(), account.name).toEqual(expected.sort());
      for (const r of collected) expect(r.unavailable ?? {}, r.arn).toEqual({});
    }
    expect(first.results.filter((r) => r.status === "partial")).toEqual([]);
    const byType: Record<string, number> = {};
    for (const r of model.resources) byType[r.type] = (byType[r.type] ?? 0) + 1;
    expect(first.summary.resources).toEqual(byType);
    expect(first.summary.resources["s3-bucket"]).toBe(5);
  });

  it("keeps each planted case's policy and attributes", () => {
    const publicBucket = find(model, SHARED, "acme-public-downloads");
    expect(publicBucket).toMatchObject({ type: "s3-bucket", region: "us-east-1", tags: { team: "platform" } });
    expect((publicBucket.policy as any).Statement[0]).toMatchObject({ Principal: "*", Action: "s3:GetObject" });
    expect(publicBucket.s3).toEqual({ blockPublicAccess: null, objectOwnership: "BucketOwnerEnforced", aclGrants: [expect.objectContaining({ granteeType: "CanonicalUser", permission: "FULL_CONTROL" })], policyStatusIsPublic: true });
    const blocked = find(model, PROD, "acme-prod-website-assets");
    expect(blocked.s3!.policyStatusIsPublic).toBe(true);
    expect(model.accountResourceSettings.find((s) => s.accountId === PROD)!.s3BlockPublicAccess).toEqual({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true });
    expect(model.accountResourceSettings.find((s) => s.accountId === SHARED)!.s3BlockPublicAccess).toBeNull();
    expect(find(model, PROD, "acme-prod-orders-data")).toMatchObject({ region: "eu-west-1", s3: { blockPublicAccess: { blockPublicPolicy: true, restrictPublicBuckets: true }, policyStatusIsPublic: null } });

    const key = find(model, PROD, "alias/prod-data-key");
    expect((key.policy as any).Statement[1].Principal).toEqual({ AWS: "arn:aws:iam::999988887777:root" });
    expect(key.kms).toMatchObject({ keyManager: "CUSTOMER", keyState: "Enabled", grants: [expect.objectContaining({ granteePrincipal: `arn:aws:iam::${PROD}:role/orders-api`, operations: ["Decrypt", "GenerateDataKey"] })] });
    expect(find(model, "318274659012", "alias/security-tooling").policy).toMatchObject({ Statement: [{ Principal: { AWS: "arn:aws:iam::318274659012:root" }, Action: "kms:*" }] });

    expect((find(model, PROD, "order-events").policy as any).Statement[0].Condition).toEqual({ ArnEquals: { "aws:SourceArn": `arn:aws:sns:us-east-1:${PROD}:order-topic` } });
    expect((find(model, PROD, "order-topic").policy as any).Statement[0].Condition).toEqual({ StringEquals: { "AWS:SourceOwner": PROD } });
    expect((find(model, PROD, "prod/payments/api-key").policy as any).Statement[0].Principal).toEqual({ AWS: `arn:aws:iam::${STAGING}:root` });
    expect(find(model, PROD, "prod/orders/db-password").policy).toBeNull();
    expect((find(model, STAGING, "webhook-handler").policy as any).Statement[0]).toMatchObject({ Principal: "*", Action: "lambda:InvokeFunction" });
    expect(find(model, STAGING, "nightly-report")).toMatchObject({ region: "eu-west-1", policy: null });
    expect((find(model, SHARED, "base-images").policy as any).Statement[0].Condition).toEqual({ StringEquals: { "aws:PrincipalOrgID": "o-acme7demo1" } });
    expect(find(model, SHARED, "acme-observability:1")).toMatchObject({ type: "lambda-layer", policy: null });
    expect(find(model, DEV, "dev-db-volume-backup")).toMatchObject({ type: "ebs-snapshot", sharedWith: { public: true, accountIds: [] } });
    expect(find(model, DEV, "dev-build-cache").sharedWith).toEqual({ public: false, accountIds: [] });
    expect(find(model, PROD, "orders-db-final")).toMatchObject({ type: "rds-db-snapshot", sharedWith: { public: false, accountIds: ["999988887777"] } });
    expect(find(model, "427365091823", "log-index-2024")).toMatchObject({ type: "rds-cluster-snapshot", sharedWith: { public: false, accountIds: [] } });
    expect(model.resources.filter((r) => r.accountId === PROD && r.type.startsWith("dynamodb")).map((r) => r.type).sort()).toEqual(["dynamodb-stream", "dynamodb-table"]);
  });

  it("records each (account, region): collected, the opt-in region not enabled, the region an SCP closes unavailable", () => {
    const status = (accountId: string, region: string) => model.regionStatus.find((s) => s.accountId === accountId && s.region === region);
    for (const account of reachableAccounts(h.org)) {
      expect(status(account.id, "af-south-1")).toMatchObject({ status: "unavailable", reason: expect.stringContaining("not enabled") });
      expect(status(account.id, "us-east-1")).toMatchObject({ status: "collected", reason: null });
    }
    expect(status(DEV, "us-west-2")).toMatchObject({ status: "unavailable", reason: expect.stringContaining("service control policy") });
    expect(status(PROD, "us-west-2")).toMatchObject({ status: "collected" });
    // The closed region is not a failure of the account.
    expect(first.results.find((r) => r.accountId === DEV)!.status).toBe("succeeded");
  });

  it("re-collecting the unchanged organization rewrites no resource, region or policy", async () => {
    const before = await resourceRows();
    const policies = (await h.db.pool.query("SELECT count(*)::int AS n FROM policy_document")).rows[0].n;
    const again = await h.collect();
    const { rows: changed } = await h.db.pool.query("SELECT kind, key, data FROM snapshot_record WHERE kind LIKE 'resource.%' AND valid_from = $1", [again.summary.runId]);
    expect(changed).toEqual([]);
    expect(await resourceRows()).toBe(before);
    expect((await h.db.pool.query("SELECT count(*)::int AS n FROM policy_document")).rows[0].n).toBe(policies);
  });

  it("5xx errors and throttling on the data services are retried to the same resources, nothing rewritten", async () => {
    const before = await resourceRows();
    h.sim.setFaults({ errorRate5xx: 0.1, seed: 3, throttle: { perAccount: { rate: 60, burst: 5 } } });
    try {
      const run = await h.collect({ accounts: [PROD, SHARED] });
      expect(run.results.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
      expect(run.results.reduce((n, r) => n + r.stats.retries, 0)).toBeGreaterThan(0);
    } finally {
      h.sim.setFaults({});
    }
    expect(await resourceRows()).toBe(before);
  });

  it("a denied GetKeyPolicy makes only that field unavailable: the key and everything else stay", async () => {
    h.sim.setFaults({ accessDenied: { apis: [{ account: PROD, action: "GetKeyPolicy" }] } });
    try {
      const run = await h.collect({ accounts: [PROD] });
      const prod = run.results.find((r) => r.accountId === PROD)!;
      expect(prod.status).toBe("partial");
      expect(prod.unavailable).toEqual([expect.objectContaining({ kind: "resource.kms-key", code: "AccessDeniedException" })]);
      const now = await loadOrgModel({ pool: h.db.pool, runId: run.summary.runId });
      const key = find(now, PROD, "alias/prod-data-key");
      expect(key.policy).toBeNull();
      expect(key.unavailable?.policy).toMatch(/AccessDeniedException/);
      expect(key.kms!.grants).toHaveLength(1);
      expect(now.resources.filter((r) => r.accountId === PROD).length).toBe(model.resources.filter((r) => r.accountId === PROD).length);
      // The earlier run still reads back with the policy.
      const earlier = await readRecords({ pool: h.db.pool, runId: first.summary.runId, scope: PROD, kinds: ["resource.kms-key"] });
      expect(earlier[0].data.policyHash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      h.sim.setFaults({});
    }
  });

  it("honours a per-service endpoint override (AWS_ENDPOINT_URL_KMS): only KMS is unreachable", async () => {
    process.env.AWS_ENDPOINT_URL_KMS = "http://127.0.0.1:9";
    try {
      const run = await h.collect({ accounts: [PROD], env: { COLLECT_MAX_ATTEMPTS: "1" } });
      const prod = run.results.find((r) => r.accountId === PROD)!;
      expect(new Set(prod.unavailable.map((u) => u.kind))).toEqual(new Set(["resource.kms-key"]));
      const now = await loadOrgModel({ pool: h.db.pool, runId: run.summary.runId });
      // The keys of the regions KMS could not be listed in stay as last collected.
      expect(find(now, PROD, "alias/prod-data-key").kms!.grants).toHaveLength(1);
      expect(find(now, PROD, "order-events").policy).not.toBeNull();
    } finally {
      delete process.env.AWS_ENDPOINT_URL_KMS;
    }
  });

  it("falls back to ec2:DescribeRegions when account:ListRegions is denied, with the same regions", async () => {
    h.sim.setFaults({ accessDenied: { apis: [{ account: STAGING, action: "ListRegions" }] } });
    try {
      const run = await h.collect({ accounts: [STAGING] });
      expect(run.results[0].status).toBe("succeeded");
      expect(h.sim.stats().callsByOperation["ec2:DescribeRegions"]).toBeGreaterThan(0);
      const rows = await readRecords({ pool: h.db.pool, runId: run.summary.runId, scope: STAGING, kinds: ["resource.region"] });
      expect(rows.map((r) => [r.key, r.data.status])).toEqual([["af-south-1", "unavailable"], ["eu-west-1", "collected"], ["us-east-1", "collected"], ["us-west-2", "collected"]]);
    } finally {
      h.sim.setFaults({});
    }
  });

  it("COLLECT_REGIONS narrows the regions; a listed region the account lacks is recorded, not fatal", async () => {
    const run = await h.collect({ accounts: [STAGING], env: { COLLECT_REGIONS: "us-east-1,ap-south-1" } });
    expect(run.results[0].status).toBe("succeeded");
    const rows = await readRecords({ pool: h.db.pool, scope: STAGING, kinds: ["resource.region"] });
    const byRegion = Object.fromEntries(rows.map((r) => [r.key, r.data]));
    expect(byRegion["us-east-1"].status).toBe("collected");
    expect(byRegion["eu-west-1"]).toEqual({ status: "unavailable", reason: "not in COLLECT_REGIONS" });
    expect(byRegion["ap-south-1"].reason).toContain("not offered to the account");
    const current = (await readRecords({ pool: h.db.pool, scope: STAGING })).filter((r) => r.kind.startsWith(RESOURCE_KIND_PREFIX) && r.kind !== "resource.region" && r.kind !== "resource.account-settings");
    expect(current.map((r) => r.name).sort()).toEqual(["staging-shared", "webhook-handler"]);
  });
});
