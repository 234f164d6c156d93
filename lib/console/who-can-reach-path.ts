import type { THop } from "../analysis/results";

export type TPathStep = {
  kind: "principal" | "role" | "group" | "permission-set" | "account";
  label: string;
  /** Principal key, for a link to the principal's page. */
  principalKey?: string;
  /** Account the role lives in (shown beside it). */
  accountName?: string;
  /** This step needs a condition (ExternalId, MFA, source IP, …). */
  conditional?: boolean;
};

const ACCOUNT_ID = /^\d{12}$/;

/**
 * The steps from a principal to the identity whose access counts, in the order a person
 * would follow them: user → role → role, or Identity Center user → group → permission set
 * → AWSReservedSSO role in the account. A direct grant is a single step.
 */
export function describeReachPath(options: {
  principal: { key: string; name: string; accountId: string | null };
  hops: THop[];
  names: Map<string, { name: string; accountId: string | null }>;
  accountName: (accountId: string | null) => string | undefined;
}): { steps: TPathStep[]; text: string } {
  const { principal, names, accountName } = options;
  const steps: TPathStep[] = [{ kind: "principal", label: principal.name, principalKey: principal.key, accountName: accountName(principal.accountId) }];
  for (const hop of options.hops) {
    if (hop.via === "sso-assignment") {
      if (hop.throughGroup) steps.push({ kind: "group", label: hop.throughGroup });
      if (hop.permissionSetName) steps.push({ kind: "permission-set", label: hop.permissionSetName });
    }
    if (ACCOUNT_ID.test(hop.to)) {
      steps.push({ kind: "account", label: `${accountName(hop.to) ?? hop.to} (role not collected)`, conditional: hop.conditional });
      continue;
    }
    const target = names.get(hop.to);
    const accountId = target?.accountId ?? hop.to.split("/")[0];
    steps.push({ kind: "role", label: target?.name ?? hop.to, principalKey: hop.to, accountName: accountName(accountId) ?? accountId, conditional: hop.conditional });
  }
  return { steps, text: options.hops.length === 0 ? "direct" : steps.map(stepText).join(" → ") };
}

function stepText(step: TPathStep): string {
  const prefix = step.kind === "group" ? "group " : step.kind === "permission-set" ? "permission set " : "";
  const where = step.accountName && step.kind !== "account" ? ` (${step.accountName})` : "";
  return `${prefix}${step.label}${where}${step.conditional ? " [conditional]" : ""}`;
}
