import type { TFinding, TPrincipalAccess, TReach } from "../results";
import type { TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

export const ADMIN_VIA_ROLE_ASSUMPTION: TFindingRule = {
  id: "admin-via-role-assumption",
  category: "admin",
  title: "Principal can become administrator by assuming a role",
  description: "The principal is not an administrator itself, but can reach an admin-equivalent role through role assumption or an Identity Center assignment. Medium when every such path depends on conditions (ExternalId, MFA, source IP) or the target's admin access is itself conditional.",
  severity: "high",
  cisControl: null,
  remediation: "Check that the person or workload should hold administrator access in these accounts; remove the assignment or narrow the target role's trust policy otherwise.",
};

// Evidence stays readable for principals that reach thousands of accounts.
const PATHS_SHOWN = 50;

export function findAdminViaAssumption(options: { context: TFindingContext; access: Map<string, TPrincipalAccess>; reach: TReach[] }): TFinding[] {
  const { context, access } = options;
  const bySource = new Map<string, TReach[]>();
  for (const reach of options.reach) {
    const target = access.get(reach.targetKey);
    if (!target?.adminEquivalent) continue;
    // A definite administrator already has a finding of its own; reaching more adds nothing.
    if (access.get(reach.sourceKey)?.adminDefinite) continue;
    const list = bySource.get(reach.sourceKey) ?? [];
    list.push(reach);
    bySource.set(reach.sourceKey, list);
  }
  const findings: TFinding[] = [];
  for (const [sourceKey, reaches] of bySource) {
    const source = context.principalsByKey.get(sourceKey);
    const sorted = [...reaches].sort((a, b) => a.targetAccountId.localeCompare(b.targetAccountId) || a.targetKey.localeCompare(b.targetKey));
    const definite = (reach: TReach) => !reach.conditional && Boolean(access.get(reach.targetKey)?.adminDefinite);
    findings.push(makeFinding({
      rule: ADMIN_VIA_ROLE_ASSUMPTION,
      accountId: source?.accountId ?? null,
      resourceKey: sourceKey,
      resourceName: source?.name ?? sourceKey,
      severity: sorted.some(definite) ? "high" : "medium",
      evidence: {
        principalArn: source?.arn ?? null,
        principalKind: source?.kind ?? null,
        targetAccountCount: new Set(sorted.map((reach) => reach.targetAccountId)).size,
        pathCount: sorted.length,
        paths: sorted.slice(0, PATHS_SHOWN).map((reach) => {
          const target = access.get(reach.targetKey);
          return {
            targetKey: reach.targetKey,
            targetName: context.principalsByKey.get(reach.targetKey)?.name ?? reach.targetKey,
            targetAccountId: reach.targetAccountId,
            conditional: reach.conditional,
            targetAdminDefinite: target?.adminDefinite ?? false,
            targetAdminPathIds: target?.adminPaths.map((path) => path.id) ?? [],
            hops: reach.hops,
          };
        }),
      },
    }));
  }
  return findings;
}
