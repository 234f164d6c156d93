import type { ActionCatalogue } from "./action-catalogue";
import { createEmptySet, type ActionSet } from "./action-set";
import type { CompiledPolicy, CompiledStatement } from "./compile-policy";
import type { ConditionOutcome } from "./evaluate-conditions";

// Grant (or deny) levels as nested "at least" sets: full ⊆ partial ⊆ conditional.
// Intersecting two layers level by level gives, for every action at once, the weaker of the
// two grants.
export type GrantSets = { full: ActionSet; partial: ActionSet; conditional: ActionSet };

export type StatementOutcomes = Map<CompiledStatement, ConditionOutcome>;

export function createGrantSets(size: number): GrantSets {
  return { full: createEmptySet(size), partial: createEmptySet(size), conditional: createEmptySet(size) };
}

export function clearGrantSets(sets: GrantSets): void {
  sets.full.fill(0);
  sets.partial.fill(0);
  sets.conditional.fill(0);
}

// ORs what the policies allow or deny into `into`. Allows end up in "at least" form. Denies
// stay three independent flags (denied outright / on some resources / under a condition),
// because one action can carry both a scoped and a conditional deny and each narrows the
// grant differently.
export function addPolicyGrants(options: {
  into: GrantSets;
  policies: CompiledPolicy[];
  effect: "Allow" | "Deny";
  statementOutcomes: StatementOutcomes;
}): void {
  const { into, effect } = options;
  const { full, partial, conditional } = into;
  const words = full.length;
  for (const compiled of options.policies) {
    const sourceFull = effect === "Allow" ? compiled.allowFull : compiled.denyFull;
    const sourcePartial = effect === "Allow" ? compiled.allowPartial : compiled.denyPartial;
    const sourceConditional = effect === "Allow" ? compiled.allowConditional : compiled.denyConditional;
    for (let i = 0; i < words; i++) {
      full[i] |= sourceFull[i];
      partial[i] |= sourcePartial[i];
      conditional[i] |= sourceConditional[i];
    }
    for (const statement of compiled.principalDependent) {
      if (statement.statement.effect !== effect) continue;
      addStatement({ into, statement, outcome: options.statementOutcomes.get(statement) });
    }
  }
  if (effect === "Deny") return;
  for (let i = 0; i < words; i++) {
    partial[i] |= full[i];
    conditional[i] |= partial[i];
  }
}

function addStatement(options: { into: GrantSets; statement: CompiledStatement; outcome: ConditionOutcome | undefined }): void {
  const { into, statement, outcome } = options;
  if (outcome === "false") return;
  const { actions, fullCover } = statement;
  for (let i = 0; i < actions.length; i++) {
    if (outcome === "true") {
      into.full[i] |= fullCover[i];
      into.partial[i] |= actions[i] & ~fullCover[i];
    } else {
      into.conditional[i] |= actions[i];
    }
  }
}

export function intersectGrantSets(target: GrantSets, source: GrantSets): void {
  for (let i = 0; i < target.full.length; i++) {
    target.full[i] &= source.full[i];
    target.partial[i] &= source.partial[i];
    target.conditional[i] &= source.conditional[i];
  }
}

export function unionGrantSets(target: GrantSets, source: GrantSets): void {
  for (let i = 0; i < target.full.length; i++) {
    target.full[i] |= source.full[i];
    target.partial[i] |= source.partial[i];
    target.conditional[i] |= source.conditional[i];
  }
}

const scratchSets = new WeakMap<ActionCatalogue, GrantSets>();

// One reusable working buffer per catalogue: evaluation is synchronous, so it is never
// shared between two evaluations in flight, and it spares the garbage collector three
// allocations per layer per principal.
export function scratchGrantSets(catalogue: ActionCatalogue): GrantSets {
  let sets = scratchSets.get(catalogue);
  if (!sets) {
    sets = createGrantSets(catalogue.size);
    scratchSets.set(catalogue, sets);
  }
  clearGrantSets(sets);
  return sets;
}
