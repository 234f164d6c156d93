import type { ActionCatalogue } from "./action-catalogue";
import { addRange, createEmptySet, isEmptySet, subtract, subtractInto, unionInto, type ActionSet } from "./action-set";
import { expandActionPattern, expandActionPatterns } from "./expand-action-pattern";
import type { Policy, Statement, StatementRef } from "./policy-types";
import { namesWildcardResource, resourceCover } from "./statement-resource-cover";

export type CompiledStatement = {
  ref: StatementRef;
  statement: Statement;
  actions: ActionSet;
  // The actions for which the statement's resources are every resource of the action's
  // service ("*", "arn:aws:s3:::*"); for the rest of `actions` it is resource-scoped.
  fullCover: ActionSet;
  // NotResource "*" names no resource at all, so the statement never applies.
  matchesNothing: boolean;
  conditional: boolean;
  // Has conditions on the caller's own keys (aws:PrincipalArn, aws:PrincipalOrgID, ...)
  // that known principal facts can settle.
  principalDependent: boolean;
};

// Aggregates cover only the statements that do not depend on principal facts; those are
// evaluated per principal and kept in `principalDependent`.
export type CompiledPolicy = {
  serial: number;
  policy: Policy;
  statements: CompiledStatement[];
  principalDependent: CompiledStatement[];
  // Action/NotAction entries that match no catalogue action: typos, retired actions, or
  // actions newer than the catalogue. They grant nothing here; findings may report them.
  unknownActions: string[];
  allowFull: ActionSet;
  allowPartial: ActionSet;
  allowConditional: ActionSet;
  denyFull: ActionSet;
  denyPartial: ActionSet;
  denyConditional: ActionSet;
};

const compiledCaches = new WeakMap<ActionCatalogue, WeakMap<Policy, CompiledPolicy>>();
const emptySets = new WeakMap<ActionCatalogue, ActionSet>();
let nextSerial = 1;

// Compiled once per Policy object (callers should parse each distinct document once and
// reuse the object for every principal it is attached to).
export function compilePolicy(options: { catalogue: ActionCatalogue; policy: Policy }): CompiledPolicy {
  const { catalogue, policy } = options;
  let cache = compiledCaches.get(catalogue);
  if (!cache) {
    cache = new WeakMap();
    compiledCaches.set(catalogue, cache);
  }
  const cached = cache.get(policy);
  if (cached) return cached;
  const statements = policy.document.statements.map((statement) => compileStatement({ catalogue, policy, statement }));
  const sets = {
    allowFull: createEmptySet(catalogue.size), allowPartial: createEmptySet(catalogue.size), allowConditional: createEmptySet(catalogue.size),
    denyFull: createEmptySet(catalogue.size), denyPartial: createEmptySet(catalogue.size), denyConditional: createEmptySet(catalogue.size),
  };
  for (const compiled of statements) {
    if (compiled.matchesNothing || compiled.principalDependent) continue;
    const allow = compiled.statement.effect === "Allow";
    if (compiled.conditional) {
      unionInto(allow ? sets.allowConditional : sets.denyConditional, compiled.actions);
      continue;
    }
    unionInto(allow ? sets.allowFull : sets.denyFull, compiled.fullCover);
    unionInto(allow ? sets.allowPartial : sets.denyPartial, subtract(compiled.actions, compiled.fullCover));
  }
  const empty = sharedEmptySet(catalogue);
  const shrink = (set: ActionSet) => (isEmptySet(set) ? empty : set);
  const compiledPolicy: CompiledPolicy = {
    serial: nextSerial++,
    policy,
    statements,
    principalDependent: statements.filter((statement) => statement.principalDependent && !statement.matchesNothing),
    unknownActions: unknownActions({ catalogue, policy }),
    allowFull: shrink(sets.allowFull), allowPartial: shrink(sets.allowPartial), allowConditional: shrink(sets.allowConditional),
    denyFull: shrink(sets.denyFull), denyPartial: shrink(sets.denyPartial), denyConditional: shrink(sets.denyConditional),
  };
  cache.set(policy, compiledPolicy);
  return compiledPolicy;
}

