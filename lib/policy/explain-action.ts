import { ACCESS_LEVELS, findActionIndex, type AccessLevel } from "./action-catalogue";
import { hasAction } from "./action-set";
import type { ActionStatus, EffectiveAccess, LayerName } from "./effective-access-types";
import type { ConditionClause, StatementRef } from "./policy-types";

export type StatementEvidence = StatementRef & {
  layer: LayerName;
  level?: number;
  resourceScoped: boolean;
  conditional: boolean;
  resources?: string[];
  notResources?: string[];
  conditions: ConditionClause[];
};

export type GrantLevel = "allowed" | "partial" | "conditional" | "not-allowed";

export type CeilingEvidence = { layer: LayerName; level?: number; grant: GrantLevel; statements: StatementEvidence[] };

export type ActionExplanation = {
  action: string;
  accessLevel: AccessLevel;
  status: ActionStatus;
  // Allow statements of the principal's own and group policies.
  grantedBy: StatementEvidence[];
  deniedBy: StatementEvidence[];
  // What each boundary / session / SCP level / RCP level lets through for this action.
  ceilings: CeilingEvidence[];
  // The first layer that lets nothing through, when the action ends up not allowed.
  blockedBy?: { layer: LayerName; level?: number };
};

export function actionStatus(options: { effective: EffectiveAccess; action: string }): ActionStatus {
  const index = requireActionIndex(options);
  const { effective } = options;
  if (hasAction(effective.denied, index)) return "denied";
  if (hasAction(effective.allowed, index)) return "allowed";
  if (hasAction(effective.partial, index)) return "partial";
  if (hasAction(effective.conditional, index)) return "conditional";
  return "not-allowed";
}

// Evidence is rebuilt on demand from the compiled statements rather than stored for every
// action of every principal, which would dwarf the results themselves.
export function explainAction(options: { effective: EffectiveAccess; action: string }): ActionExplanation {
  const { effective } = options;
  const index = requireActionIndex(options);
  const inRcpScope = hasAction(effective.catalogue.rcpActions, index);
  const grantedBy: StatementEvidence[] = [];
  const deniedBy: StatementEvidence[] = [];
  const ceilings = new Map<string, CeilingEvidence>();
  for (const { layer, level, compiled } of effective.policies) {
    if (layer === "rcp" && !inRcpScope) continue;
    const ceilingKey = `${layer}:${level ?? 0}`;
    if (layer !== "identity" && layer !== "group" && !ceilings.has(ceilingKey)) {
      ceilings.set(ceilingKey, { layer, level, grant: "not-allowed", statements: [] });
    }
    for (const statement of compiled.statements) {
      if (statement.matchesNothing || !hasAction(statement.actions, index)) continue;
      const outcome = effective.statementOutcomes.get(statement);
      if (outcome === "false") continue;
      const evidence: StatementEvidence = {
        ...statement.ref,
        layer,
        level,
        resourceScoped: !hasAction(statement.fullCover, index),
        conditional: statement.conditional && outcome !== "true",
        resources: statement.statement.resources,
        notResources: statement.statement.notResources,
        conditions: statement.statement.conditions,
      };
      if (evidence.effect === "Deny") deniedBy.push(evidence);
      else if (layer === "identity" || layer === "group") grantedBy.push(evidence);
      else {
        const ceiling = ceilings.get(ceilingKey)!;
        ceiling.statements.push(evidence);
        ceiling.grant = strongerGrant(ceiling.grant, grantOf(evidence));
      }
    }
  }
  const ceilingList = [...ceilings.values()];
  const principalGrant = grantedBy.reduce<GrantLevel>((best, evidence) => strongerGrant(best, grantOf(evidence)), "not-allowed");
  const blocking = principalGrant === "not-allowed"
    ? { layer: "identity" as const }
    : ceilingList.find((ceiling) => ceiling.grant === "not-allowed");
  const status = actionStatus(options);
  return {
    action: effective.catalogue.actionNames[index],
    accessLevel: ACCESS_LEVELS[effective.catalogue.accessLevelOf[index]],
    status,
    grantedBy,
    deniedBy,
    ceilings: ceilingList,
    blockedBy: status === "not-allowed" && blocking ? { layer: blocking.layer, level: "level" in blocking ? blocking.level : undefined } : undefined,
  };
}

const GRANT_ORDER: GrantLevel[] = ["not-allowed", "conditional", "partial", "allowed"];

function grantOf(evidence: StatementEvidence): GrantLevel {
  if (evidence.conditional) return "conditional";
  return evidence.resourceScoped ? "partial" : "allowed";
}

function strongerGrant(a: GrantLevel, b: GrantLevel): GrantLevel {
  return GRANT_ORDER.indexOf(a) >= GRANT_ORDER.indexOf(b) ? a : b;
}

function requireActionIndex(options: { effective: EffectiveAccess; action: string }): number {
  const index = findActionIndex({ catalogue: options.effective.catalogue, action: options.action });
  if (index === undefined) throw new Error(`Unknown action "${options.action}": not in the IAM action catalogue`);
  return index;
}
