import type { TItemEvidence } from "@/lib/reviews/item-evidence";

const day = (v: string | null) => (v ? v.slice(0, 10) : "never");

/** Everything a reviewer needs about one access, frozen when the campaign was created. */
export function ItemEvidenceView({ evidence: e }: { evidence: TItemEvidence }) {
  const levels = e.access?.servicesByLevel;
  const share = e.resourceShare;
  if (share) {
    return (
      <dl className="facts small" data-testid="share-evidence">
        <dt>Resource</dt><dd>{share.resourceType} <strong>{share.resourceName}</strong> · <span className="mono">{share.region}</span><div className="mono">{share.resourceArn}</div></dd>
        <dt>Exposure</dt><dd><span className={`badge ${share.exposure === "public" ? "critical" : "high"}`}>{share.exposure}</span></dd>
        <dt>Party</dt><dd>{share.partyKind} <span className="mono">{share.partyName}</span> · {share.levels.join(", ")}</dd>
        <dt>Granted by</dt>
        <dd>{share.grants.map((g, n) => (
          <div key={n}>{g.source} {g.source === "policy" ? `statement ${g.statement.index}${g.statement.sid ? ` (${g.statement.sid})` : ""}` : g.statement.sid ?? ""}: <span className="mono">{g.principal}</span>{g.conditionKeys.length ? ` if ${g.conditionKeys.join(", ")}` : " unconditioned"}</div>
        ))}</dd>
        <dt>Open findings</dt>
        <dd>{e.findings.length === 0 ? "none" : e.findings.map((f) => <div key={f.id}><span className={`badge ${f.severity}`}>{f.severity}</span> {f.title}</div>)}</dd>
      </dl>
    );
  }
  return (
    <dl className="facts small">
      {e.access && (
        <>
          <dt>Effective access</dt>
          <dd>
            {e.access.principalName}: {e.access.grantedServices} service(s) granted, {e.access.usedServices ?? "?"} used
            {e.access.adminEquivalent && <> · <span className="badge critical">admin-equivalent{e.access.adminDefinite ? "" : " (conditional)"}</span></>}
            {levels && (["permissions", "write", "read", "list", "tagging"] as const).map((level) => levels[level].length > 0 && (
              <div key={level}><strong>{level}</strong>: {levels[level].slice(0, 25).join(", ")}{levels[level].length > 25 ? ` … +${levels[level].length - 25}` : ""}</div>
            ))}
          </dd>
          {e.access.adminPaths.length > 0 && <><dt>Admin paths</dt><dd>{e.access.adminPaths.map((p) => <div key={p.id}>{p.description} <span className="mono">{p.actions.join(", ")}</span></div>)}</dd></>}
        </>
      )}
      <dt>Last used</dt>
      <dd>{day(e.lastUsedAt)} <span className="muted">(Access Advisor data from {day(e.accessAdvisorAt)}{e.accessAdvisorAgeDays !== null ? `, ${e.accessAdvisorAgeDays} day(s) old` : ""})</span></dd>
      {e.accessKeys.length > 0 && <><dt>Access keys</dt><dd>{e.accessKeys.map((k) => <div key={k.accessKeyId} className="mono">{k.accessKeyId} {k.status}, {k.ageDays ?? "?"} days old, last used {day(k.lastUsedAt)}</div>)}</dd></>}
      {e.hops.length > 0 && <><dt>Path</dt><dd>{e.hops.map((h, i) => <div key={i}>{h.fromName} → {h.toName} <span className="muted">via {h.via}{h.permissionSetName ? ` ${h.permissionSetName}` : ""}{h.throughGroup ? ` (group ${h.throughGroup})` : ""}{h.conditional ? ", conditional" : ""}</span></div>)}</dd></>}
      {e.trustParties.length > 0 && <><dt>Trusted parties</dt><dd>{e.trustParties.map((t) => <div key={t.party}>{t.partyKind} <span className="mono">{t.party}</span>{t.knownVendor ? ` (${t.knownVendor})` : ""}{t.conditionKeys.length ? ` if ${t.conditionKeys.join(", ")}` : " unconditioned"}</div>)}</dd></>}
      <dt>Open findings</dt>
      <dd>{e.findings.length === 0 ? "none" : e.findings.map((f) => <div key={f.id}><span className={`badge ${f.severity}`}>{f.severity}</span> {f.title}</div>)}</dd>
    </dl>
  );
}
