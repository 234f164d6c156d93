import { hasWildcard, matchWildcard } from "./compile-wildcard";

// Whether one Action/NotAction entry names an action. IAM JSON policy elements: Action,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html:
// an entry is "*" or a service namespace as prefix followed by the action name, both case
// insensitive, and wildcards go "as part of the action name" ("s3:*", "iam:*AccessKey*").
// A wildcard in the prefix ("s3*:Get*", "*:ListTagsForResource") is not a service namespace,
// so the entry names no action; the set computation (expandActionPattern) reads it the
// same way.
export function matchActionPattern(options: { pattern: string; action: string }): boolean {
  const { pattern, action } = options;
  if (pattern === "*") return true;
  const colon = pattern.indexOf(":");
  if (colon <= 0) return false;
  const service = pattern.slice(0, colon);
  if (hasWildcard(service)) return false;
  const actionColon = action.indexOf(":");
  if (actionColon <= 0 || action.slice(0, actionColon).toLowerCase() !== service.toLowerCase()) return false;
  return matchWildcard({ pattern: pattern.slice(colon + 1), value: action.slice(actionColon + 1), ignoreCase: true });
}
