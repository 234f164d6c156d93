import "server-only";
import { enqueueSweep } from "../../jobs/enqueue-sweep";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";
import { ConsoleError } from "./console-error";

/**
 * Enqueues an organization sweep for the workers (admins only) and records collection.start.
 * Refuses while a run is still going or a sweep is already waiting, so double clicks do not
 * queue a second collection of the whole organization.
 */
export async function startCollection(options: { user: TSessionUser; origin?: { ip: string | null; userAgent: string | null } }): Promise<{ jobId: string | null }> {
  assertCan(options.user, "collection.start");
  const { pool } = getDb();
  const { rows: running } = await pool.query("SELECT id FROM collection_run WHERE status = 'running' ORDER BY id DESC LIMIT 1");
  if (running[0]) throw new ConsoleError("conflict", `run #${running[0].id} is still running: wait for it to finish`);
  const { rows: waiting } = await pool.query(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'collect-organization' AND state IN ('created', 'retry', 'active')`,
  ).catch(() => ({ rows: [{ n: 0 }] }));
  if (waiting[0].n > 0) throw new ConsoleError("conflict", "a collection is already queued and waiting for a worker");
  const url = process.env.DATABASE_URL;
  if (!url) throw new ConsoleError("unavailable", "DATABASE_URL is not set");
  const jobId = await enqueueSweep({ url, trigger: "console" });
  await recordAuditEvent({ db: pool, event: {
    actor: { id: options.user.id, email: options.user.email, roles: options.user.roles }, action: "collection.start",
    targetType: "collection", targetId: jobId ?? undefined, details: { trigger: "console", jobId }, origin: options.origin,
  } });
  return { jobId };
}
