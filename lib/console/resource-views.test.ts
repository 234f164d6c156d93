import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/test-database";
import { loadActionCatalogue } from "../policy";
import { computePrincipalAccess } from "../analysis/access/compute-principal-access";
import { computeReachability } from "../analysis/access/compute-reachability";
import { createPrincipalEvaluator } from "../analysis/access/create-principal-evaluator";
import { PROD, SEC, VENDOR } from "../analysis/access/small-org.fixture";
import { analyzeResources } from "../analysis/resources/analyze-resources";
import { buildSmallOrgWithResources, RESOURCE_ARNS } from "../analysis/resources/small-org-resources.fixture";
import { DEFAULT_ANALYSIS_CONFIG } from "../analysis/results";
import { storeAnalysisResults } from "../analysis/store/store-analysis-results";
import { storeResourceResults } from "../analysis/store/store-resource-results";
import { findResourceReach } from "./find-resource-reach";
import { getResourceDetailAt } from "./get-resource-detail";
import { listResourcesAt } from "./list-resources";
import { parseResourceListQuery } from "./resource-list-query";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let analysisId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const model = buildSmallOrgWithResources();
  const catalogue = await loadActionCatalogue();
  const evaluator = createPrincipalEvaluator({ model, catalogue });
  const access = computePrincipalAccess({ model, catalogue, evaluator });
  const reach = computeReachability({ model, catalogue, evaluator });
  const resources = analyzeResources({ model, catalogue, access, config: { ...DEFAULT_ANALYSIS_CONFIG, knownVendors: { [VENDOR]: "Acme Backup" } } });
  await db.pool.query("INSERT INTO collection_run (id, status, trigger, mode, host, pid) VALUES (1, 'succeeded', 'test', 'jump', 'h', 1)");
  ({ rows: [{ id: analysisId }] } = await db.pool.query("INSERT INTO analysis_run (collection_run_id, status) VALUES (1, 'succeeded') RETURNING id"));
  await storeAnalysisResults({ pool: db.pool, analysisId, model, access, reach, externalTrusts: [] });
  await storeResourceResults({ pool: db.pool, analysisId, resources });
});
afterAll(async () => { await db?.drop(); });

describe("resource list", () => {
  it("filters by exposure and type in SQL and pages with a total", async () => {
    const publicOnes = await listResourcesAt({ pool: db.pool, analysisId, query: parseResourceListQuery({ exposure: "public", sort: "name" }) });
    expect(publicOnes.rows.map((row) => row.name)).toEqual(["prod-public-assets", "snap-0public", "webhook"]);
    expect(publicOnes.total).toBe(3);
    const keys = await listResourcesAt({ pool: db.pool, analysisId, query: parseResourceListQuery({ type: "kms-key", pageSize: "25" }) });
    expect(keys.rows.map((row) => [row.name, row.exposure])).toEqual([["backup-key", "outside-organization"], ["locked-key", "account"]]);
    const paged = await listResourcesAt({ pool: db.pool, analysisId, query: parseResourceListQuery({ pageSize: "25", page: "2" }) });
    expect([paged.total, paged.rows.length]).toEqual([10, 0]);
  });

  it("searches names and ARNs, and ignores a hand-edited bad filter instead of failing", async () => {
    const found = await listResourcesAt({ pool: db.pool, analysisId, query: parseResourceListQuery({ q: "orders", exposure: "bogus" }) });
    expect(found.rows.map((row) => row.name).sort()).toEqual(["orders", "orders-nightly"]);
  });
});

describe("resource detail", () => {
  it("shows a bucket blocked by account-level BPA as not public, with the neutralised grant", async () => {
    const detail = await getResourceDetailAt({ pool: db.pool, analysisId, arn: RESOURCE_ARNS.blockedBucket, level: "Read", limit: 50 });
    expect(detail).toMatchObject({ exposure: "account", policyPublic: true });
    expect(detail.grants).toEqual([expect.objectContaining({ principal: "*", blockedBy: "RestrictPublicBuckets" })]);
    expect(detail.segments.some((segment) => segment.highlight)).toBe(false);
  });

  it("highlights the statement that shares the key with the vendor and lists the vendor as an outside party", async () => {
    const detail = await getResourceDetailAt({ pool: db.pool, analysisId, arn: RESOURCE_ARNS.vendorKey, level: "Write", limit: 50 });
    const highlighted = detail.segments.filter((segment) => segment.highlight).map((segment) => segment.text);
    expect(highlighted).toHaveLength(2);
    expect(highlighted[1]).toContain("VendorDecrypt");
    const vendor = detail.reach.rows.find((row) => row.route === "named-party")!;
    expect(vendor).toMatchObject({ principalName: `arn:aws:iam::${VENDOR}:root (Acme Backup)`, reach: "outside-organization" });
    // PROD's admins hold kms Write through identity policies, which the key policy enables.
    expect(detail.reach.rows.some((row) => row.route === "identity-policy" && row.accountId === PROD)).toBe(true);
  });

  it("refuses the identity path for a key whose policy does not delegate, but follows the role it names", async () => {
    const reach = (await findResourceReach({ pool: db.pool, analysisId, arn: RESOURCE_ARNS.noDelegationKey, level: "Write", limit: 50 }))!;
    expect(reach.identityBlocked).toContain("does not delegate");
    expect(reach.rows.every((row) => row.route === "resource-policy")).toBe(true);
    const names = reach.rows.map((row) => row.path!.name);
    expect(names).toContain("Deployer");
    // CiRunner (SEC) reaches Deployer by role assumption: the chain counts.
    expect(names).toContain("CiRunner");
  });

  it("lets a principal of another org account in only where its own identity policies allow", async () => {
    const reach = (await findResourceReach({ pool: db.pool, analysisId, arn: RESOURCE_ARNS.secret, level: "Read", limit: 50 }))!;
    // The secret names SEC's CiRunner, whose policies grant no secretsmanager access.
    expect(reach.rows.filter((row) => row.route === "resource-policy")).toEqual([]);
    expect(reach.rows.filter((row) => row.path?.accountId === SEC && row.route === "identity-policy")).toEqual([]);
  });

  it("answers 404 for an unknown ARN", async () => {
    await expect(getResourceDetailAt({ pool: db.pool, analysisId, arn: "arn:aws:s3:::nope", level: "Read", limit: 5 })).rejects.toMatchObject({ code: "not-found" });
  });
});
