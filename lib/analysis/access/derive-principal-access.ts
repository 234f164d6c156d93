import {
  ACCESS_LEVELS, detectAdminEquivalence, summarizeAccess,
  type AccessSummary, type EffectiveAccess, type ServiceAccessSummary,
} from "../../policy";
import type { TAccessLevel, TPrincipalAccess } from "../results";

// The part of a principal's access that depends only on its effective access.
export type TDerivedAccess = Omit<TPrincipalAccess, "principalKey" | "accountId">;

// 100,000 principals share a few thousand distinct results, and those results share most of
// their per-service summaries ("s3 fully allowed" recurs everywhere). Interning both keeps
// the output of an organisation-wide run to a few hundred bytes per principal. Interned
// objects are shared between principals: treat them as read-only.
export type TAccessInterner = {
  byEffective: WeakMap<EffectiveAccess, TDerivedAccess>;
  byContent: Map<string, TDerivedAccess>;
  services: Map<string, { id: number; summary: ServiceAccessSummary }>;
  lists: Map<string, string[]>;
};

export function createAccessInterner(): TAccessInterner {
  return { byEffective: new WeakMap(), byContent: new Map(), services: new Map(), lists: new Map() };
}

export function derivePrincipalAccess(options: { interner: TAccessInterner; effective: EffectiveAccess }): TDerivedAccess {
  const { interner, effective } = options;
  const known = interner.byEffective.get(effective);
  if (known) return known;
  const summary = summarizeAccess({ effective });
  const admin = detectAdminEquivalence({ effective });
  const unknownActions = allowedUnknownActions(effective);
  const services = summary.services.map((service) => internService({ interner, service }));
  // Totals are sums over the services and the catalogue, so services + admin paths +
  // unknown actions identify everything this record holds.
  const contentKey = `${services.map((entry) => entry.id).join(",")}#${JSON.stringify(admin.paths)}#${unknownActions.join(",")}`;
  let derived = interner.byContent.get(contentKey);
  if (!derived) {
    const sharedSummary: AccessSummary = { ...summary, services: services.map((entry) => entry.summary) };
    const servicesByLevel = levelRecord((level) =>
      internList({ interner, list: sharedSummary.services.filter((service) => granted(service, level)).map((service) => service.service) }));
    derived = {
      summary: sharedSummary,
      servicesByLevel,
      adminEquivalent: admin.adminEquivalent,
      adminDefinite: admin.definite,
      adminPaths: admin.paths,
      grantedServices: internList({ interner, list: sharedSummary.services.map((service) => service.service) }),
      unknownActions: internList({ interner, list: unknownActions }),
    };
    interner.byContent.set(contentKey, derived);
  }
  interner.byEffective.set(effective, derived);
  return derived;
}

function internService(options: { interner: TAccessInterner; service: ServiceAccessSummary }): { id: number; summary: ServiceAccessSummary } {
  const { service, interner } = options;
  let key = service.service;
  for (const level of ACCESS_LEVELS) {
    const counts = service.levels[level];
    key += `:${counts.allowed}.${counts.partial}.${counts.conditional}`;
  }
  let entry = interner.services.get(key);
  if (!entry) {
    entry = { id: interner.services.size, summary: service };
    interner.services.set(key, entry);
  }
  return entry;
}

function internList(options: { interner: TAccessInterner; list: string[] }): string[] {
  const key = options.list.join(",");
  let list = options.interner.lists.get(key);
  if (!list) {
    list = options.list;
    options.interner.lists.set(key, list);
  }
  return list;
}

function granted(service: ServiceAccessSummary, level: TAccessLevel): boolean {
  const counts = service.levels[level];
  return counts.allowed + counts.partial + counts.conditional > 0;
}

function levelRecord(make: (level: TAccessLevel) => string[]): Record<TAccessLevel, string[]> {
  return { List: make("List"), Read: make("Read"), Write: make("Write"), "Permissions management": make("Permissions management"), Tagging: make("Tagging") };
}

// Unknown entries in Deny statements or NotAction lists restrict nothing a reviewer would
// miss; only allowed ones hint at a typo or at access newer than the catalogue.
function allowedUnknownActions(effective: EffectiveAccess): string[] {
  const found = new Set<string>();
  for (const { layer, compiled } of effective.policies) {
    if ((layer !== "identity" && layer !== "group") || compiled.unknownActions.length === 0) continue;
    const unknown = new Set(compiled.unknownActions);
    for (const statement of compiled.policy.document.statements) {
      if (statement.effect !== "Allow") continue;
      for (const action of statement.actions ?? []) if (unknown.has(action)) found.add(action);
    }
  }
  return [...found].sort();
}
