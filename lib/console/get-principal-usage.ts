import "server-only";
import type pg from "pg";

export type TPrincipalAccessKey = {
  id: string; status: string; createdAt: Date | null; ageDays: number | null;
  lastUsedAt: Date | null; lastUsedService: string | null; lastUsedRegion: string | null;
};

export type TLastAccessed = {
  /** When AWS finished the Access Advisor job: the data is as old as this. */
  jobCompletedAt: Date | null;
  dataAgeDays: number | null;
  granularity: string | null;
  services: Array<{ namespace: string; name: string; lastAuthenticated: Date | null; region: string | null; actions: Array<{ action: string; lastAccessed: Date | null; region: string | null }> }>;
  unusedServices: string[];
};

const date = (value: unknown) => (typeof value === "string" ? new Date(value) : null);
const daysSince = (value: Date | null) => (value ? Math.floor((Date.now() - value.getTime()) / 86_400_000) : null);

/** A user's access keys (ids and metadata only) as of `runId`, with age and last use. */
export async function getPrincipalAccessKeys(options: { pool: pg.Pool; runId: number; accountId: string; userId: string }): Promise<TPrincipalAccessKey[]> {
  const { rows } = await options.pool.query(
    `SELECT key, data FROM snapshot_record WHERE scope = $1 AND kind = 'iam.access-key' AND data->>'userId' = $2
       AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3) ORDER BY data->>'createDate'`,
    [options.accountId, options.userId, options.runId],
  );
  return rows.map((r) => {
    const createdAt = date(r.data.createDate);
    return {
      id: r.key, status: r.data.status ?? "unknown", createdAt, ageDays: daysSince(createdAt),
      lastUsedAt: date(r.data.lastUsedDate), lastUsedService: r.data.lastUsedService ?? null, lastUsedRegion: r.data.lastUsedRegion ?? null,
    };
  });
}

/** Access Advisor's last-accessed data for the principal as of `runId`, or null when not collected. */
export async function getPrincipalLastAccessed(options: { pool: pg.Pool; runId: number; accountId: string; id: string }): Promise<TLastAccessed | null> {
  const { rows } = await options.pool.query(
    `SELECT data FROM snapshot_record WHERE scope = $1 AND kind = 'iam.last-accessed' AND key = $2
       AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3)`,
    [options.accountId, options.id, options.runId],
  );
  const data = rows[0]?.data;
  if (!data) return null;
  const jobCompletedAt = date(data.jobCompletionDate);
  type TRawService = { namespace: string; name?: string; lastAuthenticated?: string; lastAuthenticatedRegion?: string; actions?: Array<{ action: string; lastAccessed?: string; region?: string }> };
  return {
    jobCompletedAt, dataAgeDays: daysSince(jobCompletedAt), granularity: data.granularity ?? null,
    services: ((data.usedServices ?? []) as TRawService[]).map((s) => ({
      namespace: s.namespace, name: s.name ?? s.namespace, lastAuthenticated: date(s.lastAuthenticated), region: s.lastAuthenticatedRegion ?? null,
      actions: (s.actions ?? []).map((a) => ({ action: a.action, lastAccessed: date(a.lastAccessed), region: a.region ?? null }))
        .sort((a, b) => (b.lastAccessed?.getTime() ?? 0) - (a.lastAccessed?.getTime() ?? 0)),
    })),
    unusedServices: data.unusedServices ?? [],
  };
}
