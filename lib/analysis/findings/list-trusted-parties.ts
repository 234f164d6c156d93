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
  const trusts: TRoleTrust[] = [];
  for (const role of context.model.principals) {
    if (role.kind !== "iam-role" || !role.accountId || role.trustPolicy === null) continue;
    let policy: Policy;
    try {
      policy = parsePolicy({ id: `trust:${role.arn ?? role.key}`, kind: "trust", document: role.trustPolicy });
    } catch {
      continue;
    }
    const parties = classifyTrust({ trustPolicy: policy, roleAccountId: role.accountId, orgAccountIds, knownVendors: options.vendors });
    trusts.push({ role, policy, parties });
  }
  return trusts;
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
