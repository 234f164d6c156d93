import type pg from "pg";
import type { TFinding } from "../results";

const CHUNK = 5_000;

export type TLifecycleStats = { opened: number; seenAgain: number; reopened: number; resolved: number; skipped: boolean };

/**
 * Merges one snapshot's findings into the long-lived finding table by fingerprint:
 * new ones open, present ones extend their last-seen run (a resolved one reopens, an
 * expired acceptance reopens), and open or accepted ones absent from this snapshot
 * resolve. Statuses therefore survive re-collection. An analysis of an older snapshot
 * than the newest one already merged changes nothing.
 */
export async function applyFindingLifecycle(options: { pool: pg.Pool; collectionRunId: number; findings: TFinding[] }): Promise<TLifecycleStats> {
  const { pool, collectionRunId: run, findings } = options;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("LOCK TABLE finding IN SHARE ROW EXCLUSIVE MODE");
    const newest = (await client.query("SELECT coalesce(max(last_seen_run), 0)::int AS n FROM finding")).rows[0].n as number;
    if (newest > run) {
      await client.query("ROLLBACK");
      return { opened: 0, seenAgain: 0, reopened: 0, resolved: 0, skipped: true };
    }
    await client.query(`CREATE TEMP TABLE incoming (fingerprint text PRIMARY KEY, rule text, title text, severity text, cis_control text,
      account_id text, resource_key text, resource_name text, evidence jsonb) ON COMMIT DROP`);
    for (let i = 0; i < findings.length; i += CHUNK) {
      const chunk = findings.slice(i, i + CHUNK);
      await client.query(
        `INSERT INTO incoming SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
         ON CONFLICT (fingerprint) DO NOTHING`,
        [chunk.map((f) => f.fingerprint), chunk.map((f) => f.rule), chunk.map((f) => f.title), chunk.map((f) => f.severity),
          chunk.map((f) => f.cisControl), chunk.map((f) => f.accountId), chunk.map((f) => f.resourceKey), chunk.map((f) => f.resourceName),
          chunk.map((f) => JSON.stringify(f.evidence))],
      );
    }
    const reopened = await client.query(
      `SELECT count(*)::int AS n FROM finding f JOIN incoming i USING (fingerprint)
       WHERE f.status = 'resolved' OR (f.status = 'accepted' AND f.accepted_until < now())`,
    );
    const upsert = await client.query(
      `INSERT INTO finding (fingerprint, rule, title, severity, cis_control, account_id, resource_key, resource_name, evidence, first_seen_run, last_seen_run)
       SELECT fingerprint, rule, title, severity, cis_control, account_id, resource_key, resource_name, evidence, $1, $1 FROM incoming
       ON CONFLICT (fingerprint) DO UPDATE SET
         last_seen_run = $1, last_seen_at = now(), evidence = EXCLUDED.evidence, title = EXCLUDED.title,
         severity = EXCLUDED.severity, cis_control = EXCLUDED.cis_control, resource_name = EXCLUDED.resource_name,
         status = CASE WHEN finding.status = 'resolved' THEN 'open'
                       WHEN finding.status = 'accepted' AND finding.accepted_until < now() THEN 'open'
                       ELSE finding.status END,
         resolved_run = CASE WHEN finding.status = 'resolved' THEN NULL ELSE finding.resolved_run END
       RETURNING (xmax = 0) AS inserted`,
      [run],
    );
    const resolved = await client.query(
      `UPDATE finding SET status = 'resolved', resolved_run = $1 WHERE status IN ('open', 'accepted') AND last_seen_run < $1`,
      [run],
    );
    await client.query("COMMIT");
    const opened = upsert.rows.filter((r) => r.inserted).length;
    return { opened, seenAgain: upsert.rows.length - opened, reopened: reopened.rows[0].n, resolved: resolved.rowCount ?? 0, skipped: false };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
