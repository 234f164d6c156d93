import type { TOrgModel } from "../model";
import type { TResourceAnalysis } from "../resources/resource-results";
import type { TAnalysisConfig, TExternalTrust, TFinding, TPrincipalAccess, TReach } from "../results";
import { buildFindingContext } from "./build-finding-context";
import { findAccessKeyIssues } from "./find-access-key-issues";
import { findAccountHygiene } from "./find-account-hygiene";
import { findAdminPrincipals } from "./find-admin-principals";
import { findAdminViaAssumption } from "./find-admin-via-assumption";
import { findBroadInstanceRoles } from "./find-broad-instance-roles";
import { findConsoleUsersWithoutMfa } from "./find-console-users-without-mfa";
import { findDuplicatePeople } from "./find-duplicate-people";
import { findEmptyGroups } from "./find-empty-groups";
import { findFullAdminPolicies } from "./find-full-admin-policies";
import { findResourceFindings } from "./find-resource-findings";
import { findRootIssues } from "./find-root-issues";
import { findTrustFindings } from "./find-trust-findings";
import { findUnattachedPrivilegedPolicies } from "./find-unattached-privileged-policies";
import { findUnusedCredentials } from "./find-unused-credentials";
import { findUnusedPrincipals } from "./find-unused-principals";
import { findUnusedServices } from "./find-unused-services";
import { findUserPolicies } from "./find-user-policies";
import { findWeakPasswordPolicies } from "./find-weak-password-policies";
import { SEVERITY_ORDER } from "./make-finding";

export type TRunFindingsOptions = {
  model: TOrgModel;
  access: Map<string, TPrincipalAccess>;
  reach: TReach[];
  externalTrusts?: TExternalTrust[];
  /** The resource analysis (analyzeResources); absent: no resource findings. */
  resources?: TResourceAnalysis[];
  config: TAnalysisConfig;
};

/**
 * Every rule over one snapshot: a pure function of its inputs, ordered most severe first,
 * with one finding per fingerprint (the key reviews and statuses hang on).
 */
export function runFindings(options: TRunFindingsOptions): TFinding[] {
  const context = buildFindingContext({ model: options.model, config: options.config });
  const { access, reach } = options;
  const all = [
    ...findTrustFindings({ context, externalTrusts: options.externalTrusts }),
    ...findAdminPrincipals({ context, access }),
    ...findAdminViaAssumption({ context, access, reach }),
    ...findFullAdminPolicies({ context }),
    ...findUnusedPrincipals({ context }),
    ...findUnusedServices({ context, access }),
    ...findUnusedCredentials({ context }),
    ...findRootIssues({ context }),
    ...findWeakPasswordPolicies({ context }),
    ...findConsoleUsersWithoutMfa({ context }),
    ...findAccessKeyIssues({ context }),
    ...findUserPolicies({ context }),
    ...findBroadInstanceRoles({ context }),
    ...findDuplicatePeople({ context }),
    ...findAccountHygiene({ context }),
    ...findUnattachedPrivilegedPolicies({ context }),
    ...findEmptyGroups({ context }),
    ...findResourceFindings({ resources: options.resources ?? [] }),
  ];
  const unique = new Map<string, TFinding>();
  for (const finding of all) if (!unique.has(finding.fingerprint)) unique.set(finding.fingerprint, finding);
  return [...unique.values()].sort((a, b) =>
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)
    || a.rule.localeCompare(b.rule)
    || (a.accountId ?? "").localeCompare(b.accountId ?? "")
    || a.fingerprint.localeCompare(b.fingerprint));
}
