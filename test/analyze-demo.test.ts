import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeSnapshot, type TAnalysisSummary } from "../lib/analysis/analyze-snapshot";
import { selectReviewAccess } from "../lib/reviews/select-review-access";
import { startHarness, type THarness } from "./collect-harness";

let h: THarness;
let runId: number;
let analysis: TAnalysisSummary;

beforeAll(async () => {
  h = await startHarness();
  runId = (await h.collect()).summary.runId;
  analysis = await analyzeSnapshot({ pool: h.db.pool, collectionRunId: runId });
});
afterAll(async () => { await h?.stop(); });

const q = async (sql: string, params: unknown[] = []) => (await h.db.pool.query(sql, params)).rows;
const accountId = (name: string) => h.org.accounts.find((a) => a.name === name)!.id;
const roleKey = (account: string, role: string) => {
  const a = h.org.accounts.find((x) => x.name === account)!;
  return `${a.id}/${a.iam.roles.find((r) => r.name === role)!.id}`;
};
const userKey = (account: string, user: string) => {
  const a = h.org.accounts.find((x) => x.name === account)!;
  return `${a.id}/${a.iam.users.find((u) => u.name === user)!.id}`;
};

describe("analysing the demo organization's snapshot", () => {
  it("materialises access for every principal and records the analysis", async () => {
    const [{ n }] = await q("SELECT count(*)::int AS n FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1))", [analysis.analysisId]);
    expect(n).toBe(analysis.principals);
    const [run] = await q("SELECT status, stats FROM analysis_run WHERE id = $1", [analysis.analysisId]);
    expect(run.status).toBe("succeeded");
    expect(analysis.findings).toBeGreaterThan(20);
  });

  it("flags the EC2 instance role with AdministratorAccess as admin-equivalent, a *:* policy holder and a broad instance role", async () => {
    const key = roleKey("acme-prod", "app-server-role");
    const [row] = await q("SELECT admin_equivalent, admin_definite, write_services FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND principal_key = $2", [analysis.analysisId, key]);
    expect(row).toMatchObject({ admin_equivalent: true, admin_definite: true });
    expect(row.write_services).toContain("s3");
    const findings = await q("SELECT rule, severity, title, evidence FROM finding WHERE resource_key = $1", [key]);
    expect(findings.map((r) => r.rule)).toEqual(expect.arrayContaining(["admin-full", "admin-policy-attached", "instance-role-broad-policy"]));
    // The root SCP denies organizations:LeaveOrganization: the role is a full administrator
    // within that ceiling, reported as one (high), with what the ceiling takes away.
    expect(findings.map((r) => r.rule)).not.toContain("admin-escalation");
    const full = findings.find((r) => r.rule === "admin-full");
    expect(full).toMatchObject({ severity: "high", title: "Principal has full administrator access within its SCP/RCP ceiling: app-server-role" });
    expect(full.evidence.paths[0]).toMatchObject({ id: "full-admin", grant: "allowed", ceilingDeniedActions: ["organizations:LeaveOrganization"], ceilingDeniedActionCount: 1 });
  });

  it("reports every AdministratorAccess holder outside the management account as a full admin, and keeps the admin-equivalent set the overview and admin-only reviews count", async () => {
    const full = await q("SELECT DISTINCT f.resource_key, f.account_id, f.severity FROM finding f WHERE f.rule = 'admin-full' AND f.status = 'open'");
    expect(full.length).toBeGreaterThanOrEqual(7);
    expect(new Set(full.map((f) => f.account_id)).size).toBeGreaterThan(3);
    expect(full.filter((f) => f.severity === "high").length).toBeGreaterThanOrEqual(7);
    // The same principals were admin-equivalent before (through escalation paths): the
    // overview's count (principal_access.admin_equivalent) and the "admin-equivalent" review
    // scope select exactly the principals with an admin-full or admin-escalation finding.
    const equivalent = (await q("SELECT principal_key FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND admin_equivalent", [analysis.analysisId])).map((r) => r.principal_key).sort();
    const withAdminFinding = (await q("SELECT DISTINCT resource_key FROM finding WHERE rule IN ('admin-full', 'admin-escalation') AND status = 'open'")).map((r) => r.resource_key).sort();
    expect(equivalent).toEqual(withAdminFinding);
    const accountIds = h.org.accounts.map((a) => a.id);
    const drafts = await selectReviewAccess({ db: h.db.pool, analysisId: analysis.analysisId, scope: { accountIds: [], ouIds: [], kinds: ["iam-user", "iam-role", "sso-user"], only: "admin-equivalent" }, accountIds });
    const direct = drafts.filter((d) => d.accessKind === "direct").map((d) => d.principalKey).sort();
    expect(direct).toEqual(equivalent);
    expect(direct).toContain(roleKey("acme-prod", "app-server-role"));
  });

  it("finds the escalation paths the demo plants", async () => {
    const [mike] = await q("SELECT admin_equivalent, admin_paths FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND principal_key = $2", [analysis.analysisId, userKey("acme-dev", "dev-mike")]);
    expect(mike.admin_equivalent).toBe(true);
    expect(mike.admin_paths.flatMap((p: { actions: string[] }) => p.actions)).toContain("iam:CreatePolicyVersion");
    const [runner] = await q("SELECT admin_paths FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND principal_key = $2", [analysis.analysisId, roleKey("acme-dev", "build-runner")]);
    expect(runner.admin_paths.flatMap((p: { actions: string[] }) => p.actions)).toEqual(expect.arrayContaining(["iam:PassRole", "ec2:RunInstances"]));
  });

  it("lists the role trusting an account outside the organization, with the trust as evidence", async () => {
    const key = roleKey("acme-prod", "partner-analytics-access");
    const trusts = await q("SELECT party_kind, party FROM external_trust WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND role_key = $2", [analysis.analysisId, key]);
    expect(trusts).toContainEqual({ party_kind: "external-account", party: "arn:aws:iam::999988887777:root" });
    const findings = await q("SELECT rule, severity, evidence FROM finding WHERE resource_key = $1 AND status = 'open'", [key]);
    expect(findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["trust-external-account"]));
    const star = await q("SELECT rule, severity FROM finding WHERE resource_key = $1", [roleKey("acme-dev", "debug-cross-account")]);
    expect(star).toContainEqual({ rule: "trust-any-principal-unconditioned", severity: "critical" });
  });

  it("follows Identity Center users through their group and permission set into production", async () => {
    const alice = h.org.identityCenter!.users.find((u) => u.userName === "alice.admin")!;
    const reach = await q("SELECT target_key, target_account_id, hops FROM principal_reach WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND source_key = $2", [analysis.analysisId, `sso/${alice.id}`]);
    const prod = reach.filter((r) => r.target_account_id === accountId("acme-prod"));
    expect(prod.length).toBeGreaterThan(0);
    const [hop] = prod.find((r) => r.hops[0].permissionSetName === "AdministratorAccess")!.hops;
    expect(hop).toMatchObject({ via: "sso-assignment", throughGroup: "Platform-Admins" });
  });

  it("maps credential findings to their CIS controls", async () => {
    const cis = new Set((await q("SELECT DISTINCT cis_control FROM finding WHERE cis_control IS NOT NULL")).map((r) => r.cis_control));
    for (const control of ["1.3", "1.4", "1.7", "1.9", "1.12", "1.13", "1.14", "1.21"]) expect(cis, control).toContain(control);
    const [old] = await q("SELECT evidence FROM finding WHERE rule = 'access-key-not-rotated' AND resource_name LIKE '%' AND evidence->>'userName' = 'legacy-reporting'");
    expect(old.evidence.keyAgeDays).toBeGreaterThanOrEqual(600);
  });

  it("keeps finding statuses across a re-collection and re-analysis", async () => {
    const [f] = await q("SELECT id, fingerprint FROM finding WHERE rule = 'trust-external-account' LIMIT 1");
    await q("UPDATE finding SET status = 'accepted', accepted_reason = 'partner contract until 2027', accepted_until = now() + interval '90 days', accepted_by = 'test' WHERE id = $1", [f.id]);
    const second = await h.collect();
    const again = await analyzeSnapshot({ pool: h.db.pool, collectionRunId: second.summary.runId });
    expect(again.findings).toBe(analysis.findings);
    expect(again.lifecycle).toMatchObject({ opened: 0, resolved: 0, seenAgain: analysis.findings });
    const [after] = await q("SELECT status, last_seen_run FROM finding WHERE id = $1", [f.id]);
    expect(after).toEqual({ status: "accepted", last_seen_run: second.summary.runId });
  });

  it("refuses to analyse a run that does not exist or has not finished", async () => {
    await expect(analyzeSnapshot({ pool: h.db.pool, collectionRunId: 9999 })).rejects.toThrow(/does not exist/);
  });
});

