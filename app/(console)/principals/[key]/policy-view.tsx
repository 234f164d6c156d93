import type { TPrincipalPolicy } from "@/lib/console/get-principal-policies";

const SOURCE_LABELS: Record<TPrincipalPolicy["source"], string> = {
  managed: "managed", inline: "inline", "group-managed": "group managed", "group-inline": "group inline", boundary: "permission boundary", trust: "trust policy",
};

/** One policy as pretty JSON; statements granting the highlighted actions or service are wrapped in .hl. */
export function PolicyView({ policy, open }: { policy: TPrincipalPolicy; open?: boolean }) {
  return (
    <details open={open || policy.highlighted > 0} data-testid="policy">
      <summary>
        <strong>{policy.name}</strong> <span className="badge">{SOURCE_LABELS[policy.source]}</span>
        {policy.group && <span className="muted"> via group {policy.group}</span>}
        {policy.versionId && <span className="muted small"> {policy.versionId}</span>}
        {policy.arn && <span className="muted small mono"> {policy.arn}</span>}
        {policy.highlighted > 0 && <> <span className="badge warn">{policy.highlighted} highlighted</span></>}
      </summary>
      <pre>{policy.segments.map((s, i) => (s.highlight ? <span key={i} className="hl">{s.text}</span> : s.text))}</pre>
    </details>
  );
}
