import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/test-database";
import { analyzeSnapshot } from "./analyze-snapshot";
import { compareAnalyses, openFindings } from "./compare-analyses";
import { GENERATED_VENDORS, generateOrgModel } from "./generate-org-model";
import { mutateOrgModel } from "./mutate-org-model";
import { writeOrgSnapshot } from "./write-org-snapshot";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => { await db?.drop(); });

describe("compareAnalyses", () => {
  it("finds two analyses of the same run identical and an analysis of a changed run different, naming what differs", async () => {
    const model = generateOrgModel({ principals: 600, accounts: 16, seed: 4, resources: 150 });
    const config = { knownVendors: GENERATED_VENDORS };
    const asOf = new Date(model.asOf);
    const run1 = (await writeOrgSnapshot({ pool: db.pool, model })).runId;
    const first = await analyzeSnapshot({ pool: db.pool, collectionRunId: run1, config, asOf });
    const afterFirst = await openFindings(db.pool);
    const again = await analyzeSnapshot({ pool: db.pool, collectionRunId: run1, config, asOf });
    const afterAgain = await openFindings(db.pool);
    const same = await compareAnalyses({ pool: db.pool, a: first.analysisId, b: again.analysisId, openFindings: [afterFirst, afterAgain] });
    expect(same.report.join("\n")).toContain(`principal_access   identical (${first.principals} rows)`);
    expect(same).toMatchObject({ identical: true, differentTables: [] });
    expect(afterFirst.size).toBeGreaterThan(0);

    mutateOrgModel({ model, fraction: 0.25, seed: 2 });
    const run2 = (await writeOrgSnapshot({ pool: db.pool, model })).runId;
    const changed = await analyzeSnapshot({ pool: db.pool, collectionRunId: run2, config, asOf });
    const afterChanged = await openFindings(db.pool);
    const different = await compareAnalyses({ pool: db.pool, a: again.analysisId, b: changed.analysisId, openFindings: [afterAgain, afterChanged] });
    expect(different.identical).toBe(false);
    // Principals were added and removed and policies edited: access rows and findings differ.
    expect(different.differentTables).toEqual(expect.arrayContaining(["principal_access", "finding"]));
    expect(different.report.join("\n")).toMatch(/principal_access +DIFFERENT: \d+ row contents only \(or more often\) in \d+, \d+ only in \d+\n +first in \d+: \{/);
  }, 120_000);
});
