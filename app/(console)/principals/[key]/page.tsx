import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/require-user";
import { getPrincipalDetail, type TAdminPath } from "@/lib/console/get-principal-detail";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { KIND_LABELS } from "../principal-filters";
import { AccessTable } from "./access-table";
import { PolicyView } from "./policy-view";
import { ReachTable } from "./reach-table";
import { UsageSections } from "./usage-sections";
import { LeastPrivilege } from "./least-privilege";
import { PrincipalSummary } from "./principal-summary";
import { getPrincipalServiceActions } from "@/lib/console/get-principal-service-actions";
import { SectionNav } from "../../../_components/section-nav";
import { LongId } from "../../../_components/long-id";
import { SeverityBadge } from "../../../_components/severity-badge";
import { EmptyState } from "../../../_components/empty-state";

/** Full admin first, then the first escalation paths; the rest on request. */
function AdminPaths({ paths }: { paths: TAdminPath[] }) {
  const ordered = [...paths].sort((a, b) => Number(b.kind === "full-admin") - Number(a.kind === "full-admin"));
  const item = (a: TAdminPath) => <li key={a.id}><strong>{a.id}</strong>: {a.description} <span className="mono small muted">{a.actions.join(" + ")}</span></li>;
  return (
    <div data-testid="admin-paths">
      <ul>{ordered.slice(0, 4).map(item)}</ul>
      {ordered.length > 4 && <details><summary>{ordered.length - 4} more privilege-escalation paths</summary><ul>{ordered.slice(4).map(item)}</ul></details>}
    </div>
  );
}

/** The principal key from the URL; null (404) when malformed ("%" alone) or absurdly long. */
function decodedKey(raw: string): string | null {
  if (raw.length > 2048) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "—");

