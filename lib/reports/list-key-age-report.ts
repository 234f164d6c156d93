import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { getDb } from "../db/client";
import { daysBetween, loadAccountNames, requireLatestAnalysis, type TTabularReport } from "./tabular-report";

/** CIS 1.13's limit; the findings name the configured one separately. */
const ROTATION_DAYS = 90;

export type TKeyAgeRow = {
  accountId: string; accountName: string; userName: string; userArn: string | null; accessKeyId: string; status: string;
  createdAt: string | null; ageDays: number | null; lastUsedAt: string | null; daysSinceLastUsed: number | null; lastUsedService: string | null;
};

/** Every IAM access key of the analysed snapshot with its age and last use as of the snapshot, oldest first. */
export async function listKeyAgeReport(options: { user: TSessionUser }): Promise<TTabularReport<TKeyAgeRow>> {
  assertCan(options.user, "reports.read");
  const { pool } = getDb();
  const analysis = await requireLatestAnalysis({ pool });
  const names = await loadAccountNames({ pool, runId: analysis.collectionRunId });
  const { rows } = await pool.query(
    `SELECT scope, key, data FROM snapshot_record
     WHERE kind = 'iam.access-key' AND valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)`,
    [analysis.collectionRunId],
  );
  const asOf = new Date(analysis.asOf);
  const keys = rows.map((r): TKeyAgeRow => ({
    accountId: r.scope, accountName: names.get(r.scope) ?? "", userName: r.data.userName ?? "", userArn: r.data.userArn ?? null,
    accessKeyId: r.key, status: r.data.status ?? "", createdAt: r.data.createDate ?? null, ageDays: daysBetween(r.data.createDate ?? null, asOf),
    lastUsedAt: r.data.lastUsedDate ?? null, daysSinceLastUsed: daysBetween(r.data.lastUsedDate ?? null, asOf), lastUsedService: r.data.lastUsedService ?? null,
  }));
  keys.sort((a, b) => (b.ageDays ?? -1) - (a.ageDays ?? -1) || a.accessKeyId.localeCompare(b.accessKeyId));
  return {
    report: "key-age",
    title: "Access key age",
    analysis,
    rows: keys,
    columns: [
      { header: "account_id", value: (k) => k.accountId },
      { header: "account_name", value: (k) => k.accountName },
      { header: "user", value: (k) => k.userName },
      { header: "user_arn", value: (k) => k.userArn },
      { header: "access_key_id", value: (k) => k.accessKeyId },
      { header: "status", value: (k) => k.status },
      { header: "created_at", value: (k) => k.createdAt },
      { header: "age_days", value: (k) => k.ageDays },
      { header: `over_${ROTATION_DAYS}_days`, value: (k) => (k.status === "Active" && (k.ageDays ?? 0) > ROTATION_DAYS ? "yes" : "no") },
      { header: "last_used_at", value: (k) => k.lastUsedAt ?? "never" },
      { header: "days_since_last_used", value: (k) => k.daysSinceLastUsed },
      { header: "last_used_service", value: (k) => k.lastUsedService },
    ],
  };
}
