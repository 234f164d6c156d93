import { describe, expect, it } from "vitest";
import { RefusalAggregator, type TRefusalRecord } from "./refusal-aggregator";

const actor = { id: "sub-v", email: "victor@acme.example", roles: ["viewer"] };
const refusal = { actor, target: "/audit", targetType: "page" as const, reason: "audit.read" };

function setup() {
  let now = 1_000_000;
  const written: TRefusalRecord[] = [];
  const aggregator = new RefusalAggregator({ write: async (r) => { written.push(r); }, windowMs: 60_000, maxWindows: 3, now: () => now });
  return { aggregator, written, advance: (ms: number) => { now += ms; } };
}

describe("refused requests in the audit trail", () => {
  it("writes the first refusal at once and counts repeats into one summary when the window ends", async () => {
    const { aggregator, written, advance } = setup();
    for (let n = 0; n < 500; n++) await aggregator.refuse(refusal);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ count: 1, summary: false, target: "/audit" });
    advance(30_000);
    await aggregator.sweep();
    expect(written).toHaveLength(1);
    advance(30_000);
    await aggregator.sweep();
    expect(written).toHaveLength(2);
    expect(written[1]).toMatchObject({ count: 499, summary: true, reason: "audit.read" });
    await aggregator.sweep();
    expect(written).toHaveLength(2);
  });

  it("keeps actors, targets and reasons apart, and a refusal after the window opens a new one", async () => {
    const { aggregator, written, advance } = setup();
    await aggregator.refuse(refusal);
    await aggregator.refuse({ ...refusal, target: "/api/export/audit", targetType: "api" });
    await aggregator.refuse({ ...refusal, actor: { ...actor, id: "sub-j" } });
    await aggregator.refuse(refusal);
    expect(written.map((r) => r.target)).toEqual(["/audit", "/api/export/audit", "/audit"]);
    advance(61_000);
    await aggregator.refuse(refusal);
    // The old window's one repeat is summarised, and the new window starts with an event.
    expect(written.slice(3).map((r) => [r.summary, r.count])).toEqual([[true, 1], [false, 1]]);
  });

  it("bounds memory: past maxWindows the oldest window is closed", async () => {
    const { aggregator, written } = setup();
    await aggregator.refuse({ ...refusal, target: "/a" });
    await aggregator.refuse({ ...refusal, target: "/a" });
    for (const target of ["/b", "/c", "/d"]) await aggregator.refuse({ ...refusal, target });
    expect(written.filter((r) => r.summary)).toEqual([expect.objectContaining({ target: "/a", count: 1 })]);
  });
});
