import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoss } from "../jobs/boss";
import { getDb } from "../lib/db/client";
import { startEmbeddedPostgres, type TDatabaseHandle } from "../lib/db/embedded-postgres";
import { createDatabaseIfMissing, migrateDatabase, withDatabaseName } from "../lib/db/ensure-database";
import { checkReadiness } from "../lib/metrics/check-readiness";

// Its own Postgres (not the suite's shared one): this file stops it.
let server: TDatabaseHandle;
let boss: PgBoss | undefined;
let dataDir: string;

const freePort = () => new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(port));
  });
});
const get = async (route: "health" | "ready", headers: Record<string, string> = {}) => {
  const { GET } = (await import(`../app/api/${route}/route`)) as { GET: (request: Request) => Promise<Response> };
  return GET(new Request(`http://atlas.test/api/${route}`, { headers }));
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-health-"));
  // Postgres runs as the `postgres` user when we are root: it must reach the folder.
  fs.chmodSync(dataDir, 0o755);
  server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: await freePort() });
  await createDatabaseIfMissing({ serverUrl: server.serverUrl, name: "atlas" });
  const url = withDatabaseName({ url: server.serverUrl, name: "atlas" });
  await migrateDatabase({ url, quiet: true });
  process.env.DATABASE_URL = url;
}, 180_000);
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true }).catch(() => {});
  await getDb().close().catch(() => {});
  await server?.stop().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("health and readiness", () => {
  it("is not ready before a worker has connected, and names why", async () => {
    const response = await get("ready");
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.checks).toMatchObject({ database: { ok: true }, migrations: { ok: true, pending: [] }, workers: { ok: false, connected: 0, error: expect.stringContaining("no worker process") } });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reports migrations that are not applied", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-migrations-"));
    for (const name of fs.readdirSync(path.resolve(import.meta.dirname, "..", "prisma", "migrations"))) fs.cpSync(path.resolve(import.meta.dirname, "..", "prisma", "migrations", name), path.join(dir, name), { recursive: true });
    fs.mkdirSync(path.join(dir, "29991231000000_later"));
    fs.writeFileSync(path.join(dir, "29991231000000_later", "migration.sql"), "SELECT 1;");
    const readiness = await checkReadiness({ pool: getDb().pool, migrationsDir: dir, queues: [] });
    expect(readiness.checks.migrations).toEqual({ ok: false, pending: ["29991231000000_later"] });
    expect(readiness.ready).toBe(false);
  });

  it("is ready once workers are registered, and not ready the moment the database stops, while health stays up", async () => {
    boss = await startBoss({ url: process.env.DATABASE_URL! });
    const ready = await get("ready", { "x-request-id": "lb-probe-1" });
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { workers: { ok: true, missingQueues: [] } } });
    expect(ready.status).toBe(200);
    expect(ready.headers.get("x-request-id")).toBe("lb-probe-1");
    await boss.stop({ graceful: false, wait: true });
    boss = undefined;
    await server.stop();
    const down = await get("ready");
    expect(down.status).toBe(503);
    expect((await down.json()).checks.database).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED|terminat|connect/i) });
    const health = await get("health");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
  }, 60_000);
});
