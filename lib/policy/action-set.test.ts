import { describe, expect, it } from "vitest";
import { actionIndices, addAction, addRange, countActions, countInRange, createEmptySet, createFullSet, intersect, subtract, union } from "./action-set";

const setOf = (size: number, indices: number[]) => {
  const set = createEmptySet(size);
  for (const index of indices) addAction(set, index);
  return set;
};

describe("action sets", () => {
  it("keeps a full set exactly as large as the catalogue", () => {
    expect(countActions(createFullSet(70))).toBe(70);
    expect(actionIndices(createFullSet(33))).toEqual([...Array(33).keys()]);
  });

  it("sets and counts ranges across word boundaries", () => {
    const set = createEmptySet(200);
    addRange(set, 30, 100);
    expect(countActions(set)).toBe(70);
    expect(countInRange(set, 0, 40)).toBe(10);
    expect(countInRange(set, 64, 96)).toBe(32);
    expect(countInRange(set, 99, 200)).toBe(1);
  });

  it("computes union, intersection and difference", () => {
    const a = setOf(100, [1, 31, 32, 63, 99]);
    const b = setOf(100, [31, 64, 99]);
    expect(actionIndices(union(a, b))).toEqual([1, 31, 32, 63, 64, 99]);
    expect(actionIndices(intersect(a, b))).toEqual([31, 99]);
    expect(actionIndices(subtract(a, b))).toEqual([1, 32, 63]);
  });
});
