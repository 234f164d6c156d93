import Link from "next/link";
import { getAuditChainStatus } from "@/lib/audit/get-audit-chain-status";
import { requirePageUser } from "@/lib/auth/require-user";

export const dynamic = "force-dynamic";

/** Recomputes the audit trail's hash chain now and shows whether it holds, or its first broken link. */
export default async function AuditVerifyPage() {
  const user = await requirePageUser("audit.read");
  const report = await getAuditChainStatus({ user });
  return (
    <>
      <div className="page-head"><h1>Audit chain</h1><Link href="/audit">Audit log</Link></div>
      <p className="muted small">Every audit event carries the SHA-256 of its content and of the event before it, computed by the database when it is written. Recomputing the chain shows whether any event was changed, removed or reordered since, even by someone with direct database access.</p>
      {report.ok ? (
        <div className="ok-box" data-testid="chain-status" data-ok="true">
          <strong>Intact.</strong> All {report.events} events up to event {report.headId} link; the newest hash is <code>{report.lastHash}</code>.
        </div>
      ) : (
        <div className="error-box" role="alert" data-testid="chain-status" data-ok="false">
          <strong>Broken at event {report.broken.id}</strong> ({report.broken.reason}), after {report.events} events checked: {report.broken.message}
        </div>
      )}
      <p className="muted small">Checked {report.checkedAt.toISOString().replace("T", " ").slice(0, 19)} UTC. The same check runs from a shell (<code>npm run audit:verify</code>) and offline on an exported audit log (<code>npm run audit:verify -- --file audit-log.csv</code>).</p>
    </>
  );
}
