import Link from "next/link";
import { requirePageUser } from "@/lib/auth/require-user";
import { can } from "@/lib/auth/permissions";
import { getCollectionProgress } from "@/lib/console/get-collection-progress";
import { CollectionProgress } from "./collection-client";

export const dynamic = "force-dynamic";

export default async function CollectionPage() {
  const user = await requirePageUser("collection.read");
  const progress = await getCollectionProgress({ user });
  return (
    <>
      <div className="page-head">
        <h1>Collection</h1>
        <Link href="/history">All runs and snapshot diffs →</Link>
      </div>
      <CollectionProgress initial={progress} canStart={can(user, "collection.start")} />
    </>
  );
}
