import "server-only";
import { can, type TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { getDb } from "../db/client";

export type TCampaignReportLink = { id: number; name: string; status: string; dueAt: Date; createdAt: Date; items: number; decided: number };

/**
 * Campaigns whose evidence report the user can download, newest first. The report itself
 * needs reviews.read as well (getCampaignReport checks it), so a user without it gets none.
 */
export async function listCampaignReports(options: { user: TSessionUser; limit?: number }): Promise<TCampaignReportLink[]> {
  assertCan(options.user, "reports.read");
  if (!can(options.user, "reviews.read") || options.user.roles.every((role) => role === "reviewer")) return [];
  const { pool } = getDb();
  const { rows } = await pool.query(
    `SELECT c.id, c.name, c.status, c.due_at AS "dueAt", c.created_at AS "createdAt",
            count(i.id)::int AS items, count(i.decision)::int AS decided
     FROM review_campaign c LEFT JOIN review_item i ON i.campaign_id = c.id
     GROUP BY c.id ORDER BY c.created_at DESC, c.id DESC LIMIT $1`,
    [options.limit ?? 50],
  );
  return rows as TCampaignReportLink[];
}
