import { withRole } from "@/lib/auth/require-user";
import { getCollectionProgress } from "@/lib/console/get-collection-progress";

export const dynamic = "force-dynamic";

/** The newest collection run's live progress; the collection page polls it every 2 s. */
export const GET = withRole(async ({ user }) => {
  const progress = await getCollectionProgress({ user });
  return Response.json(progress, { headers: { "cache-control": "no-store" } });
}, { permission: "collection.read" });
