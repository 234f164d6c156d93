import type { TTrustMapLayout } from "@/lib/console/trust-map-layout";

export const GROUP_COLORS = ["#2563eb", "#16a34a", "#d97706", "#9333ea", "#0891b2", "#db2777", "#65a30d", "#dc2626", "#4f46e5", "#0d9488"];
const PARTY_COLOR: Record<string, string> = { "external-account": "#b91c1c", "any-principal": "#7f1d1d", saml: "#7c3aed", oidc: "#7c3aed", service: "#64748b", "identity-center": "#0f766e" };

export type TNodeInfo = { title: string; partyKind?: string };

/** The laid-out map as plain SVG: group arcs, curved edges (hover for counts), nodes with titles. */
export function TrustMapSvg({ layout, info, edgeTitles }: { layout: TTrustMapLayout; info: Map<string, TNodeInfo>; edgeTitles: Map<string, string> }) {
  const crowded = layout.edges.length > 200;
  return (
    <svg viewBox={`0 0 ${layout.size} ${layout.size}`} width="100%" style={{ maxWidth: 900, display: "block", margin: "0 auto", background: "#fff", border: "1px solid var(--line)", borderRadius: 8 }} role="img" aria-label="Trust map" data-testid="trust-map-svg">
      {layout.groups.map((group) => (
        <g key={group.name}>
          <path d={group.path} fill="none" stroke={GROUP_COLORS[group.index % GROUP_COLORS.length]} strokeWidth={6} strokeLinecap="round" opacity={0.5}><title>{group.name}</title></path>
          <text x={group.labelAt.x} y={group.labelAt.y} textAnchor={group.labelAt.anchor} fontSize={13} fill={GROUP_COLORS[group.index % GROUP_COLORS.length]} fontWeight={600}>{group.name}</text>
        </g>
      ))}
      {layout.edges.map((edge) => {
        const external = info.get(edge.from)?.partyKind;
        return (
          <path key={`${edge.from}>${edge.to}`} d={edge.path} fill="none" stroke={external ? PARTY_COLOR[external] ?? "#b91c1c" : "#475569"} strokeWidth={edge.width} opacity={crowded ? 0.25 : 0.55}>
            <title>{edgeTitles.get(`${edge.from}>${edge.to}`)}</title>
          </path>
        );
      })}
      {layout.nodes.map((node) => {
        const kind = info.get(node.id)?.partyKind;
        const color = node.kind === "party" ? PARTY_COLOR[kind ?? ""] ?? "#b91c1c" : GROUP_COLORS[node.groupIndex % GROUP_COLORS.length];
        return (
          <g key={node.id} data-node={node.id}>
            {node.kind === "party"
              ? <rect x={node.x - node.radius} y={node.y - node.radius} width={node.radius * 2} height={node.radius * 2} fill={color} transform={`rotate(45 ${node.x} ${node.y})`}><title>{info.get(node.id)?.title}</title></rect>
              : <circle cx={node.x} cy={node.y} r={node.radius} fill={color}><title>{info.get(node.id)?.title}</title></circle>}
            {node.labelAt && (
              <text x={node.labelAt.x} y={node.labelAt.y} fontSize={11} textAnchor={node.labelAt.anchor} dominantBaseline="middle" transform={`rotate(${node.labelAt.rotate} ${node.labelAt.x} ${node.labelAt.y})`} fill="#1f2937">{node.label}</text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
