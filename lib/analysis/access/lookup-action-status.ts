import { actionStatus, type ActionStatus } from "../../policy";
import type { TPrincipal } from "../model";
import { evaluatePrincipal, type TPrincipalEvaluator } from "./create-principal-evaluator";

// Answers "may this principal perform this action" on demand, for the few candidates of an
// action query: results only keep per-level counts, and re-evaluating a principal hits the
// evaluator's cache for all but unusual policy combinations.
export function createActionStatusLookup(options: { evaluator: TPrincipalEvaluator }): (query: { principalKey: string; action: string }) => ActionStatus {
  const { evaluator } = options;
  let principals: Map<string, TPrincipal> | undefined;
  return ({ principalKey, action }) => {
    principals ??= new Map(evaluator.model.principals.map((principal) => [principal.key, principal]));
    const principal = principals.get(principalKey);
    const effective = principal ? evaluatePrincipal({ evaluator, principal }) : null;
    return effective ? actionStatus({ effective, action }) : "not-allowed";
  };
}
