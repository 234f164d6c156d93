import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeSnapshot } from "../analysis/analyze-snapshot";
import type { TSessionUser } from "../auth/permissions";
import { startHarness, type THarness } from "../../test/collect-harness";
import { storePrincipalListCounts } from "../analysis/store/store-principal-list-counts";
import { listPrincipals } from "./list-principals";
import { parsePrincipalListQuery } from "./principal-list-query";

// The harness points DATABASE_URL (and so getDb()) at this file's own database.
let h: THarness;
let analysisId: number;
const viewer: TSessionUser = { id: "test-viewer", email: "viewer@example.test", name: "Viewer", roles: ["viewer"] };
const list = (raw: Record<string, string> = {}) => listPrincipals({ user: viewer, query: parsePrincipalListQuery(raw) });
const prod = () => h.org.accounts.find((a) => a.name === "acme-prod")!;
/** Principals of the analysis matching an account/admin filter, counted in SQL (IAM groups have no admin flag and are left out by it). */
const countLive = async (filter: { account: string; admin: "yes" | "no" }) => (await h.db.pool.query(
  "SELECT count(*)::int AS n FROM principal_access WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) AND account_id = $2 AND admin_equivalent = $3",
  [analysisId, filter.account, filter.admin === "yes"])).rows[0].n as number;

beforeAll(async () => {
  h = await startHarness();
  const runId = (await h.collect()).summary.runId;
  analysisId = (await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId })).analysisId;
});
afterAll(async () => { await h?.stop(); });

