import { matchActionPattern, type Statement } from "../../policy";

/**
 * IAM action matching exactly as the access engine does it (lib/policy/match-action.ts):
 * case-insensitive, wildcards in the action name only, so findings name the statements the
 * engine counts ("s3*:Get*" or "*:*" name no action).
 */
export function actionMatches(pattern: string, action: string): boolean {
  return matchActionPattern({ pattern, action });
}

/** Whether an Allow statement grants `action` by its Action or NotAction element (resources aside). */
export function statementAllowsAction(statement: Statement, action: string): boolean {
  if (statement.effect !== "Allow") return false;
  if (statement.actions) return statement.actions.some((pattern) => actionMatches(pattern, action));
  if (statement.notActions) return !statement.notActions.some((pattern) => actionMatches(pattern, action));
  return false;
}
