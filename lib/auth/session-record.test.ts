import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/test-database";
import { endUserSessions } from "./end-user-sessions";
import { listActiveSessions } from "./list-active-sessions";
import { createSessionRecord, endSessionRecord, isSessionActive } from "./session-record";

const ada = { id: "sub-ada", email: "ada@acme.example", name: "Ada", roles: ["admin" as const] };
const victor = { id: "sub-victor", email: "victor@acme.example", name: "Victor", roles: ["viewer" as const] };

describe("server-side session records", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => { db = await createTestDatabase(); });
  afterAll(async () => { await db.drop(); });

  it("a session is active until it is ended, and stays ended", async () => {
    const sid = await createSessionRecord({ pool: db.pool, user: victor, maxHours: 12, origin: { ip: "127.0.0.1", userAgent: "test" } });
    expect(await isSessionActive({ pool: db.pool, sid, idleMinutes: 30 })).toBe(true);
    expect(await endSessionRecord({ pool: db.pool, sid, reason: "signed-out", endedBy: victor.id })).toBe(true);
    expect(await isSessionActive({ pool: db.pool, sid, idleMinutes: 30 })).toBe(false);
    expect(await endSessionRecord({ pool: db.pool, sid, reason: "signed-out", endedBy: victor.id })).toBe(false);
  });

  it("refuses unknown, malformed, idle and expired sessions", async () => {
    expect(await isSessionActive({ pool: db.pool, sid: undefined, idleMinutes: 30 })).toBe(false);
    expect(await isSessionActive({ pool: db.pool, sid: "x".repeat(43), idleMinutes: 30 })).toBe(false);
    const idle = await createSessionRecord({ pool: db.pool, user: victor, maxHours: 12 });
    await db.pool.query("UPDATE auth_session SET last_seen_at = now() - interval '31 minutes' WHERE id = $1", [idle]);
    expect(await isSessionActive({ pool: db.pool, sid: idle, idleMinutes: 30 })).toBe(false);
    const expired = await createSessionRecord({ pool: db.pool, user: victor, maxHours: 0.0001 });
    await new Promise((r) => setTimeout(r, 600));
    expect(await isSessionActive({ pool: db.pool, sid: expired, idleMinutes: 30 })).toBe(false);
  });

  it("an administrator ends all sessions of one user, audited; others keep theirs", async () => {
    // The idle session of the test before is not listed (it cannot be used any more) but still ended.
    const victorSessions = [await createSessionRecord({ pool: db.pool, user: victor, maxHours: 12 }), await createSessionRecord({ pool: db.pool, user: victor, maxHours: 12 })];
    const adaSession = await createSessionRecord({ pool: db.pool, user: ada, maxHours: 12 });
    const listed = await listActiveSessions({ user: ada, pool: db.pool, idleMinutes: 30 });
    expect(listed.find((u) => u.userId === victor.id)?.sessions).toHaveLength(2);
    await expect(endUserSessions({ user: victor, userId: ada.id, pool: db.pool })).rejects.toThrow(/sessions.manage/);
    expect(await endUserSessions({ user: ada, userId: victor.id, pool: db.pool, origin: { ip: "10.0.0.1", userAgent: null } })).toEqual({ ended: 3 });
    for (const sid of victorSessions) expect(await isSessionActive({ pool: db.pool, sid, idleMinutes: 30 })).toBe(false);
    expect(await isSessionActive({ pool: db.pool, sid: adaSession, idleMinutes: 30 })).toBe(true);
    const { rows } = await db.pool.query("SELECT actor_email, target_id, details, ip FROM audit_event WHERE action = 'auth.sessions-ended'");
    expect(rows).toEqual([{ actor_email: "ada@acme.example", target_id: victor.id, details: { sessions: 3, email: "victor@acme.example" }, ip: "10.0.0.1" }]);
    await expect(endUserSessions({ user: ada, userId: victor.id, pool: db.pool })).rejects.toThrow(/no open session/);
  });
});
