import { lookupContextKey, type ConditionContext } from "./condition-context";

const VARIABLE = /\$\{([^}]*)\}/g;

// Substitutes ${aws:username}-style variables. Returns undefined when a variable's value is
// unknown, so the caller keeps the statement conditional instead of guessing.
export function resolvePolicyVariables(options: { text: string; context: ConditionContext }): string | undefined {
  if (!options.text.includes("${")) return options.text;
  let unresolved = false;
  const resolved = options.text.replace(VARIABLE, (_match, body: string) => {
    if (body === "*" || body === "?" || body === "$") return body;
    const [key, fallback] = splitDefault(body);
    const value = lookupContextKey({ context: options.context, key });
    if (value && value.length === 1) return value[0];
    if (value === null && fallback !== undefined) return fallback;
    unresolved = true;
    return "";
  });
  return unresolved ? undefined : resolved;
}

// ${aws:PrincipalTag/team, 'none'}: the value after the comma is used when the key is absent.
function splitDefault(body: string): [string, string | undefined] {
  const comma = body.indexOf(",");
  if (comma < 0) return [body.trim(), undefined];
  const fallback = body.slice(comma + 1).trim().replace(/^'(.*)'$/, "$1");
  return [body.slice(0, comma).trim(), fallback];
}
