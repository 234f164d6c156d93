import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/test-database";
import { recordConfigurationIfChanged } from "./record-configuration";

describe("configuration changes in the audit trail", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => { db = await createTestDatabase(); });
  afterAll(async () => { await db.drop(); });

  const env = { ROLE_MAP: "admin=atlas-admins", SESSION_IDLE_MINUTES: "30", NEXTAUTH_SECRET: "a-very-secret-value-of-32-characters!", OIDC_ISSUER: "https://idp.example" };

  it("records the first settings, nothing while they stay the same, and each change with the previous value", async () => {
    expect(await recordConfigurationIfChanged({ pool: db.pool, component: "console", env })).toContain("ROLE_MAP");
    expect(await recordConfigurationIfChanged({ pool: db.pool, component: "console", env })).toEqual([]);
    expect(await recordConfigurationIfChanged({ pool: db.pool, component: "console", env: { ...env, ROLE_MAP: "admin=atlas-admins|break-glass" } })).toEqual(["ROLE_MAP"]);
    const { rows } = await db.pool.query("SELECT actor_id, details FROM audit_event WHERE action = 'config.change' ORDER BY id");
    expect(rows).toHaveLength(2);
    expect(rows[1].actor_id).toBe("system");
    expect(rows[1].details).toMatchObject({ changed: ["ROLE_MAP"], previous: { ROLE_MAP: "admin=atlas-admins" }, settings: { ROLE_MAP: "admin=atlas-admins|break-glass" } });
  });

  it("never stores a secret, only a fingerprint that changes with it", async () => {
    const { rows } = await db.pool.query("SELECT details::text AS text, details->'settings'->>'NEXTAUTH_SECRET' AS secret FROM audit_event WHERE action = 'config.change'");
    for (const row of rows) expect(row.text).not.toContain(env.NEXTAUTH_SECRET);
    expect(rows[0].secret).toMatch(/^set \(fingerprint [0-9a-f]{8}\)$/);
    expect(await recordConfigurationIfChanged({ pool: db.pool, component: "console", env: { ...env, ROLE_MAP: "admin=atlas-admins|break-glass", NEXTAUTH_SECRET: "another-secret-value-of-32-characters" } })).toEqual(["NEXTAUTH_SECRET"]);
  });
});