export default async function PrincipalDetailPage({ params, searchParams }: { params: Promise<{ key: string }>; searchParams: Promise<TRawSearchParams> }) {
  // Reviewers too, for the principals of their own review items (getPrincipalDetail scopes it).
  const user = await requirePageUser("evidence.read");
  const inventory = can(user, "inventory.read");
  const key = decodedKey((await params).key);
  if (key === null) notFound();
  const search = await searchParams;
  const rawService = search.service;
  const service = typeof rawService === "string" && /^[\w-]{1,64}$/.test(rawService) ? rawService : undefined;
  const [p, selectedActions] = await Promise.all([
    getPrincipalDetail({ user, key, service }),
    service ? getPrincipalServiceActions({ user, principalKey: key, service }) : null,
  ]);
  if (!p) notFound();
  const keyHref = `/principals/${encodeURIComponent(p.key)}`;
  const openFindings = p.findings.filter((f) => f.status === "open");
  return (
    <>
      <div className="page-head">
        <h1>{p.name} <span className="badge">{KIND_LABELS[p.kind]}</span> {p.access?.adminEquivalent && <span className="badge bad">admin-equivalent</span>}</h1>
        <span className="muted">{p.accountName ?? (p.accountId ? "" : "Identity Center")} <span className="mono">{p.accountId}</span>{inventory && <> · <Link href={`/graph?principal=${encodeURIComponent(p.key)}`} data-testid="open-graph">Open in the access graph</Link></>}</span>
      </div>
      <SectionNav sections={[
        { id: "identity", label: "Identity" },
        ...(p.access ? [{ id: "admin", label: "Admin" }] : []),
        ...(p.kind !== "iam-group" ? [{ id: "assumable-by", label: "Who can assume it", count: p.reach.assumableBy.length }, { id: "can-assume", label: "What it can assume", count: p.reach.canAssume.length }] : []),
        { id: "findings", label: "Findings", count: openFindings.length },
        ...(p.access ? [{ id: "access", label: "Effective access", count: p.access.services.length }] : []),
        { id: "policies", label: "Policies", count: p.policies.length },
        ...(p.kind !== "iam-group" ? [{ id: "usage", label: "Usage" }] : []),
        { id: "history", label: "History" },
      ]} />
      <PrincipalSummary p={p} />
      <h2 id="identity">Identity</h2>
      <div className="panel" data-testid="identity">
        <dl className="facts">
          <dt>Kind</dt><dd>{KIND_LABELS[p.kind]}</dd>
          <dt>Key</dt><dd><LongId value={p.key} copy /></dd>
          {p.arn && <><dt>ARN</dt><dd><LongId value={p.arn} copy /></dd></>}
          {p.accountId && <><dt>Account</dt><dd>{inventory ? <Link href={`/principals?account=${p.accountId}`}>{p.accountName ?? p.accountId}</Link> : p.accountName ?? p.accountId} <span className="mono muted">{p.accountId}</span></dd></>}
          {p.path && <><dt>Path</dt><dd className="mono">{p.path}</dd></>}
          {p.createdAt && <><dt>Created</dt><dd>{day(p.createdAt)}</dd></>}
          {p.kind !== "iam-group" && p.kind !== "sso-user" && <><dt>Last used</dt><dd>{p.lastUsed ? day(p.lastUsed) : "never"}</dd></>}
          {p.kind === "iam-user" && <><dt>Groups</dt><dd>{p.groups.length ? p.groups.join(", ") : "none"}</dd></>}
          {p.kind === "iam-group" && <><dt>Members</dt><dd>{p.members.length ? p.members.join(", ") : "none"}</dd></>}
          {p.permissionsBoundary && <><dt>Permission boundary</dt><dd><LongId value={p.permissionsBoundary} /></dd></>}
          {p.permissionSet && <><dt>Identity Center permission set</dt><dd>{p.permissionSet.name} <span className="mono muted small">{p.permissionSet.arn}</span></dd></>}
          {Object.keys(p.tags).length > 0 && <><dt>Tags</dt><dd>{Object.entries(p.tags).map(([k, v]) => <span key={k} className="badge" style={{ marginRight: 4 }}>{k}={v}</span>)}</dd></>}
          {p.access && <><dt>Services granted / used</dt><dd>{p.access.grantedServices} / {p.access.usedServices ?? "unknown"}</dd></>}
        </dl>
      </div>
      {p.identityCenter && (
        <>
          <h2>Identity Center</h2>
          <div className="panel">
            <dl className="facts">
              <dt>Display name</dt><dd>{p.identityCenter.displayName ?? "—"}</dd>
              <dt>Email</dt><dd>{p.identityCenter.emails.join(", ") || "—"}</dd>
              <dt>Groups</dt><dd>{p.identityCenter.groups.map((g) => g.name).join(", ") || "none"}</dd>
            </dl>
          </div>
          <table data-testid="assignments">
            <thead><tr><th>Permission set</th><th>Account</th><th>Through</th></tr></thead>
            <tbody>
              {p.identityCenter.assignments.map((a, i) => (
                <tr key={i}><td>{a.permissionSetName}</td><td className="mono">{a.accountId}</td><td>{a.throughGroup ? `group ${a.throughGroup}` : "direct assignment"}</td></tr>
              ))}
              {p.identityCenter.assignments.length === 0 && <tr><td colSpan={3} className="muted">No assignments.</td></tr>}
            </tbody>
          </table>
        </>
      )}
      {p.access && p.access.adminPaths.length > 0 && (
        <>
          <h2 id="admin">Admin-equivalent through</h2>
          <AdminPaths paths={p.access.adminPaths} />
        </>
      )}
      {p.access && p.access.adminPaths.length === 0 && <p id="admin" className="muted small">Not admin-equivalent: no grant of full access and no privilege-escalation path.</p>}
      {p.kind !== "iam-group" && (
        <>
          <h2 id="assumable-by">Who can assume it</h2>
          <ReachTable rows={p.reach.assumableBy} testId="assumable-by" empty="No other principal of the organization can assume it." />
          {p.reach.externalParties.length > 0 && (
            <table data-testid="external-parties" style={{ marginTop: 8 }}>
              <thead><tr><th>Outside the organization</th><th>Party</th><th>Conditions</th><th>Known vendor</th></tr></thead>
              <tbody>
                {p.reach.externalParties.map((t) => (
                  <tr key={`${t.partyKind}|${t.party}`}>
                    <td>{t.partyKind}</td><td><LongId value={t.party} copy /></td>
                    <td>{t.conditionKeys.length ? t.conditionKeys.join(", ") : <span className="badge bad">none</span>}</td>
                    <td>{t.knownVendor ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2 id="can-assume">What it can assume</h2>
          <ReachTable rows={p.reach.canAssume} testId="can-assume" empty="It cannot assume any role: its access is its own policies only." />
        </>
      )}
      <h2 id="findings">Findings <span className="muted small">{openFindings.length} open · <Link href={`/findings?principal=${encodeURIComponent(p.key)}`}>in the findings list</Link></span></h2>
      <table data-testid="principal-findings">
        <thead><tr><th>Severity</th><th>Finding</th><th>Rule</th><th>Status</th><th>First seen</th></tr></thead>
        <tbody>
          {p.findings.map((f) => (
            <tr key={f.id}><td><SeverityBadge severity={f.severity} /></td><td>{f.title}{f.resourceKey !== p.key && <span className="muted small"> ({f.resourceName})</span>}</td><td className="mono small">{f.rule}</td><td>{f.status}</td><td>{day(f.firstSeenAt)}</td></tr>
          ))}
          {p.findings.length === 0 && <tr><td colSpan={5}><EmptyState title="No findings">No rule of the latest analysis flags this principal or its keys.</EmptyState></td></tr>}
        </tbody>
      </table>
      {p.access && (<><h2 id="access">Effective access <span className="muted small">{p.access.services.length} services</span></h2><AccessTable services={p.access.services} keyHref={keyHref} selected={service} selectedActions={selectedActions} /></>)}
      {p.trustPolicy && (<><h2 id="trust-policy">Trust policy</h2><div data-testid="trust-policy"><PolicyView policy={p.trustPolicy} open /></div></>)}
      <h2 id="policies">Policies</h2>
      <p className="muted small">
        {service ? <>Highlighted: statements granting <strong>{service}</strong> actions. <Link href={keyHref}>Clear</Link></> : "Highlighted: statements granting an admin or privilege-escalation action."}
      </p>
      {p.policies.length === 0 ? <p className="muted">No policies.</p> : p.policies.map((policy, i) => <PolicyView key={i} policy={policy} />)}
      <div id="usage" />
      {p.kind !== "iam-group" && <UsageSections lastAccessed={p.lastAccessed} accessKeys={p.kind === "iam-user" ? p.accessKeys : null} />}
      {(p.kind === "iam-user" || p.kind === "iam-role") && (
        <>
          <h2 id="least-privilege">Suggested least-privilege policy</h2>
          <LeastPrivilege user={user} principalKey={p.key} keyHref={keyHref} requested={search.suggest === "1"} />
        </>
      )}
      <h2 id="history">History</h2>
      <table data-testid="history">
        <thead><tr><th>Runs</th><th>From</th><th>Changes from the previous version</th></tr></thead>
        <tbody>
          {p.history.map((v) => (
            <tr key={v.validFrom}>
              <td>run {v.validFrom} → {v.validTo === null ? "current" : `until run ${v.validTo}`}</td>
              <td>{day(v.validFromAt)}</td>
              <td className="small">{v.changed.length === 0 ? <span className="muted">first seen</span> : v.changed.map((c) => (
                <details key={c.field}><summary className="mono">{c.field}</summary><pre>{`before: ${JSON.stringify(c.before, null, 2)}\nafter:  ${JSON.stringify(c.after, null, 2)}`}</pre></details>
              ))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
