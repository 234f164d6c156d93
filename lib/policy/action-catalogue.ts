import { addAction, addRange, createEmptySet, type ActionSet } from "./action-set";

// The catalogue of every IAM action, laid out so that each service, and within it each
// access level, is one contiguous index range: pattern expansion scans only the service's
// range and summaries count bits per range instead of visiting actions one by one.

export const ACCESS_LEVELS = ["List", "Read", "Write", "Permissions management", "Tagging"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export type CatalogueService = {
  key: string;
  name: string;
  start: number;
  end: number;
  // levelStarts[l]..levelStarts[l + 1] is the range of ACCESS_LEVELS[l]; length 6.
  levelStarts: number[];
  supportsRcp: boolean;
};

export type ActionCatalogue = {
  size: number;
  // "s3:GetObject", as AWS spells it.
  actionNames: string[];
  // "getobject": lower-case action part, what case-insensitive patterns are tested against.
  lowerActionParts: string[];
  serviceIndexOf: Uint16Array;
  accessLevelOf: Uint8Array;
  services: CatalogueService[];
  serviceIndexByKey: Map<string, number>;
  // "s3:getobject" -> index
  actionIndexByName: Map<string, number>;
  allActions: ActionSet;
  rcpActions: ActionSet;
  // Actions without a resource type in the Service Authorization Reference (s3:ListAllMyBuckets,
  // ec2:DescribeInstances): only a Resource that matches "*" itself names them.
  wildcardOnlyActions: ActionSet;
};

export type CatalogueSource = {
  services: {
    key: string;
    name: string;
    supportsRcp: boolean;
    // wildcardOnly: the action lists no resource type.
    actions: { name: string; accessLevel: AccessLevel; wildcardOnly?: boolean }[];
  }[];
};

export function buildActionCatalogue(source: CatalogueSource): ActionCatalogue {
  const services = [...source.services].sort((a, b) => compareText(a.key.toLowerCase(), b.key.toLowerCase()));
  const size = services.reduce((total, service) => total + service.actions.length, 0);
  const actionNames: string[] = new Array(size);
  const lowerActionParts: string[] = new Array(size);
  const serviceIndexOf = new Uint16Array(size);
  const accessLevelOf = new Uint8Array(size);
  const catalogueServices: CatalogueService[] = [];
  const serviceIndexByKey = new Map<string, number>();
  const actionIndexByName = new Map<string, number>();
  const allActions = createEmptySet(size);
  const rcpActions = createEmptySet(size);
  const wildcardOnlyActions = createEmptySet(size);

  let next = 0;
  for (const [serviceIndex, service] of services.entries()) {
    const key = service.key.toLowerCase();
    const ordered = [...service.actions].sort(
      (a, b) => ACCESS_LEVELS.indexOf(a.accessLevel) - ACCESS_LEVELS.indexOf(b.accessLevel) || compareText(a.name, b.name),
    );
    const start = next;
    const levelStarts: number[] = [];
    for (let level = 0; level < ACCESS_LEVELS.length; level++) {
      levelStarts.push(next);
      for (const action of ordered) {
        if (action.accessLevel !== ACCESS_LEVELS[level]) continue;
        actionNames[next] = `${key}:${action.name}`;
        lowerActionParts[next] = action.name.toLowerCase();
        serviceIndexOf[next] = serviceIndex;
        accessLevelOf[next] = level;
        actionIndexByName.set(`${key}:${action.name.toLowerCase()}`, next);
        if (action.wildcardOnly) addAction(wildcardOnlyActions, next);
        next++;
      }
    }
    levelStarts.push(next);
    catalogueServices.push({ key, name: service.name, start, end: next, levelStarts, supportsRcp: service.supportsRcp });
    serviceIndexByKey.set(key, serviceIndex);
    if (service.supportsRcp) addRange(rcpActions, start, next);
  }
  addRange(allActions, 0, size);
  return {
    size, actionNames, lowerActionParts, serviceIndexOf, accessLevelOf,
    services: catalogueServices, serviceIndexByKey, actionIndexByName, allActions, rcpActions, wildcardOnlyActions,
  };
}

export function findActionIndex(options: { catalogue: ActionCatalogue; action: string }): number | undefined {
  return options.catalogue.actionIndexByName.get(options.action.toLowerCase());
}

export function accessLevelOfAction(options: { catalogue: ActionCatalogue; action: string }): AccessLevel | undefined {
  const index = findActionIndex(options);
  return index === undefined ? undefined : ACCESS_LEVELS[options.catalogue.accessLevelOf[index]];
}

export function serviceActions(options: { catalogue: ActionCatalogue; service: string }): ActionSet {
  const set = createEmptySet(options.catalogue.size);
  const index = options.catalogue.serviceIndexByKey.get(options.service.toLowerCase());
  if (index !== undefined) addRange(set, options.catalogue.services[index].start, options.catalogue.services[index].end);
  return set;
}

export function actionSetOf(options: { catalogue: ActionCatalogue; actions: string[] }): ActionSet {
  const set = createEmptySet(options.catalogue.size);
  for (const action of options.actions) {
    const index = findActionIndex({ catalogue: options.catalogue, action });
    if (index !== undefined) addAction(set, index);
  }
  return set;
}

// Locale-independent so index layout is identical on every machine.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