function unknownActions(options: { catalogue: ActionCatalogue; policy: Policy }): string[] {
  const patterns = options.policy.document.statements.flatMap((statement) => statement.actions ?? statement.notActions ?? []);
  const unknown = patterns.filter((pattern) => isEmptySet(expandActionPattern({ catalogue: options.catalogue, pattern })));
  return [...new Set(unknown)];
}

export function sharedEmptySet(catalogue: ActionCatalogue): ActionSet {
  let empty = emptySets.get(catalogue);
  if (!empty) {
    empty = createEmptySet(catalogue.size);
    emptySets.set(catalogue, empty);
  }
  return empty;
}

function compileStatement(options: { catalogue: ActionCatalogue; policy: Policy; statement: Statement }): CompiledStatement {
  const { catalogue, statement } = options;
  let actions: ActionSet;
  if (statement.actions) {
    actions = expandActionPatterns({ catalogue, patterns: statement.actions });
  } else {
    actions = catalogue.allActions.slice();
    subtractInto(actions, expandActionPatterns({ catalogue, patterns: statement.notActions ?? [] }));
  }
  // Actions without a resource type are requested on "*" (see namesWildcardResource).
  const namesStar = namesWildcardResource(statement);
  if (!namesStar) actions = withoutWildcardOnly({ catalogue, actions });
  const cover = resourceCover({ catalogue, statement });
  let fullCover: ActionSet;
  if (cover === "all") fullCover = actions;
  else if (cover.length === 0 && !namesStar) fullCover = sharedEmptySet(catalogue);
  else {
    const mask = createEmptySet(catalogue.size);
    for (const serviceIndex of cover) addRange(mask, catalogue.services[serviceIndex].start, catalogue.services[serviceIndex].end);
    if (namesStar) unionInto(mask, catalogue.wildcardOnlyActions);
    else subtractInto(mask, catalogue.wildcardOnlyActions);
    fullCover = actions.slice();
    for (let i = 0; i < fullCover.length; i++) fullCover[i] &= mask[i];
    if (isEmptySet(fullCover)) fullCover = sharedEmptySet(catalogue);
  }
  const conditional = statement.conditions.length > 0;
  return {
    ref: { policyId: options.policy.id, statementIndex: statement.index, sid: statement.sid, effect: statement.effect },
    statement,
    actions,
    fullCover,
    matchesNothing: statement.notResources?.includes("*") ?? false,
    conditional,
    principalDependent: conditional && statement.conditions.some((clause) => isPrincipalKey(clause.key)),
  };
}

const withoutWildcardOnlyCaches = new WeakMap<ActionCatalogue, WeakMap<ActionSet, ActionSet>>();

// `actions` minus the actions without a resource type. Expanded sets are shared between
// statements (expandActionPattern caches them), so the result is shared the same way, and
// a set holding none of those actions is returned as it is: a copy per statement would
// cost a few kilobytes for every statement of every policy of the organization.
function withoutWildcardOnly(options: { catalogue: ActionCatalogue; actions: ActionSet }): ActionSet {
  const { catalogue, actions } = options;
  const wildcardOnly = catalogue.wildcardOnlyActions;
  let overlaps = false;
  for (let i = 0; i < actions.length && !overlaps; i++) overlaps = (actions[i] & wildcardOnly[i]) !== 0;
  if (!overlaps) return actions;
  let cache = withoutWildcardOnlyCaches.get(catalogue);
  if (!cache) withoutWildcardOnlyCaches.set(catalogue, (cache = new WeakMap()));
  let result = cache.get(actions);
  if (!result) cache.set(actions, (result = subtract(actions, wildcardOnly)));
  return result;
}

export function isPrincipalKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith("aws:principal") || lower === "aws:userid" || lower === "aws:username";
}
