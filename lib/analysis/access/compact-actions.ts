import { hasAction, type ActionCatalogue, type EffectiveAccess } from "../../policy";

// The List and Read actions of one service the principal is granted in any form.
export function grantedReadActions(options: { effective: EffectiveAccess; service: string }): string[] {
  const { catalogue, allowed, partial, conditional } = options.effective;
  const serviceIndex = catalogue.serviceIndexByKey.get(options.service.toLowerCase());
  if (serviceIndex === undefined) return [];
  const { levelStarts } = catalogue.services[serviceIndex];
  const actions: string[] = [];
  // List and Read are the first two level ranges of a service.
  for (let index = levelStarts[0]; index < levelStarts[2]; index++) {
    if (hasAction(allowed, index) || hasAction(partial, index) || hasAction(conditional, index)) actions.push(catalogue.actionNames[index]);
  }
  return actions;
}

// Replaces a run of actions by "service:Verb*" when that pattern matches exactly those
// actions of the catalogue, so the suggestion stays readable and under the size limit
// without granting anything the explicit list would not.
export function compactActions(options: { catalogue: ActionCatalogue; service: string; actions: string[] }): string[] {
  const { catalogue } = options;
  const serviceIndex = catalogue.serviceIndexByKey.get(options.service.toLowerCase());
  if (serviceIndex === undefined) return [...options.actions].sort();
  const { start, end, key } = catalogue.services[serviceIndex];
  const kept = new Set(options.actions.map((action) => action.toLowerCase()));
  const byVerb = new Map<string, string[]>();
  for (const action of options.actions) {
    const verb = /^[^:]+:([A-Z][a-z]+)/.exec(action)?.[1];
    if (!verb) continue;
    byVerb.set(verb, [...(byVerb.get(verb) ?? []), action]);
  }
  const out = new Set(options.actions);
  for (const [verb, actions] of byVerb) {
    const prefix = verb.toLowerCase();
    let covered = true;
    for (let index = start; index < end && covered; index++) {
      if (catalogue.lowerActionParts[index].startsWith(prefix) && !kept.has(`${key}:${catalogue.lowerActionParts[index]}`)) covered = false;
    }
    if (!covered || actions.length < 2) continue;
    for (const action of actions) out.delete(action);
    out.add(`${key}:${verb}*`);
  }
  return [...out].sort();
}
