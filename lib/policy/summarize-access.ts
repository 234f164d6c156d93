import { ACCESS_LEVELS, type AccessLevel, type ActionCatalogue } from "./action-catalogue";
import type { EffectiveAccess } from "./effective-access-types";

export type LevelCounts = { allowed: number; partial: number; conditional: number; total: number };

export type ServiceAccessSummary = {
  service: string;
  serviceName: string;
  levels: Record<AccessLevel, LevelCounts>;
  totals: LevelCounts;
};

export type AccessSummary = {
  // Only services where at least one action is allowed in some form.
  services: ServiceAccessSummary[];
  totals: LevelCounts;
  totalsByLevel: Record<AccessLevel, LevelCounts>;
};

// Counts per service and access level. Only the words that hold an allowed action are
// visited, so a narrowly scoped principal costs a few dozen steps, not 22,000.
export function summarizeAccess(options: { effective: EffectiveAccess }): AccessSummary {
  const { catalogue, allowed, partial, conditional } = options.effective;
  const levelCount = ACCESS_LEVELS.length;
  // [service][level][allowed, partial, conditional], flattened.
  const tallies = new Int32Array(catalogue.services.length * levelCount * 3);
  const seen = new Uint8Array(catalogue.services.length);
  const touched: number[] = [];
  const tally = (set: Uint32Array, slot: number) => {
    for (let word = 0; word < set.length; word++) {
      let bits = set[word];
      while (bits !== 0) {
        const low = bits & -bits;
        const index = (word << 5) + 31 - Math.clz32(low);
        const service = catalogue.serviceIndexOf[index];
        const base = (service * levelCount + catalogue.accessLevelOf[index]) * 3;
        if (seen[service] === 0) {
          seen[service] = 1;
          touched.push(service);
        }
        tallies[base + slot]++;
        bits ^= low;
      }
    }
  };
  tally(allowed, 0);
  tally(partial, 1);
  tally(conditional, 2);
  touched.sort((a, b) => a - b);

  const totals = emptyCounts(catalogue.size);
  const levelTotals = actionsPerLevel(catalogue);
  const totalsByLevel = levelRecord((levelIndex) => emptyCounts(levelTotals[levelIndex]));
  const services: ServiceAccessSummary[] = touched.map((serviceIndex) => {
    const service = catalogue.services[serviceIndex];
    const serviceTotals = emptyCounts(0);
    const levels = levelRecord((levelIndex) => {
      const base = (serviceIndex * levelCount + levelIndex) * 3;
      const counts = {
        allowed: tallies[base],
        partial: tallies[base + 1],
        conditional: tallies[base + 2],
        total: service.levelStarts[levelIndex + 1] - service.levelStarts[levelIndex],
      };
      addCounts(serviceTotals, counts);
      addCounts(totalsByLevel[ACCESS_LEVELS[levelIndex]], { ...counts, total: 0 });
      return counts;
    });
    addCounts(totals, { ...serviceTotals, total: 0 });
    return { service: service.key, serviceName: service.name, levels, totals: serviceTotals };
  });
  return { services, totals, totalsByLevel };
}

const actionsPerLevelCache = new WeakMap<ActionCatalogue, number[]>();

function actionsPerLevel(catalogue: ActionCatalogue): number[] {
  let cached = actionsPerLevelCache.get(catalogue);
  if (!cached) {
    cached = ACCESS_LEVELS.map(() => 0);
    for (let index = 0; index < catalogue.size; index++) cached[catalogue.accessLevelOf[index]]++;
    actionsPerLevelCache.set(catalogue, cached);
  }
  return cached;
}

function emptyCounts(total: number): LevelCounts {
  return { allowed: 0, partial: 0, conditional: 0, total };
}

function addCounts(target: LevelCounts, source: LevelCounts): void {
  target.allowed += source.allowed;
  target.partial += source.partial;
  target.conditional += source.conditional;
  target.total += source.total;
}

function levelRecord(make: (levelIndex: number) => LevelCounts): Record<AccessLevel, LevelCounts> {
  return {
    List: make(0),
    Read: make(1),
    Write: make(2),
    "Permissions management": make(3),
    Tagging: make(4),
  };
}
