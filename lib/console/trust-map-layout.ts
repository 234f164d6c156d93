// Circular layout of the trust map, a pure function so it can be tested and the page can
// render plain SVG: accounts on an inner ring, contiguous by OU (one coloured arc per OU),
// external parties on an outer ring next to the accounts they reach, edges as curves bent
// towards the centre (chord-diagram style, so hundreds of edges stay legible). Labels are
// drawn only when the ring leaves room for them; every node keeps its hover title.

export type TLayoutAccount = { id: string; label: string; group: string };
export type TLayoutParty = { id: string; label: string; kind: string };
export type TLayoutEdge = { from: string; to: string; weight: number };

export type TPlacedNode = {
  id: string; label: string; kind: "account" | "party"; x: number; y: number; radius: number;
  /** Text anchor position and rotation (degrees) for an outward-reading label; null when there is no room. */
  labelAt: { x: number; y: number; rotate: number; anchor: "start" | "end" } | null;
  groupIndex: number;
};
export type TPlacedEdge = { from: string; to: string; weight: number; path: string; width: number };
export type TPlacedGroup = { name: string; index: number; path: string; labelAt: { x: number; y: number; anchor: "start" | "end" | "middle" } };
export type TTrustMapLayout = { size: number; nodes: TPlacedNode[]; edges: TPlacedEdge[]; groups: TPlacedGroup[] };

const SIZE = 1_200;
const CENTER = SIZE / 2;
// Below this many pixels between neighbours a label would overlap the next one.
const LABEL_SPACING = 12;
const LABEL_CHARS = 24;

