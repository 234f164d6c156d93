import { statementGrants } from "./get-principal-policy-segments";

const ASSUME_ACTIONS = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"];

const statementsOf = (document: unknown): Array<Record<string, unknown>> => {
  if (!document || typeof document !== "object" || !("Statement" in document)) return [];
  const raw = (document as { Statement: unknown }).Statement;
  return (Array.isArray(raw) ? raw : [raw]).filter((s): s is Record<string, unknown> => Boolean(s) && typeof s === "object");
};

const mentions = (statement: Record<string, unknown>, needles: string[]) => {
  const principal = JSON.stringify(statement.Principal ?? statement.NotPrincipal ?? "");
  return principal.includes('"*"') || needles.some((needle) => principal.includes(needle));
};

/**
 * The statements of a trust policy that let a caller in: Allow statements on
 * sts:AssumeRole* whose Principal names the caller (its ARN, its account, its account's
 * root) or "*". A statement naming someone else is left out, so the evidence is the
 * statement that matters.
 */
export function trustStatementsFor(options: { trust: unknown; callerArn: string | null; callerAccountId: string | null; federated?: boolean }): Array<Record<string, unknown>> {
  const needles = [options.callerArn, options.callerAccountId].filter((n): n is string => Boolean(n));
  return statementsOf(options.trust).filter((statement) =>
    statementGrants({ statement, actions: ASSUME_ACTIONS }) && (options.federated || needles.length === 0 || mentions(statement, needles)));
}

/** The identity-policy statements that allow sts:AssumeRole (the caller's half of a role assumption). */
export function assumeGrantingStatements(options: { policies: Array<{ name: string; document: unknown }> }): Array<{ policy: string; statement: Record<string, unknown> }> {
  return options.policies.flatMap((p) => statementsOf(p.document).filter((statement) => statementGrants({ statement, actions: ["sts:AssumeRole"] })).map((statement) => ({ policy: p.name, statement })));
}
