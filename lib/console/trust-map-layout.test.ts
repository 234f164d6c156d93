import { describe, expect, it } from "vitest";
import { layoutTrustMap, type TLayoutAccount } from "./trust-map-layout";

const accounts = (count: number, groups = ["Prod", "Dev", "Security"]): TLayoutAccount[] =>
  Array.from({ length: count }, (_, index) => ({ id: String(100000000000 + index), label: `account-${index}`, group: groups[index % groups.length] }));

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe("layoutTrustMap", () => {
  it("keeps each OU's accounts contiguous on the ring, with one arc per OU", () => {
    const layout = layoutTrustMap({ accounts: accounts(9), parties: [], edges: [] });
    const order = layout.nodes.map((node) => node.groupIndex);
    expect(order).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(layout.groups.map((group) => group.name)).toEqual(["Dev", "Prod", "Security"]);
    for (const node of layout.nodes) expect(distance(node, { x: layout.size / 2, y: layout.size / 2 })).toBeCloseTo(layout.size * 0.36, 0);
  });

  it("puts a party next to the accounts it trusts into, outside the account ring", () => {
    const list = accounts(12);
    const target = list[5];
    const layout = layoutTrustMap({ accounts: list, parties: [{ id: "external:999988887777", label: "999988887777", kind: "external-account" }], edges: [{ from: "external:999988887777", to: target.id, weight: 1 }] });
    const party = layout.nodes.find((node) => node.id === "external:999988887777")!;
    const account = layout.nodes.find((node) => node.id === target.id)!;
    const center = { x: layout.size / 2, y: layout.size / 2 };
    expect(distance(party, center)).toBeGreaterThan(distance(account, center));
    // Same direction from the centre: the nearest account to the party is its target.
    const nearest = layout.nodes.filter((node) => node.kind === "account").sort((a, b) => distance(a, party) - distance(b, party))[0];
    expect(nearest.id).toBe(target.id);
  });

  it("draws each edge from its source to its target and drops edges to unknown nodes", () => {
    const list = accounts(4);
    const layout = layoutTrustMap({ accounts: list, parties: [], edges: [{ from: list[0].id, to: list[2].id, weight: 8 }, { from: list[0].id, to: "nowhere", weight: 1 }] });
    expect(layout.edges).toHaveLength(1);
    const [from, to] = [layout.nodes.find((n) => n.id === list[0].id)!, layout.nodes.find((n) => n.id === list[2].id)!];
    expect(layout.edges[0].path.startsWith(`M${from.x},${from.y} Q`)).toBe(true);
    expect(layout.edges[0].path.endsWith(` ${to.x},${to.y}`)).toBe(true);
    expect(layout.edges[0].width).toBe(4);
  });

  it("labels accounts while there is room and leaves only hover titles at a few hundred", () => {
    expect(layoutTrustMap({ accounts: accounts(40), parties: [], edges: [] }).nodes.every((node) => node.labelAt !== null)).toBe(true);
    const crowded = layoutTrustMap({ accounts: accounts(500), parties: [], edges: [] });
    expect(crowded.nodes.every((node) => node.labelAt === null)).toBe(true);
    expect(crowded.groups).toHaveLength(3);
    for (const node of crowded.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.x).toBeLessThanOrEqual(crowded.size);
    }
  });

  it("spreads many parties evenly instead of stacking them", () => {
    const list = accounts(3);
    const parties = Array.from({ length: 300 }, (_, index) => ({ id: `p${index}`, label: `p${index}`, kind: "external-account" }));
    const layout = layoutTrustMap({ accounts: list, parties, edges: parties.map((party) => ({ from: party.id, to: list[0].id, weight: 1 })) });
    const placed = layout.nodes.filter((node) => node.kind === "party");
    const positions = new Set(placed.map((node) => `${Math.round(node.x)},${Math.round(node.y)}`));
    expect(positions.size).toBe(300);
    expect(placed.every((node) => node.labelAt === null)).toBe(true);
  });
});
