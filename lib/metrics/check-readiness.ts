import fs from "node:fs";
import path from "node:path";
import type pg from "pg";

export type TReadiness = {
  ready: boolean;
  checks: {
    database: { ok: boolean; error?: string };
    migrations: { ok: boolean; pending: string[]; error?: string };
    workers: { ok: boolean; connected: number; missingQueues: string[]; error?: string };
  };
};

const TIMEOUT_MS = 3_000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref())]);
}

/**
 * Ready to serve: the database answers, every migration folder is applied, and at least
 * one worker process (pg-boss, application_name access-atlas-jobs) is connected with the
 * queues created. Each check reports on its own, so a load balancer's log says which failed.
 */
export async function checkReadiness(options: { pool: pg.Pool; migrationsDir?: string; queues: string[] }): Promise<TReadiness> {
  const query = (sql: string, params: unknown[] = []) => withTimeout(options.pool.query(sql, params), "the database");
  const checks: TReadiness["checks"] = {
    database: { ok: false },
    migrations: { ok: false, pending: [] },
    workers: { ok: false, connected: 0, missingQueues: [] },
  };
  try {
    await query("SELECT 1");
    checks.database.ok = true;
  } catch (error) {
    checks.database.error = (error as Error).message;
    checks.migrations.error = checks.workers.error = "database unreachable";
    return { ready: false, checks };
  }
  try {
    const dir = options.migrationsDir ?? path.join(process.cwd(), "prisma", "migrations");
    const wanted = fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, "migration.sql")));
    const table = await query("SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok");
    const applied = table.rows[0].ok
      ? new Set((await query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")).rows.map((r) => r.migration_name))
      : new Set();
    checks.migrations.pending = wanted.filter((name) => !applied.has(name));
    checks.migrations.ok = checks.migrations.pending.length === 0;
  } catch (error) {
    checks.migrations.error = (error as Error).message;
  }
  try {
    const { rows } = await query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'access-atlas-jobs'");
    checks.workers.connected = rows[0].n;
    const schema = await query("SELECT to_regclass('pgboss.queue') IS NOT NULL AS ok");
    const existing = schema.rows[0].ok ? new Set((await query("SELECT name FROM pgboss.queue")).rows.map((r) => r.name)) : new Set();
    checks.workers.missingQueues = options.queues.filter((name) => !existing.has(name));
    checks.workers.ok = checks.workers.connected > 0 && checks.workers.missingQueues.length === 0;
    if (checks.workers.connected === 0) checks.workers.error = "no worker process is connected (npm run worker)";
  } catch (error) {
    checks.workers.error = (error as Error).message;
  }
  return { ready: checks.database.ok && checks.migrations.ok && checks.workers.ok, checks };
}
