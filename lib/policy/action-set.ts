// Sets of catalogue actions as bitsets over action indices. An organisation-wide run
// evaluates ~22,000 actions for 100,000 principals; one Uint32Array of ~700 words per set
// keeps every union/intersection a tight loop and a set ~2.7 KB.
//
// Sets handed out by the engine (pattern expansions, compiled policies, results) are shared
// between callers and caches: treat them as read-only and copy before mutating.

export type ActionSet = Uint32Array;

export function createEmptySet(size: number): ActionSet {
  return new Uint32Array((size + 31) >>> 5);
}

export function createFullSet(size: number): ActionSet {
  const set = createEmptySet(size);
  addRange(set, 0, size);
  return set;
}

export function hasAction(set: ActionSet, index: number): boolean {
  return (set[index >>> 5] & (1 << (index & 31))) !== 0;
}

export function addAction(set: ActionSet, index: number): void {
  set[index >>> 5] |= 1 << (index & 31);
}

// Sets bits [start, end).
export function addRange(set: ActionSet, start: number, end: number): void {
  for (let i = start; i < end; ) {
    const word = i >>> 5;
    const bit = i & 31;
    const span = Math.min(32 - bit, end - i);
    const mask = span === 32 ? 0xffffffff : ((1 << span) - 1) << bit;
    set[word] |= mask;
    i += span;
  }
}

export function unionInto(target: ActionSet, source: ActionSet): void {
  for (let i = 0; i < target.length; i++) target[i] |= source[i];
}

export function intersectInto(target: ActionSet, source: ActionSet): void {
  for (let i = 0; i < target.length; i++) target[i] &= source[i];
}

export function subtractInto(target: ActionSet, source: ActionSet): void {
  for (let i = 0; i < target.length; i++) target[i] &= ~source[i];
}

export function union(a: ActionSet, b: ActionSet): ActionSet {
  const out = a.slice();
  unionInto(out, b);
  return out;
}

export function intersect(a: ActionSet, b: ActionSet): ActionSet {
  const out = a.slice();
  intersectInto(out, b);
  return out;
}

export function subtract(a: ActionSet, b: ActionSet): ActionSet {
  const out = a.slice();
  subtractInto(out, b);
  return out;
}

export function isEmptySet(set: ActionSet): boolean {
  for (let i = 0; i < set.length; i++) if (set[i] !== 0) return false;
  return true;
}

function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function countActions(set: ActionSet): number {
  let total = 0;
  for (let i = 0; i < set.length; i++) if (set[i] !== 0) total += popcount(set[i]);
  return total;
}

// Counts bits in [start, end); summaries rely on services and access levels being
// contiguous index ranges.
export function countInRange(set: ActionSet, start: number, end: number): number {
  let total = 0;
  for (let i = start; i < end; ) {
    const word = i >>> 5;
    const bit = i & 31;
    const span = Math.min(32 - bit, end - i);
    const mask = span === 32 ? 0xffffffff : ((1 << span) - 1) << bit;
    const masked = set[word] & mask;
    if (masked !== 0) total += popcount(masked);
    i += span;
  }
  return total;
}

export function actionIndices(set: ActionSet): number[] {
  const out: number[] = [];
  for (let word = 0; word < set.length; word++) {
    let bits = set[word];
    while (bits !== 0) {
      const low = bits & -bits;
      out.push((word << 5) + 31 - Math.clz32(low));
      bits ^= low;
    }
  }
  return out;
}
