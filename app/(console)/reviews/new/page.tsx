import Link from "next/link";
import { requirePageUser } from "@/lib/auth/require-user";
import { listAccounts } from "@/lib/console/list-accounts";
import { CampaignFormClient } from "./campaign-form-client";

export const dynamic = "force-dynamic";

export default async function NewCampaignPage() {
  const user = await requirePageUser("reviews.manage");
  const { accounts, organizationalUnits } = await listAccounts({ user });
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return (
    <>
      <div className="page-head"><h1>New review campaign</h1><Link href="/reviews">All campaigns</Link></div>
      <p className="muted">The campaign pins the newest analysis: every item shows the evidence as it was then.</p>
      <CampaignFormClient accounts={accounts} organizationalUnits={organizationalUnits} defaultDue={due} />
    </>
  );
}
