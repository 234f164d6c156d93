import type pg from "pg";
import { ConsoleError } from "../console/console-error";

/**
 * Inside a decision's transaction: the campaign row FOR SHARE (decisions run concurrently, a
 * sign-off's FOR UPDATE waits for them and vice versa), refused when missing or signed off.
 */
export async function lockOpenCampaign(options: { client: pg.PoolClient; campaignId: number }): Promise<void> {
  const { rows: [campaign] } = await options.client.query("SELECT status FROM review_campaign WHERE id = $1 FOR SHARE", [options.campaignId]);
  if (!campaign) throw new ConsoleError("not-found", `review campaign ${options.campaignId} not found`);
  if (campaign.status === "signed-off") throw new ConsoleError("conflict", "campaign is signed off: its decisions can no longer change");
}
