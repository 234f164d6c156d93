import type { TAccessKind } from "./review-schemas";

// What a reviewer needs to decide, frozen into review_item.evidence when the campaign is
// created: later snapshots must not change what a past decision was based on.

export type TEvidenceAccess = {
  /** The principal whose access this is: the item's own principal, or the role it reaches. */
  principalKey: string;
  principalName: string;
  adminEquivalent: boolean;
  adminDefinite: boolean;
  servicesByLevel: { list: string[]; read: string[]; write: string[]; permissions: string[]; tagging: string[] };
  grantedServices: number;
  usedServices: number | null;
  adminPaths: { id: string; kind: string; description: string; actions: string[] }[];
};

export type TEvidenceKey = { accessKeyId: string; status: string; createdAt: string | null; ageDays: number | null; lastUsedAt: string | null };
export type TEvidenceFinding = { id: number; rule: string; severity: string; title: string };
export type TEvidenceHop = { from: string; fromName: string; to: string; toName: string; via: string; conditional: boolean; throughGroup?: string; permissionSetName?: string };
export type TEvidenceTrust = { partyKind: string; party: string; conditionKeys: string[]; knownVendor: string | null };

/** What the principal's own policies attach (for the remediation commands). */
export type TEvidenceGrants = {
  attachedPolicies: { arn: string; name: string }[];
  inlinePolicies: string[];
  groups: string[];
};

/** Identity Center assignments that produce an sso-assignment item. */
export type TEvidenceAssignment = {
  instanceArn: string;
  identityStoreId: string | null;
  permissionSetArn: string;
  permissionSetName: string;
  principalType: "USER" | "GROUP";
  principalId: string;
  groupName: string | null;
};

/** One statement, ACL grant, sharing attribute or KMS grant that lets the party of a resource-share item in. */
export type TEvidenceShareGrant = {
  principal: string; partyKind: string; reach: string; vendor: string | null; levels: string[]; source: string;
  statement: { policyId: string; index: number; sid: string | null }; conditionKeys: string[]; restrictedBy: string[];
};

/** A resource-share item: the resource, how far it reaches, the outside party and every grant letting that party in. */
export type TEvidenceResourceShare = {
  resourceArn: string; resourceType: string; resourceName: string; region: string; accountId: string;
  /** The resource's exposure as a whole: public or outside-organization. */
  exposure: string;
  /** "*" for a public grant, else the outside account (or the principal when it names no account). */
  party: string; partyKind: string; partyName: string; vendor: string | null;
  levels: string[];
  grants: TEvidenceShareGrant[];
  /** The resource's tags as collected (the owner tag may name its reviewer). */
  tags: Record<string, string>;
};

export type TItemEvidence = {
  accessKind: TAccessKind;
  access: TEvidenceAccess | null;
  lastUsedAt: string | null;
  /** When Access Advisor's data was generated, and how old it was at campaign creation. */
  accessAdvisorAt: string | null;
  accessAdvisorAgeDays: number | null;
  accessKeys: TEvidenceKey[];
  findings: TEvidenceFinding[];
  hops: TEvidenceHop[];
  trustParties: TEvidenceTrust[];
  grants: TEvidenceGrants | null;
  assignments: TEvidenceAssignment[];
  /** resource-share items only (absent from evidence frozen before the scope existed). */
  resourceShare?: TEvidenceResourceShare;
};

/** Remediation for a revoke/change decision: what to remove, where, and the CLI command. */
export type TRemediationStep = { what: string; accountId: string; principal: string; command: string };
