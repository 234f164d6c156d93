import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orgFromObject } from "../sim/load-org";
import { analyzeSnapshot } from "../lib/analysis/analyze-snapshot";
import type { TSessionUser } from "../lib/auth/permissions";
import { getResourceAccessGraph } from "../lib/console/get-resource-access-graph";
import { startHarness, type THarness } from "./collect-harness";

// The explorer started from a resource, on the demo's KMS key that an outside account may
// use (sim/orgs/demo.yaml, "PartnerDecrypt"): the outside party, the owner's principals
// (the key policy delegates to the account's IAM policies), each edge with its evidence.
const NOW = new Date("2026-11-01T00:00:00Z");
const OUTSIDE = "999988887777";
const demoFile = path.resolve(import.meta.dirname, "..", "sim", "orgs", "demo.yaml");
const victor: TSessionUser = { id: "sub-victor", email: "victor@acme.example", name: "Victor", roles: ["viewer"] };

let h: THarness;
let keyArn: string;

beforeAll(async () => {
  h = await startHarness({ org: orgFromObject(YAML.parse(fs.readFileSync(demoFile, "utf8")), { now: NOW }) });
  const runId = (await h.collect()).summary.runId;
  const { analysisId } = await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId, asOf: NOW });
  keyArn = (await h.db.pool.query("SELECT arn FROM resource_exposure WHERE name = 'alias/prod-data-key' AND valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)", [analysisId])).rows[0].arn;
}, 240_000);
afterAll(async () => { await h?.stop(); });

describe("access graph from a resource", () => {
  it("shows the outside party the key policy names and the org principals, each edge with its granting statement and path", async () => {
    const graph = await getResourceAccessGraph({ user: victor, arn: keyArn, level: "Read" });
    expect(graph.resource).toMatchObject({ arn: keyArn, name: "alias/prod-data-key", exposure: "outside-organization" });
    const partyId = `party:arn:aws:iam::${OUTSIDE}:root`;
    expect(graph.nodes.find((n) => n.id === partyId)).toMatchObject({ kind: "external-account" });
    const partyEdge = graph.edges.find((e) => e.source === partyId)!;
    expect(partyEdge).toMatchObject({ target: graph.resource.nodeId, kind: "external" });
    expect(partyEdge.evidence.summary).toContain("through the resource policy, which names it, without any condition");
    expect(JSON.parse(partyEdge.evidence.parts[0].text)).toMatchObject({ Sid: "PartnerDecrypt", Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` } });

    const intoKey = graph.edges.filter((e) => e.target === graph.resource.nodeId && e.source !== partyId);
    expect(intoKey.length).toBeGreaterThan(0);
    for (const edge of intoKey) {
      expect(graph.nodes.some((n) => n.id === edge.source)).toBe(true);
      expect(edge.evidence.parts.find((p) => p.heading === "Paths through it")?.text).toBeTruthy();
    }
    // Every edge's ends are nodes of the graph; role assumptions carry the trust statement.
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const edge of graph.edges) expect(ids.has(edge.source) && ids.has(edge.target), edge.id).toBe(true);
    const assume = graph.edges.find((e) => e.label.startsWith("assume"));
    if (assume) expect(assume.evidence.parts[0].heading).toMatch(/^Trust statement of /);
    expect(graph.paths).toBeGreaterThanOrEqual(intoKey.length + 1);
  });

  it("names the problem for an unknown resource or a malformed ARN, and refuses a user without inventory.read", async () => {
    await expect(getResourceAccessGraph({ user: victor, arn: "arn:aws:kms:us-east-1:645781203945:key/nope" })).rejects.toThrow("no resource arn:aws:kms:us-east-1:645781203945:key/nope in the latest analysis");
    await expect(getResourceAccessGraph({ user: victor, arn: "not-an-arn-at-all" })).rejects.toThrow("resource: a resource ARN starts with arn:<partition>:<service>:");
    await expect(getResourceAccessGraph({ user: { ...victor, roles: [] }, arn: keyArn })).rejects.toThrow(/inventory.read/);
  });
});
