import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/test-database";
import { canonicalJson } from "../snapshot/canonical-json";
import { loadActionCatalogue, type ActionCatalogue } from "../policy";
import { computePrincipalAccess } from "./access/compute-principal-access";
import { computeReachability } from "./access/compute-reachability";
import { createPrincipalEvaluator } from "./access/create-principal-evaluator";
import { findExternalTrusts } from "./access/find-external-trusts";
import { runFindings } from "./findings/run-findings";
import { GENERATED_VENDORS, generateOrgModel } from "./generate-org-model";
import { loadOrgModel } from "./load-org-model";
import type { TOrgModel } from "./model";
import { mutateOrgModel } from "./mutate-org-model";
import { analyzeResources } from "./resources/analyze-resources";
import { DEFAULT_ANALYSIS_CONFIG } from "./results";
import { writeOrgSnapshot } from "./write-org-snapshot";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let catalogue: ActionCatalogue;
beforeAll(async () => {
  db = await createTestDatabase();
  catalogue = await loadActionCatalogue();
});
afterAll(async () => { await db?.drop(); });

const config = { ...DEFAULT_ANALYSIS_CONFIG, knownVendors: GENERATED_VENDORS };

/** The analysis as analyzeSnapshot runs it, each result reduced to sorted, comparable rows. */
function analyse(model: TOrgModel) {
  const evaluator = createPrincipalEvaluator({ model, catalogue });
  const access = computePrincipalAccess({ model, catalogue, evaluator });
  const reach = computeReachability({ model, catalogue, evaluator });
  const externalTrusts = findExternalTrusts({ model, config, evaluator });
  const resources = analyzeResources({ model, catalogue, access, config });
  const findings = runFindings({ model, access: new Map(access.map((a) => [a.principalKey, a])), reach, externalTrusts, resources, config });
  // Compared by content (canonical JSON: object keys sorted), not by key order.
  const sorted = <T>(rows: T[]) => rows.map((row) => canonicalJson(row)).sort();
  return {
    // Postgres jsonb keeps object keys in its own order, so condition keys come out of a
    // stored document in another order: the same set.
    access: sorted(access), reach: sorted(reach), externalTrusts: sorted(externalTrusts.map((t) => ({ ...t, conditionKeys: [...t.conditionKeys].sort() }))), resources: sorted(resources),
    findings: sorted(findings.map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, severity: f.severity, accountId: f.accountId, resourceKey: f.resourceKey, title: f.title }))),
    counts: { access: access.length, admin: access.filter((a) => a.adminEquivalent).length, reach: reach.length, externalTrusts: externalTrusts.length, resources: resources.length, findings: findings.length },
  };
}

function firstDifference(a: string[], b: string[]): string | undefined {
  const left = new Set(a);
  const right = new Set(b);
  const missing = a.find((row) => !right.has(row));
  const extra = b.find((row) => !left.has(row));
  return missing || extra ? `in memory only: ${missing?.slice(0, 3000)}\nloaded only: ${extra?.slice(0, 3000)}` : undefined;
}

function expectSameAnalysis(inMemory: ReturnType<typeof analyse>, loaded: ReturnType<typeof analyse>) {
  expect(loaded.counts).toEqual(inMemory.counts);
  for (const field of ["access", "reach", "externalTrusts", "resources", "findings"] as const) {
    expect(firstDifference(inMemory[field], loaded[field]), field).toBeUndefined();
  }
}

describe("writeOrgSnapshot", () => {
  it("stores a generated organization so that loading and analysing it gives the in-memory model's results", async () => {
    const model = generateOrgModel({ principals: 1_500, accounts: 24, seed: 3, resources: 400 });
    const written = await writeOrgSnapshot({ pool: db.pool, model });
    const { rows: [run] } = await db.pool.query("SELECT status, summary FROM collection_run WHERE id = $1", [written.runId]);
    expect(run.status).toBe("succeeded");
    expect(run.summary.counts.roles + run.summary.counts.users).toBe(model.principals.filter((p) => p.kind !== "sso-user").length);

    const loaded = await loadOrgModel({ pool: db.pool, runId: written.runId, asOf: new Date(model.asOf) });
    expect(loaded.principals.length).toBe(model.principals.length);
    expect(loaded.accounts.map((a) => [a.id, a.collected, a.ouNames.join("/")])).toEqual(model.accounts.map((a) => [a.id, a.collected, a.ouNames.join("/")]));
    const expected = analyse(model);
    expect(expected.counts.admin).toBeGreaterThan(0);
    expect(expected.counts.externalTrusts).toBeGreaterThan(0);
    expect(expected.counts.findings).toBeGreaterThan(0);
    expectSameAnalysis(expected, analyse(loaded));

    // Unchanged, written again as the next run: no record gets a new version.
    const again = await writeOrgSnapshot({ pool: db.pool, model });
    expect(again.stored.inserted).toBe(0);
    expect(again.stored.closed).toBe(0);

    // A tenth of the accounts changed: only their records are versioned, and the loaded
    // second run still analyses like the (mutated) in-memory model.
    const mutation = mutateOrgModel({ model, fraction: 0.1, seed: 5 });
    expect(mutation.accounts.length).toBe(2);
    expect(mutation.policiesEdited).toBeGreaterThan(0);
    expect(mutation.principalsAdded).toBeGreaterThan(0);
    expect(mutation.principalsRemoved).toBeGreaterThan(0);
    const second = await writeOrgSnapshot({ pool: db.pool, model });
    expect(second.stored.inserted).toBeGreaterThan(0);
    const { rows: scopes } = await db.pool.query("SELECT DISTINCT scope FROM snapshot_record WHERE valid_from = $1 OR valid_to = $1", [second.runId]);
    expect(scopes.map((r) => r.scope).sort()).toEqual([...mutation.accounts].sort());
    const reloaded = await loadOrgModel({ pool: db.pool, runId: second.runId, asOf: new Date(model.asOf) });
    expectSameAnalysis(analyse(model), analyse(reloaded));
    // The first run still reads as it was.
    const first = await loadOrgModel({ pool: db.pool, runId: written.runId, asOf: new Date(model.asOf) });
    expect(first.principals.length).toBe(loaded.principals.length);
  }, 120_000);

  it("is deterministic in what it changes", () => {
    const a = mutateOrgModel({ model: generateOrgModel({ principals: 800, accounts: 30, seed: 2 }), fraction: 0.2, seed: 9 });
    const b = mutateOrgModel({ model: generateOrgModel({ principals: 800, accounts: 30, seed: 2 }), fraction: 0.2, seed: 9 });
    expect(a).toEqual(b);
    expect(a.accounts.length).toBe(6);
    expect(() => mutateOrgModel({ model: generateOrgModel({ principals: 100, accounts: 8 }), fraction: 2 })).toThrow(/between 0 and 1/);
  });
});
