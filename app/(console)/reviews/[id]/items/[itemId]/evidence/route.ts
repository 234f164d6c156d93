import { withRole } from "@/lib/auth/require-user";
import { ConsoleError } from "@/lib/console/console-error";
import { zSerialId } from "@/lib/console/search-params";
import { getItemEvidence } from "@/lib/reviews/get-item-evidence";

export const dynamic = "force-dynamic";

/**
 * GET /reviews/<campaign>/items/<item>/evidence: one item's frozen evidence for the campaign
 * page's disclosure, authorised as the page is (reviews.read; a reviewer only for their own
 * items, anyone else's answers 404).
 */
export const GET = withRole(async ({ user, params }) => {
  const campaignId = zSerialId.safeParse(params.id);
  const itemId = zSerialId.safeParse(params.itemId);
  if (!campaignId.success || !itemId.success) throw new ConsoleError("invalid", "campaign and item ids are positive integers");
  const item = await getItemEvidence({ user, campaignId: campaignId.data, itemId: itemId.data });
  return Response.json(item, { headers: { "cache-control": "private, no-store" } });
}, { permission: "reviews.read" });
