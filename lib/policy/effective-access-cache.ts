import type { EffectiveAccess } from "./effective-access-types";

// Principals mostly share a handful of policy combinations (the same roles stamped into every
// account, the same groups), so results are reused by combination. Bounded, least recently
// used first out, because unique inline policies make some combinations one-offs. A
// cached result is at most ~11 KB, so the default bound keeps the cache near 100 MB.
export type EffectiveAccessCache = {
  entries: Map<string, EffectiveAccess>;
  maxEntries: number;
  hits: number;
  misses: number;
};

export function createEffectiveAccessCache(options: { maxEntries?: number } = {}): EffectiveAccessCache {
  return { entries: new Map(), maxEntries: options.maxEntries ?? 10_000, hits: 0, misses: 0 };
}

export function readCachedAccess(options: { cache: EffectiveAccessCache; key: string }): EffectiveAccess | undefined {
  const { cache, key } = options;
  const found = cache.entries.get(key);
  if (!found) {
    cache.misses++;
    return undefined;
  }
  cache.hits++;
  cache.entries.delete(key);
  cache.entries.set(key, found);
  return found;
}

export function storeCachedAccess(options: { cache: EffectiveAccessCache; key: string; access: EffectiveAccess }): void {
  const { cache } = options;
  cache.entries.set(options.key, options.access);
  if (cache.entries.size > cache.maxEntries) {
    const oldest = cache.entries.keys().next().value;
    if (oldest !== undefined) cache.entries.delete(oldest);
  }
}
