import type { Statement } from "../../policy";

const patterns = new Map<string, RegExp>();

/** IAM action matching: case-insensitive, `*` and `?` wildcards, as the Action element. */
export function actionMatches(pattern: string, action: string): boolean {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    patterns.set(pattern, regex);
  }
  return regex.test(action);
}

/** Whether an Allow statement grants `action` by its Action or NotAction element (resources aside). */
export function statementAllowsAction(statement: Statement, action: string): boolean {
  if (statement.effect !== "Allow") return false;
  if (statement.actions) return statement.actions.some((pattern) => actionMatches(pattern, action));
  if (statement.notActions) return !statement.notActions.some((pattern) => actionMatches(pattern, action));
  return false;
}