describe("listPrincipals over the demo organization", () => {
  it("counts every analysed principal plus every IAM group, and pages them", async () => {
    const [{ n: analysed }] = (await h.db.pool.query("SELECT count(*)::int AS n FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1))", [analysisId])).rows;
    const groups = h.org.accounts.filter((a) => a.auditRole && a.status === "ACTIVE").reduce((sum, a) => sum + a.iam.groups.length, 0);
    const first = await list({ pageSize: "25" });
    expect(first.analysisId).toBe(analysisId);
    expect(first.total).toBe(analysed + groups);
    expect(first.rows).toHaveLength(25);
    const last = await list({ pageSize: "25", page: String(Math.ceil(first.total / 25)) });
    expect(last.rows).toHaveLength(first.total - 25 * (Math.ceil(first.total / 25) - 1));
    const all = [...first.rows];
    for (let page = 2; page <= Math.ceil(first.total / 25); page++) all.push(...(await list({ pageSize: "25", page: String(page) })).rows);
    expect(new Set(all.map((r) => r.key)).size).toBe(first.total);
  });

  it("finds partner-analytics-access by a part of its name, with its account and findings", async () => {
    const result = await list({ q: "PARTNER" });
    expect(result.total).toBe(1);
    const [row] = result.rows;
    expect(row).toMatchObject({ name: "partner-analytics-access", kind: "iam-role", accountId: prod().id, accountName: "acme-prod", adminEquivalent: false, keyCount: 0 });
    expect(row.key).toBe(`${prod().id}/${prod().iam.roles.find((r) => r.name === "partner-analytics-access")!.id}`);
    expect(row.openFindings).toBeGreaterThanOrEqual(2);
  });

  it("searches ARNs and Identity Center emails, taking LIKE wildcards literally", async () => {
    expect((await list({ q: `${prod().id}:user/deploy` })).rows.map((r) => r.name)).toEqual(["deploy-bot"]);
    const sso = await list({ q: "alice@acme" });
    expect(sso.rows.map((r) => [r.name, r.kind])).toEqual([["alice.admin", "sso-user"]]);
    expect((await list({ q: "%" })).total).toBe(0);
  });

  it("filters by kind, account, admin, keys and findings", async () => {
    const users = await list({ kind: "iam-user", pageSize: "200" });
    expect(users.rows.every((r) => r.kind === "iam-user")).toBe(true);
    expect(users.total).toBe(h.org.accounts.filter((a) => a.auditRole && a.status === "ACTIVE").reduce((sum, a) => sum + a.iam.users.length, 0));
    const groups = await list({ kind: "iam-group" });
    expect(groups.rows.map((r) => r.name).sort()).toEqual(["Developers", "Operators", "SecurityAnalysts"]);
    const inProd = await list({ account: prod().id, pageSize: "200" });
    expect(inProd.rows.every((r) => r.accountId === prod().id)).toBe(true);
    const admins = await list({ admin: "yes", pageSize: "200" });
    expect(admins.rows.every((r) => r.adminEquivalent === true)).toBe(true);
    expect(admins.rows.map((r) => r.name)).toContain("app-server-role");
    const keyed = await list({ keys: "yes", pageSize: "200" });
    expect(keyed.rows.every((r) => r.keyCount > 0)).toBe(true);
    expect(keyed.rows.find((r) => r.name === "deploy-bot")?.keyCount).toBe(2);
    const external = await list({ finding: "trust-external-account", pageSize: "200" });
    expect(external.rows.map((r) => r.name)).toContain("partner-analytics-access");
    expect(external.rows.every((r) => r.openFindings > 0)).toBe(true);
    // A key's finding counts for its user: deploy-bot's 95-day-old key is not rotated.
    expect((await list({ finding: "access-key-not-rotated", pageSize: "200" })).rows.map((r) => r.name)).toContain("deploy-bot");
  });

  it("sorts by name and by services, both directions", async () => {
    const asc = (await list({ kind: "iam-role", pageSize: "200" })).rows.map((r) => r.name);
    const desc = (await list({ kind: "iam-role", pageSize: "200", dir: "desc" })).rows.map((r) => r.name);
    expect(desc).toEqual([...asc].reverse());
    expect(asc).toEqual([...asc].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const byServices = (await list({ sort: "services", dir: "desc", kind: "iam-role", pageSize: "200" })).rows.map((r) => r.grantedServices ?? 0);
    expect(byServices).toEqual([...byServices].sort((a, b) => b - a));
    expect(byServices[0]).toBeGreaterThan(byServices[byServices.length - 1]);
  });

  it("gives the same totals from the counts stored with the analysis as by counting, and reads them once stored", async () => {
    const filters: Array<Record<string, string>> = [
      {}, { kind: "iam-role" }, { kind: "iam-user", admin: "yes" }, { kind: "iam-group" }, { kind: "sso-user" }, { admin: "no" },
      { account: prod().id }, { account: prod().id, kind: "iam-group" }, { account: prod().id, admin: "yes" },
    ];
    await h.db.pool.query("DELETE FROM principal_list_count WHERE analysis_id = $1", [analysisId]);
    const counted = await Promise.all(filters.map(async (raw) => (await list(raw)).total));
    expect(counted[0]).toBeGreaterThan(0);
    expect(await storePrincipalListCounts({ pool: h.db.pool, analysisId })).toBeGreaterThan(0);
    expect(await Promise.all(filters.map(async (raw) => (await list(raw)).total))).toEqual(counted);
    // Stored again: replaced, not added to.
    await storePrincipalListCounts({ pool: h.db.pool, analysisId });
    expect(await Promise.all(filters.map(async (raw) => (await list(raw)).total))).toEqual(counted);
    // The total comes from the stored rows (partner-analytics-access is a non-admin role of acme-prod): change one and the list follows it.
    const changed = await h.db.pool.query("UPDATE principal_list_count SET principals = principals + 1000 WHERE analysis_id = $1 AND kind = 'iam-role' AND account_id = $2 AND NOT admin_equivalent", [analysisId, prod().id]);
    expect(changed.rowCount).toBe(1);
    expect((await list({ account: prod().id, admin: "no" })).total).toBe((await countLive({ account: prod().id, admin: "no" })) + 1000);
    expect((await list({ q: "partner" })).total).toBe(1);
    await storePrincipalListCounts({ pool: h.db.pool, analysisId });
  });

  it("refuses a caller without a role", async () => {
    await expect(listPrincipals({ user: { ...viewer, roles: [] }, query: parsePrincipalListQuery({}) })).rejects.toThrow(/inventory.read/);
  });
});
