import { statementGrants } from "./get-principal-policy-segments";

const ASSUME_ACTIONS = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"];

type TStatement = { Effect?: unknown; Action?: unknown; NotAction?: unknown; Condition?: Record<string, Record<string, unknown>> };

const statementsOf = (document: unknown): TStatement[] => {
  if (!document || typeof document !== "object" || !("Statement" in document)) return [];
  const raw = (document as { Statement: unknown }).Statement;
  return (Array.isArray(raw) ? raw : [raw]).filter((s): s is TStatement => Boolean(s) && typeof s === "object");
};

const keysOf = (statement: TStatement): string[] =>
  Object.values(statement.Condition ?? {}).flatMap((clause) => (clause && typeof clause === "object" ? Object.keys(clause) : []));

/**
 * The condition keys that make access conditional: of the Allow and Deny statements on
 * actions of `service` (identity policies, SCPs, RCPs), or of the statements allowing
 * sts:AssumeRole* (`assume`: a role's trust policy). Sorted, without duplicates.
 */
export function conditionKeysOf(options: { document: unknown; service?: string; assume?: boolean }): string[] {
  const keys = new Set<string>();
  for (const statement of statementsOf(options.document)) {
    if (!statement.Condition) continue;
    const grants = options.assume
      ? statementGrants({ statement, actions: ASSUME_ACTIONS })
      // A conditional Deny on the service makes its access conditional as much as a conditional Allow does.
      : options.service !== undefined && (statement.Effect === "Allow" || statement.Effect === "Deny")
        && statementGrants({ statement: { ...statement, Effect: "Allow" }, actions: [], service: options.service });
    if (grants) for (const key of keysOf(statement)) keys.add(key);
  }
  return [...keys].sort();
}
