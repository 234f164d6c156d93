import "server-only";
import { createPrincipalEvaluator, evaluatePrincipal } from "../analysis/access/create-principal-evaluator";
import { loadOrgModel } from "../analysis/load-org-model";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { ACCESS_LEVELS, hasAction, loadActionCatalogue, type EffectiveAccess } from "../policy";
import { assertCan } from "./assert-can";
import { findLatestAnalysis } from "./find-latest-analysis";

export type TActionGrant = "allowed" | "partial" | "conditional";
export type TServiceActions = { service: string; levels: Array<{ level: (typeof ACCESS_LEVELS)[number]; actions: Array<{ action: string; grant: TActionGrant }> }> };

/** The granted actions of one service, level by level, from a principal's effective access. */
export function serviceActionsOf(options: { effective: EffectiveAccess; service: string }): TServiceActions | null {
  const { catalogue, allowed, partial, conditional } = options.effective;
  const serviceIndex = catalogue.serviceIndexByKey.get(options.service.toLowerCase());
  if (serviceIndex === undefined) return null;
  const { levelStarts, key } = catalogue.services[serviceIndex];
  const levels = ACCESS_LEVELS.map((level, levelIndex) => {
    const actions: TServiceActions["levels"][number]["actions"] = [];
    for (let index = levelStarts[levelIndex]; index < levelStarts[levelIndex + 1]; index++) {
      const grant: TActionGrant | null = hasAction(allowed, index) ? "allowed" : hasAction(partial, index) ? "partial" : hasAction(conditional, index) ? "conditional" : null;
      if (grant) actions.push({ action: catalogue.actionNames[index], grant });
    }
    return { level, actions };
  }).filter((level) => level.actions.length > 0);
  return { service: key, levels };
}

/**
 * One service's actions a principal is granted, as of the latest analysed snapshot. The
 * materialised analysis keeps counts per service and level, so the actions come from the
 * policy engine over that account's snapshot, on request (one service at a time).
 */
export async function getPrincipalServiceActions(options: { user: TSessionUser; principalKey: string; service: string }): Promise<TServiceActions | null> {
  assertCan(options.user, "inventory.read");
  const [accountId] = options.principalKey.split("/");
  if (!/^\d{12}$/.test(accountId ?? "")) return null;
  const { pool } = getDb();
  const analysis = await findLatestAnalysis({ pool });
  if (!analysis) return null;
  const [model, catalogue] = await Promise.all([
    loadOrgModel({ pool, runId: analysis.collectionRunId, asOf: analysis.asOf, accountIds: [accountId] }),
    loadActionCatalogue(),
  ]);
  const principal = model.principals.find((p) => p.key === options.principalKey);
  if (!principal) return null;
  const effective = evaluatePrincipal({ evaluator: createPrincipalEvaluator({ model, catalogue }), principal });
  return effective ? serviceActionsOf({ effective, service: options.service }) : null;
}
