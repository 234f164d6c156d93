// A finding's evidence as readable key/value pairs. Long lists (an admin role's hundreds of
// unused services) show their first items and how many more there are; a list of flat
// records ({namespace, lastAuthenticated}) is one line per item, not a nested table, so a
// page of 50 findings stays light.

const MAX_ITEMS = 10;

// Two scalar fields at most ({namespace, lastAuthenticated}): richer records keep their labels.
const isFlat = (item: unknown): item is Record<string, unknown> =>
  item !== null && typeof item === "object" && !Array.isArray(item) && Object.keys(item).length <= 2 && Object.values(item).every((v) => v === null || typeof v !== "object");

function flatText(item: Record<string, unknown>): string {
  const values = Object.values(item).map((v) => (v === null ? "never" : String(v)));
  return values.length === 2 ? `${values[0]} (${values[1]})` : values.join("");
}

function label(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());
}

function Value({ value, depth }: { value: unknown; depth: number }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value === "boolean") return <>{value ? "yes" : "no"}</>;
  if (typeof value !== "object") return <span className="mono">{String(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    const shown = value.slice(0, MAX_ITEMS);
    const more = value.length - shown.length;
    if (shown.every(isFlat)) {
      return <span className="mono">{shown.map(flatText).join(", ")}{more > 0 && <span className="muted"> … and {more} more</span>}</span>;
    }
    if (shown.every((item) => item === null || typeof item !== "object")) {
      return <span className="mono">{shown.map(String).join(", ")}{more > 0 && <span className="muted"> … and {more} more</span>}</span>;
    }
    return (
      <ol style={{ margin: 0, paddingLeft: 18 }}>
        {shown.map((item, index) => <li key={index}><Value value={item} depth={depth + 1} /></li>)}
        {more > 0 && <li className="muted" style={{ listStyle: "none" }}>… and {more} more</li>}
      </ol>
    );
  }
  if (depth >= 3) return <pre className="small" style={{ margin: 0, whiteSpace: "pre-wrap" }}>{JSON.stringify(value, null, 2)}</pre>;
  return <EvidenceFacts evidence={value as Record<string, unknown>} depth={depth + 1} />;
}

function EvidenceFacts({ evidence, depth }: { evidence: Record<string, unknown>; depth: number }) {
  return (
    <dl className="facts" style={{ margin: 0 }}>
      {Object.entries(evidence).map(([key, value]) => (
        <div key={key} style={{ display: "contents" }}>
          <dt>{label(key)}</dt>
          <dd><Value value={value} depth={depth} /></dd>
        </div>
      ))}
    </dl>
  );
}

export function EvidenceView({ evidence }: { evidence: Record<string, unknown> }) {
  return (
    <details data-testid="evidence">
      <summary className="small">Evidence</summary>
      <EvidenceFacts evidence={evidence} depth={0} />
    </details>
  );
}
