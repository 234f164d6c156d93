import type { AdminPath } from "../../policy";
import type { TPrincipal } from "../model";
import type { TFinding, TPrincipalAccess, TSeverity } from "../results";
import type { TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

export const ADMIN_FULL: TFindingRule = {
  id: "admin-full",
  category: "admin",
  title: "Principal has full administrator access",
  description: "The principal's own policies (within its permission boundary) allow every action of every service. Where the account's SCPs or RCPs deny some actions (a DenyLeaveOrganization guardrail, a region lock) it is a full administrator within that ceiling, in any account, and the evidence lists what the ceiling denies. Medium when some actions are only allowed on some resources or under conditions; low for roles Identity Center materialises (the people assigned to them are reported by admin-via-role-assumption).",
  severity: "high",
  cisControl: null,
  remediation: "Confirm the principal needs administrator access; otherwise replace its policies with least-privilege ones. Keep administrator roles few, assumable only with MFA, and reviewed every six months (PCI DSS 7.2.4).",
};

export const ADMIN_ESCALATION: TFindingRule = {
  id: "admin-escalation",
  category: "admin",
  title: "Principal can escalate to administrator",
  description: "The principal is not a full administrator but holds a combination of actions that lets it raise its own permissions (e.g. iam:CreatePolicyVersion, iam:AttachRolePolicy, iam:PassRole with ec2:RunInstances), so it is admin-equivalent. Medium when every open path needs conditions or only works on some resources.",
  severity: "high",
  cisControl: null,
  remediation: "Remove the listed actions or scope them to resources that cannot grant more privilege (a permission boundary on created roles, iam:PassRole limited to specific role ARNs).",
};

export function findAdminPrincipals(options: { context: TFindingContext; access: Map<string, TPrincipalAccess> }): TFinding[] {
  const findings: TFinding[] = [];
  for (const access of options.access.values()) {
    if (!access.adminEquivalent || access.adminPaths.length === 0) continue;
    const principal = options.context.principalsByKey.get(access.principalKey);
    // Service-linked roles are assumable only by their service and cannot be changed.
    if (principal?.serviceLinked) continue;
    const fullAdmin = access.adminPaths.find((path) => path.kind === "full-admin");
    const paths = fullAdmin ? [fullAdmin] : access.adminPaths;
    const openOutright = paths.some((path) => path.grant === "allowed");
    const rule = fullAdmin ? ADMIN_FULL : ADMIN_ESCALATION;
    const ceilingDenied = fullAdmin?.ceilingDeniedActionCount ?? 0;
    findings.push(makeFinding({
      rule,
      ...(ceilingDenied > 0 && { title: `${rule.title} within its SCP/RCP ceiling: ${principal?.name ?? access.principalKey}` }),
      accountId: access.accountId,
      resourceKey: access.principalKey,
      resourceName: principal?.name ?? access.principalKey,
      severity: severityOf({ principal, openOutright }),
      evidence: {
        principalArn: principal?.arn ?? null,
        principalKind: principal?.kind ?? null,
        ssoPermissionSetName: principal?.ssoPermissionSetName ?? null,
        adminDefinite: access.adminDefinite,
        paths: paths.map(describeAdminPath),
        otherEscalationPathIds: fullAdmin ? access.adminPaths.filter((path) => path !== fullAdmin).map((path) => path.id) : [],
        grantedServiceCount: access.grantedServices.length,
      },
    }));
  }
  return findings;
}

function severityOf(options: { principal: TPrincipal | undefined; openOutright: boolean }): TSeverity {
  if (options.principal?.ssoPermissionSetName) return "low";
  return options.openOutright ? "high" : "medium";
}

export function describeAdminPath(path: AdminPath): Record<string, unknown> {
  return {
    id: path.id,
    kind: path.kind,
    description: path.description,
    actions: path.actions,
    grant: path.grant,
    limitedActions: path.limitedActions,
    limitedActionCount: path.limitedActionCount,
    ...(path.ceilingDeniedActionCount !== undefined && {
      ceilingDeniedActions: path.ceilingDeniedActions,
      ceilingDeniedActionCount: path.ceilingDeniedActionCount,
    }),
  };
}