describe("who can reach (from the materialised analysis)", () => {
  const viewer = { id: "test-viewer", email: "viewer@example.test", name: "Viewer", roles: ["viewer" as const] };
  const whoCan = async (raw: Record<string, string>) => {
    const { findWhoCanReachView } = await import("../lib/console/find-who-can-reach-view");
    const { parseWhoCanReachQuery } = await import("../lib/console/who-can-reach-query");
    return findWhoCanReachView({ user: viewer, query: parseWhoCanReachQuery(raw) });
  };

  it("lists direct principals and everyone reaching a qualifying role, with the path", async () => {
    const prod = accountId("acme-prod");
    const { rows } = await whoCan({ account: prod, service: "s3", level: "Write" });
    const direct = rows.filter((r) => r.route === "direct").map((r) => r.principalName);
    expect(direct).toEqual(expect.arrayContaining(["app-server-role", "deploy-bot"]));
    expect(direct).not.toContain("partner-analytics-access");
    const alice = h.org.identityCenter!.users.find((u) => u.userName === "alice.admin")!;
    const viaSso = rows.find((r) => r.principalKey === `sso/${alice.id}` && r.route === "via-role")!;
    expect(viaSso.actingName).toMatch(/^AWSReservedSSO_AdministratorAccess_/);
    expect(viaSso.pathText).toContain("group Platform-Admins");
    // ReadOnly holders reach prod, but not with Write on s3.
    const bob = h.org.identityCenter!.users.find((u) => u.userName === "bob.dev")!;
    expect(rows.some((r) => r.principalKey === `sso/${bob.id}`)).toBe(false);
    const reads = await whoCan({ account: prod, service: "s3", level: "Read" });
    expect(reads.rows.some((r) => r.principalKey === `sso/${bob.id}`)).toBe(true);
  });

  it("rejects a malformed query with the field named", async () => {
    await expect(whoCan({ account: "prod", service: "s3" })).rejects.toThrow('account "prod" is not in the organization');
    await expect(whoCan({ account: accountId("acme-prod"), service: "nosuchservice" })).rejects.toThrow('unknown service "nosuchservice"');
  });
});