export function layoutTrustMap(options: { accounts: TLayoutAccount[]; parties: TLayoutParty[]; edges: TLayoutEdge[] }): TTrustMapLayout {
  const accounts = [...options.accounts].sort((a, b) => a.group.localeCompare(b.group) || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
  const groupNames = [...new Set(accounts.map((account) => account.group))];
  const innerRadius = options.parties.length > 0 ? SIZE * 0.27 : SIZE * 0.36;
  const outerRadius = SIZE * 0.36;
  const accountStep = accounts.length > 0 ? (2 * Math.PI) / accounts.length : 0;
  const accountLabels = accountStep * innerRadius >= LABEL_SPACING;
  const angleOf = new Map<string, number>();
  const nodes: TPlacedNode[] = accounts.map((account, index) => {
    const angle = -Math.PI / 2 + (index + 0.5) * accountStep;
    angleOf.set(account.id, angle);
    return place({ id: account.id, label: account.label, kind: "account", angle, radius: innerRadius, dot: accounts.length > 150 ? 3 : 5, withLabel: accountLabels, groupIndex: groupNames.indexOf(account.group) });
  });
  nodes.push(...placeParties({ parties: options.parties, edges: options.edges, angleOf, radius: outerRadius }));
  const position = new Map(nodes.map((node) => [node.id, node]));
  const edges = options.edges.flatMap((edge): TPlacedEdge[] => {
    const from = position.get(edge.from);
    const to = position.get(edge.to);
    if (!from || !to) return [];
    // Control point between the midpoint and the centre: long chords bend more.
    const cx = CENTER + ((from.x + to.x) / 2 - CENTER) * 0.35;
    const cy = CENTER + ((from.y + to.y) / 2 - CENTER) * 0.35;
    return [{ ...edge, path: `M${round(from.x)},${round(from.y)} Q${round(cx)},${round(cy)} ${round(to.x)},${round(to.y)}`, width: round(Math.min(6, 1 + Math.log2(Math.max(1, edge.weight)))) }];
  });
  const groups = groupNames.map((name, index): TPlacedGroup => {
    const members = accounts.map((account, position) => ({ account, position })).filter(({ account }) => account.group === name);
    const start = -Math.PI / 2 + members[0].position * accountStep + accountStep * 0.1;
    const end = -Math.PI / 2 + (members[members.length - 1].position + 1) * accountStep - accountStep * 0.1;
    const arcRadius = innerRadius - 14;
    const middle = (start + end) / 2;
    const label = { x: round(CENTER + Math.cos(middle) * (arcRadius - 16)), y: round(CENTER + Math.sin(middle) * (arcRadius - 16)) };
    return { name, index, path: arcPath({ radius: arcRadius, start, end }), labelAt: { ...label, anchor: Math.abs(Math.cos(middle)) < 0.2 ? "middle" : Math.cos(middle) > 0 ? "end" : "start" } };
  });
  return { size: SIZE, nodes, edges, groups };
}

// Each party sits at the mean angle of the accounts it trusts into, then neighbours are
// pushed apart to a minimum gap (or spread evenly when the ring is too crowded for that).
function placeParties(options: { parties: TLayoutParty[]; edges: TLayoutEdge[]; angleOf: Map<string, number>; radius: number }): TPlacedNode[] {
  const { parties, radius } = options;
  if (parties.length === 0) return [];
  const wanted = parties.map((party, index) => {
    let x = 0;
    let y = 0;
    for (const edge of options.edges) {
      const accountAngle = edge.from === party.id ? options.angleOf.get(edge.to) : edge.to === party.id ? options.angleOf.get(edge.from) : undefined;
      if (accountAngle === undefined) continue;
      x += Math.cos(accountAngle) * edge.weight;
      y += Math.sin(accountAngle) * edge.weight;
    }
    const angle = x === 0 && y === 0 ? -Math.PI / 2 + (index * 2 * Math.PI) / parties.length : Math.atan2(y, x);
    return { party, angle: normalise(angle) };
  }).sort((a, b) => a.angle - b.angle || a.party.id.localeCompare(b.party.id));
  const minGap = (LABEL_SPACING * 1.2) / radius;
  const crowded = minGap * wanted.length > 2 * Math.PI;
  const gap = crowded ? (2 * Math.PI) / wanted.length : minGap;
  for (let index = 1; index < wanted.length; index++) {
    if (crowded) wanted[index].angle = wanted[0].angle + index * gap;
    else wanted[index].angle = Math.max(wanted[index].angle, wanted[index - 1].angle + gap);
  }
  const withLabels = gap * radius >= LABEL_SPACING;
  return wanted.map(({ party, angle }) => place({ id: party.id, label: party.label, kind: "party", angle, radius, dot: 6, withLabel: withLabels, groupIndex: -1 }));
}

function place(options: { id: string; label: string; kind: "account" | "party"; angle: number; radius: number; dot: number; withLabel: boolean; groupIndex: number }): TPlacedNode {
  const { angle, radius } = options;
  const x = CENTER + Math.cos(angle) * radius;
  const y = CENTER + Math.sin(angle) * radius;
  const degrees = (angle * 180) / Math.PI;
  // Labels read outwards; on the left half they are flipped so they never read upside down.
  const left = Math.cos(angle) < 0;
  const labelAt = options.withLabel
    ? { x: round(CENTER + Math.cos(angle) * (radius + options.dot + 4)), y: round(CENTER + Math.sin(angle) * (radius + options.dot + 4)), rotate: round(left ? degrees + 180 : degrees), anchor: left ? "end" as const : "start" as const }
    : null;
  const label = options.label.length > LABEL_CHARS ? `${options.label.slice(0, LABEL_CHARS - 1)}…` : options.label;
  return { id: options.id, label, kind: options.kind, x: round(x), y: round(y), radius: options.dot, labelAt, groupIndex: options.groupIndex };
}

function arcPath(options: { radius: number; start: number; end: number }): string {
  const { radius, start, end } = options;
  const point = (angle: number) => `${round(CENTER + Math.cos(angle) * radius)},${round(CENTER + Math.sin(angle) * radius)}`;
  if (end - start >= 2 * Math.PI - 1e-6) return `M${point(start)} A${radius},${radius} 0 1 1 ${point(start + Math.PI)} A${radius},${radius} 0 1 1 ${point(start)}`;
  return `M${point(start)} A${radius},${radius} 0 ${end - start > Math.PI ? 1 : 0} 1 ${point(Math.max(end, start + 1e-3))}`;
}

function normalise(angle: number): number {
  const turn = 2 * Math.PI;
  return ((((angle + Math.PI / 2) % turn) + turn) % turn) - Math.PI / 2;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
