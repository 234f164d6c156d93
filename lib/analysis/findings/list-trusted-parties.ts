import { classifyTrust, parsePolicy, type Policy, type Statement, type TrustedParty } from "../../policy";
import type { TPrincipal } from "../model";
import type { TFindingContext } from "./build-finding-context";

export type TRoleTrust = { role: TPrincipal; policy: Policy; parties: TrustedParty[] };

/**
 * Every role's trust policy, parsed and classified once for all trust rules. A document
 * lib/policy cannot parse is skipped here; the access computation reports it.
 */
export function listTrustedParties(options: { context: TFindingContext; vendors: Record<string, string> }): TRoleTrust[] {
  const { context } = options;
  const orgAccountIds = context.model.accounts.map((account) => account.id);
  // Thousands of roles share a handful of trust documents (Identity Center, StackSets, the
  // collector's own role), so each distinct document is parsed once.
  const parsed = new Map<string, Policy | null>();
  const trusts: TRoleTrust[] = [];
  for (const role of context.model.principals) {
    if (role.kind !== "iam-role" || !role.accountId || role.trustPolicy === null) continue;
    const text = typeof role.trustPolicy === "string" ? role.trustPolicy : JSON.stringify(role.trustPolicy);
    if (!parsed.has(text)) parsed.set(text, parseTrust({ id: `trust:${role.arn ?? role.key}`, document: role.trustPolicy }));
    const policy = parsed.get(text);
    if (!policy) continue;
    const parties = classifyTrust({ trustPolicy: policy, roleAccountId: role.accountId, orgAccountIds, knownVendors: options.vendors });
    trusts.push({ role, policy, parties });
  }
  return trusts;
}

function parseTrust(options: { id: string; document: unknown }): Policy | null {
  try {
    return parsePolicy({ id: options.id, kind: "trust", document: options.document });
  } catch {
    return null;
  }
}

/** The statement as parsed, in a form a reviewer can compare with the policy in AWS. */
export function describeStatement(options: { policy: Policy; party: TrustedParty }): Record<string, unknown> {
  const statement: Statement | undefined = options.policy.document.statements[options.party.statement.statementIndex];
  return {
    index: options.party.statement.statementIndex,
    sid: options.party.statement.sid ?? null,
    principal: options.party.viaNotPrincipal ? { notPrincipal: options.party.principal } : options.party.principal,
    actions: statement?.actions ?? null,
    notActions: statement?.notActions ?? null,
    conditions: options.party.conditions.clauses,
  };
}

/** Role facts every trust finding carries. */
export function describeRole(role: TPrincipal): Record<string, unknown> {
  return { roleArn: role.arn, roleName: role.name, rolePath: role.path };
}
