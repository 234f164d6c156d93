import type { TPolicyDocument } from "./policy-document";

export type TTrustPrincipal = {
  type: "AWS" | "Service" | "Federated" | "CanonicalUser" | "*";
  value: string;
  actions: string[];
  /** Condition keys the statement puts on the assumption (sts:ExternalId, aws:PrincipalOrgID, …). */
  conditionKeys: string[];
  negated: boolean;
};

const asArray = (value: unknown): string[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value.map(String) : [String(value)];

/**
 * Every party an Allow statement of a trust policy names, in each form AWS accepts:
 * `"Principal": "*"`, `{"AWS": "123456789012"}`, `{"AWS": ["arn:…:root", …]}`,
 * `{"Service": …}`, `{"Federated": …}`, and NotPrincipal (recorded as negated).
 */
export function trustPrincipals(document: TPolicyDocument): TTrustPrincipal[] {
  const statements = Array.isArray(document.Statement) ? document.Statement : document.Statement ? [document.Statement] : [];
  const result: TTrustPrincipal[] = [];
  for (const raw of statements as Array<Record<string, unknown>>) {
    if (raw?.Effect !== "Allow") continue;
    const actions = asArray(raw.Action);
    const conditionKeys = Object.values((raw.Condition ?? {}) as Record<string, Record<string, unknown>>)
      .flatMap((block) => Object.keys(block ?? {}))
      .sort();
    const negated = raw.NotPrincipal !== undefined;
    const principal = negated ? raw.NotPrincipal : raw.Principal;
    if (principal === "*") {
      result.push({ type: "*", value: "*", actions, conditionKeys, negated });
      continue;
    }
    if (!principal || typeof principal !== "object") continue;
    for (const [type, values] of Object.entries(principal as Record<string, unknown>)) {
      for (const value of asArray(values)) {
        const kind = (["AWS", "Service", "Federated", "CanonicalUser"].includes(type) ? type : "AWS") as TTrustPrincipal["type"];
        result.push({ type: kind === "AWS" && value === "*" ? "*" : kind, value, actions, conditionKeys, negated });
      }
    }
  }
  return result;
}
