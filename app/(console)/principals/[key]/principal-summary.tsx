import type { TPrincipalDetail } from "@/lib/console/get-principal-detail";
import { SEVERITY_ORDER } from "@/lib/analysis/findings/make-finding";
import { SeverityBadge } from "../../../_components/severity-badge";

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "never");

function Fact({ label, href, children, testId }: { label: string; href: string; children: React.ReactNode; testId: string }) {
  return (
    <a className="card summary-card" href={href} data-testid={testId}>
      <span className="label">{label}</span>
      <span className="summary-value">{children}</span>
    </a>
  );
}

/** The answers at a glance: admin or not and why, reach both ways, open findings, keys and use. */
export function PrincipalSummary({ p }: { p: TPrincipalDetail }) {
  const open = p.findings.filter((f) => f.status === "open");
  const worst = SEVERITY_ORDER.find((s) => open.some((f) => f.severity === s));
  const reachedAccounts = new Set(p.reach.canAssume.map((r) => r.accountId).filter(Boolean));
  if (p.accountId) reachedAccounts.add(p.accountId);
  const activeKeys = p.accessKeys.filter((k) => k.status === "Active");
  const oldestKey = Math.max(0, ...activeKeys.map((k) => k.ageDays ?? 0));
  const admin = p.access?.adminEquivalent;
  const why = p.access?.adminPaths.find((a) => a.kind === "full-admin") ?? p.access?.adminPaths[0];
  return (
    <section className="summary-grid" aria-label="Summary" data-testid="principal-summary">
      <Fact label="Admin-equivalent" href="#admin" testId="summary-admin">
        {!p.access ? <span className="muted">not analysed</span>
          : admin ? <><span className="badge bad">{p.access.adminDefinite ? "yes" : "possibly"}</span> <span className="small">{why?.description ?? ""}{p.access.adminPaths.length > 1 && ` (+${p.access.adminPaths.length - 1} more paths)`}</span></>
          : <span className="badge ok">no</span>}
      </Fact>
      {p.kind !== "iam-group" && (
        <Fact label="Accounts it reaches" href="#can-assume" testId="summary-reaches">
          <strong>{reachedAccounts.size}</strong> <span className="small muted">{p.reach.canAssume.length} roles it can assume</span>
        </Fact>
      )}
      {p.kind !== "iam-group" && (
        <Fact label="Who can reach it" href="#assumable-by" testId="summary-reached-by">
          <strong>{p.reach.assumableBy.length}</strong> <span className="small muted">principals{p.reach.externalParties.length > 0 && <>, <span className="badge warn">{p.reach.externalParties.length} outside the organization</span></>}</span>
        </Fact>
      )}
      <Fact label="Open findings" href="#findings" testId="summary-findings">
        <strong>{open.length}</strong> {worst && <>worst <SeverityBadge severity={worst} /></>}
      </Fact>
      {p.kind === "iam-user" && (
        <Fact label="Access keys" href="#usage" testId="summary-keys">
          <strong>{activeKeys.length}</strong> <span className="small muted">active{activeKeys.length > 0 && `, oldest ${oldestKey} days`}</span>
          {oldestKey > 90 && <> <span className="badge bad">over 90 days</span></>}
        </Fact>
      )}
      {p.kind !== "iam-group" && (
        <Fact label="Usage" href="#usage" testId="summary-usage">
          <span className="small">last used {p.kind === "sso-user" ? "—" : day(p.lastUsed)}</span>
          {p.access && <div className="small muted">{p.access.usedServices ?? "?"} of {p.access.grantedServices} granted services used</div>}
        </Fact>
      )}
    </section>
  );
}
