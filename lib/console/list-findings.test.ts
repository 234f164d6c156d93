import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/test-database";
import { acceptFinding, reopenFinding } from "../analysis/store/accept-finding";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { diffRuns } from "./diff-runs";
import { parseFindingListQuery } from "./finding-list-query";
import { listFindings } from "./list-findings";
import { findingView } from "./finding-list-query";
import { listFindingGroups } from "./list-finding-groups";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const auditor: TSessionUser = { id: "a", email: "a@example.com", name: "A", roles: ["auditor"] };
const FINDINGS = [
  { rule: "root-access-key", severity: "critical", key: "111111111111", name: "acct-one", evidence: {} },
  { rule: "unused-role", severity: "low", key: "111111111111/AROAONE", name: "old-role", evidence: { windowDays: 90 } },
  { rule: "access-key-unused", severity: "medium", key: "AKIAONE", name: "bob/AKIAONE", evidence: { userKey: "111111111111/AIDABOB" } },
  { rule: "admin-full", severity: "high", key: "111111111111/AIDABOB", name: "bob", evidence: {} },
];

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  for (const f of FINDINGS) {
    await db.pool.query(
      `INSERT INTO finding (fingerprint, rule, title, severity, account_id, resource_key, resource_name, evidence, first_seen_run, last_seen_run)
       VALUES ($1, $2, $3, $4, '111111111111', $5, $6, $7, 1, 1)`,
      [`${f.rule}|${f.key}`, f.rule, `${f.rule}: ${f.name}`, f.severity, f.key, f.name, f.evidence],
    );
  }
  await db.pool.query("INSERT INTO collection_run (id, status, trigger, mode, host, pid) VALUES (1, 'succeeded', 'test', 'jump', 'h', 1), (2, 'succeeded', 'test', 'jump', 'h', 1)");
});
afterAll(async () => { await getDb().close(); await db?.drop(); });

const list = (raw: Record<string, string>, unusedOnly = false) => listFindings({ user: auditor, query: parseFindingListQuery(raw), unusedOnly });

describe("listFindings", () => {
  it("sorts by severity, filters, narrows to unused access, and finds a principal's own and its keys' findings", async () => {
    expect((await list({})).rows.map((r) => r.rule)).toEqual(["root-access-key", "admin-full", "access-key-unused", "unused-role"]);
    expect((await list({ severity: "critical" })).rows.map((r) => r.resourceName)).toEqual(["acct-one"]);
    expect((await list({}, true)).rows.map((r) => r.rule)).toEqual(["access-key-unused", "unused-role"]);
    const bob = await list({ principal: "111111111111/AIDABOB" });
    expect(bob.rows.map((r) => r.rule)).toEqual(["admin-full", "access-key-unused"]);
    expect(bob.rows.every((r) => r.principalKey === "111111111111/AIDABOB")).toBe(true);
    expect((await list({ q: "old-ro" })).total).toBe(1);
    expect((await list({ pageSize: "25", page: "3" })).total).toBe(4);
  });

  it("accepts and reopens with an audit event each, refusing bad input without changing anything", async () => {
    const { rows: [row] } = await db.pool.query("SELECT id FROM finding WHERE rule = 'admin-full'");
    const audit = { actor: { id: auditor.id, email: auditor.email, roles: auditor.roles } };
    await expect(acceptFinding({ pool: db.pool, input: { findingId: row.id, reason: "short", until: new Date(Date.now() + 86_400_000), acceptedBy: "a" }, audit }))
      .rejects.toThrow("reason: give a reason of at least 10 characters");
    expect((await list({ status: "accepted" })).total).toBe(0);
    await acceptFinding({ pool: db.pool, input: { findingId: row.id, reason: "break-glass user, vaulted", until: new Date(Date.now() + 86_400_000), acceptedBy: "a@example.com" }, audit });
    expect((await list({ status: "accepted" })).rows[0]).toMatchObject({ id: row.id, acceptedReason: "break-glass user, vaulted", acceptedBy: "a@example.com" });
    await reopenFinding({ pool: db.pool, findingId: row.id, audit });
    await expect(reopenFinding({ pool: db.pool, findingId: row.id, audit })).rejects.toThrow(/not accepted/);
    const { rows: events } = await db.pool.query("SELECT action, target_id FROM audit_event ORDER BY id");
    expect(events).toEqual([{ action: "finding.accept", target_id: String(row.id) }, { action: "finding.reopen", target_id: String(row.id) }]);
  });

  it("names what is wrong with a snapshot pair instead of diffing it", async () => {
    expect((await diffRuns({ user: auditor, fromRun: 1, toRun: 1 })).error).toMatch(/same run/);
    expect((await diffRuns({ user: auditor, fromRun: 1, toRun: 9 })).error).toBe("run #9 does not exist");
    expect((await diffRuns({ user: auditor, fromRun: 1, toRun: 2 })).error).toMatch(/run #1 \(succeeded\) has no successful analysis/);
    await expect(diffRuns({ user: { ...auditor, roles: ["reviewer"] }, fromRun: 1, toRun: 2 })).rejects.toThrow(/collection.read/);
  });
});

describe("listFindingGroups and the list's view", () => {
  it("groups by rule with the worst severity, counts by severity and accounts, most severe first, under the list's filters", async () => {
    await db.pool.query(
      `INSERT INTO finding (fingerprint, rule, title, severity, account_id, resource_key, resource_name, evidence, first_seen_run, last_seen_run)
       VALUES ('unused-role|222', 'unused-role', 'unused-role: other', 'medium', '222222222222', '222222222222/AROATWO', 'other-role', '{}', 1, 1)`,
    );
    const groups = await listFindingGroups({ user: auditor, query: parseFindingListQuery({}) });
    expect(groups.map((g) => [g.rule, g.severity, g.count])).toEqual([
      ["root-access-key", "critical", 1], ["admin-full", "high", 1], ["unused-role", "medium", 2], ["access-key-unused", "medium", 1],
    ]);
    expect(groups.find((g) => g.rule === "unused-role")).toMatchObject({ accounts: 2, bySeverity: { low: 1, medium: 1 }, title: "Role not used" });
    expect((await listFindingGroups({ user: auditor, query: parseFindingListQuery({ account: "222222222222" }) })).map((g) => g.rule)).toEqual(["unused-role"]);
    expect((await listFindingGroups({ user: auditor, query: parseFindingListQuery({}), unusedOnly: true })).map((g) => g.rule)).toEqual(["unused-role", "access-key-unused"]);
  });

  it("reads the Order choice as sort and direction, and groups until a filter picks out findings", () => {
    expect(parseFindingListQuery({ order: "lastSeen.desc" })).toMatchObject({ sort: "lastSeen", dir: "desc" });
    expect(parseFindingListQuery({ order: "bogus" })).toMatchObject({ sort: "severity", dir: "asc" });
    expect(findingView(parseFindingListQuery({}))).toBe("rules");
    expect(findingView(parseFindingListQuery({ account: "111111111111" }))).toBe("rules");
    expect(findingView(parseFindingListQuery({ rule: "admin-full" }))).toBe("list");
    expect(findingView(parseFindingListQuery({ q: "bob", view: "rules" }))).toBe("rules");
  });
});
