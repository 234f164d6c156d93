import type { ActionCatalogue } from "./action-catalogue";
import { addAction, addRange, createEmptySet, unionInto, type ActionSet } from "./action-set";
import { compileWildcard, hasWildcard } from "./compile-wildcard";

const expansionCaches = new WeakMap<ActionCatalogue, Map<string, ActionSet>>();

// Expands one Action/NotAction entry ("s3:Get*", "*", "iam:*Policy*") to the catalogue
// actions it matches, case-insensitively as IAM does. Results are cached per catalogue and
// shared: do not mutate the returned set.
export function expandActionPattern(options: { catalogue: ActionCatalogue; pattern: string }): ActionSet {
  const { catalogue } = options;
  let cache = expansionCaches.get(catalogue);
  if (!cache) {
    cache = new Map();
    expansionCaches.set(catalogue, cache);
  }
  const key = options.pattern.toLowerCase();
  const cached = cache.get(key);
  if (cached) return cached;
  const expanded = key === "*" ? catalogue.allActions : expandUncached({ catalogue, pattern: key });
  cache.set(key, expanded);
  return expanded;
}

// Union of several patterns; a single pattern returns the shared cached set.
export function expandActionPatterns(options: { catalogue: ActionCatalogue; patterns: string[] }): ActionSet {
  if (options.patterns.length === 1) return expandActionPattern({ catalogue: options.catalogue, pattern: options.patterns[0] });
  const set = createEmptySet(options.catalogue.size);
  for (const pattern of options.patterns) unionInto(set, expandActionPattern({ catalogue: options.catalogue, pattern }));
  return set;
}

function expandUncached(options: { catalogue: ActionCatalogue; pattern: string }): ActionSet {
  const { catalogue, pattern } = options;
  const set = createEmptySet(catalogue.size);
  const colon = pattern.indexOf(":");
  if (colon < 0) return set;
  const servicePart = pattern.slice(0, colon);
  const actionPart = pattern.slice(colon + 1);
  // A wildcard in the service prefix names no action (see matchActionPattern).
  if (hasWildcard(servicePart)) return set;
  const serviceIndices = [catalogue.serviceIndexByKey.get(servicePart)].filter((index): index is number => index !== undefined);

  for (const serviceIndex of serviceIndices) {
    const service = catalogue.services[serviceIndex];
    if (actionPart === "*") {
      addRange(set, service.start, service.end);
    } else if (!hasWildcard(actionPart)) {
      const index = catalogue.actionIndexByName.get(`${service.key}:${actionPart}`);
      if (index !== undefined) addAction(set, index);
    } else {
      const regex = compileWildcard({ pattern: actionPart, ignoreCase: true });
      for (let index = service.start; index < service.end; index++) {
        if (regex.test(catalogue.lowerActionParts[index])) addAction(set, index);
      }
    }
  }
  return set;
}
