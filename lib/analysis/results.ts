// What the analysis computes from a TOrgModel; materialised per snapshot in Postgres.
import type { AccessSummary, AdminPath } from "../policy";

export type TAccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

/** Effective access of one principal in the account its policies apply to. */
export type TPrincipalAccess = {
  principalKey: string;
  accountId: string;
  summary: AccessSummary;
  /** Services with at least one action allowed in any form, per access level. */
  servicesByLevel: Record<TAccessLevel, string[]>;
  adminEquivalent: boolean;
  /** True when admin-equivalence needs no condition and no resource scoping. */
  adminDefinite: boolean;
  adminPaths: AdminPath[];
  /** Service namespaces the principal is granted at all (for unused-service findings). */
  grantedServices: string[];
  /** Actions explicitly allowed by the principal's policies but unknown to the catalogue. */
  unknownActions: string[];
};

export type THop = {
  from: string;
  /** A role principal key, or an account id for an Identity Center assignment step. */
  to: string;
  via: "assume-role" | "sso-assignment";
  /** The assumption depends on conditions (ExternalId, MFA, source IP, …) or resource scoping. */
  conditional: boolean;
  /** Identity Center: the group through which the user holds the assignment, if any. */
  throughGroup?: string;
  permissionSetName?: string;
};

/** A principal that can end up acting as `targetKey` (a role), and how. */
export type TReach = {
  sourceKey: string;
  targetKey: string;
  targetAccountId: string;
  hops: THop[];
  conditional: boolean;
};

/** An external party (outside the organization, "*", federation) that can assume a role. */
export type TExternalTrust = {
  roleKey: string;
  accountId: string;
  partyKind: "external-account" | "any-principal" | "saml" | "oidc" | "service";
  party: string;
  conditionKeys: string[];
  knownVendor: string | null;
};

export type TSeverity = "critical" | "high" | "medium" | "low" | "info";

export type TFinding = {
  /** Stable across snapshots: rule id + the resource it is about (+ detail), so status survives re-collection. */
  fingerprint: string;
  rule: string;
  title: string;
  severity: TSeverity;
  /** CIS AWS Foundations v5.0.0 control, e.g. "1.13", when the finding evidences one. */
  cisControl: string | null;
  accountId: string | null;
  /** Principal key, access key id, account id, … */
  resourceKey: string;
  resourceName: string;
  /** Everything a reviewer needs to verify the finding without opening AWS. */
  evidence: Record<string, unknown>;
};

export type TAnalysisConfig = {
  /** Days without use before a principal, key or password counts as unused. */
  unusedDays: number;
  keyMaxAgeDays: number;
  /** Account ids of known third parties: { "464622532012": "Datadog" }. */
  knownVendors: Record<string, string>;
};

export const DEFAULT_ANALYSIS_CONFIG: TAnalysisConfig = { unusedDays: 90, keyMaxAgeDays: 90, knownVendors: {} };
