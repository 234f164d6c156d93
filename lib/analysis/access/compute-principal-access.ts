import type { ActionCatalogue } from "../../policy";
import type { TOrgModel } from "../model";
import type { TPrincipalAccess } from "../results";
import { createPrincipalEvaluator, evaluatePrincipal, type TPrincipalEvaluator } from "./create-principal-evaluator";
import { createAccessInterner, derivePrincipalAccess, type TAccessInterner } from "./derive-principal-access";

export type TComputePrincipalAccessOptions = {
  model: TOrgModel;
  catalogue: ActionCatalogue;
  // Pass the evaluator on to computeReachability to reuse parsed policies, cached results
  // and the sts:AssumeRole status noted here.
  evaluator?: TPrincipalEvaluator;
  interner?: TAccessInterner;
};

// Effective access of every IAM user and role in its own account: identity and group
// policies, permission boundary, the SCPs of each level of the account's OU path and its
// RCPs (management account and service-linked roles exempt). Only the compact summary of a
// principal outlives its turn; its bitsets live in the engine's bounded cache at most.
export function computePrincipalAccess(options: TComputePrincipalAccessOptions): TPrincipalAccess[] {
  const evaluator = options.evaluator ?? createPrincipalEvaluator({ model: options.model, catalogue: options.catalogue });
  const interner = options.interner ?? createAccessInterner();
  const results: TPrincipalAccess[] = [];
  for (const principal of options.model.principals) {
    const effective = evaluatePrincipal({ evaluator, principal });
    if (!effective || !principal.accountId) continue;
    results.push({ principalKey: principal.key, accountId: principal.accountId, ...derivePrincipalAccess({ interner, effective }) });
  }
  return results;
}
