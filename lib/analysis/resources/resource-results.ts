import type { ResourceReach } from "../../policy";
import type { TResourceType } from "../../resources/resource-model";
import type { TAccessLevel } from "../results";

export type TResourceExposure = ResourceReach;

/** One party a resource lets in: a policy principal, an ACL group, a sharing attribute or a KMS grant. */
export type TResourceGrant = {
  partyKind: string;
  principal: string;
  accountId: string | null;
  scope: "account" | "principal" | "any" | "service";
  reach: TResourceExposure;
  vendor: string | null;
  levels: TAccessLevel[];
  source: "policy" | "acl" | "shared-attribute" | "kms-grant";
  /** The granting statement: policy id, index and Sid (an ACL grant, attribute or KMS grant id otherwise). */
  statement: { policyId: string; index: number; sid: string | null };
  conditionKeys: string[];
  /** The conditions that keep a "*" grant from being public (Access Analyzer's reading). */
  restrictedBy: string[];
  /** What neutralises the grant (RestrictPublicBuckets, IgnorePublicAcls, ACLs disabled); null: in force. */
  blockedBy: string | null;
};

/** The analysis of one resource: how far it reaches and through what. */
export type TResourceAnalysis = {
  arn: string;
  type: TResourceType;
  accountId: string;
  region: string;
  name: string;
  service: string;
  exposure: TResourceExposure;
  /** The policy alone would be public (before Block Public Access neutralised it). */
  policyPublic: boolean;
  /**
   * Identity policies of the owner's principals count for this resource. False for a KMS key
   * whose key policy does not delegate to the account: IAM policies alone grant nothing.
   */
  identityAccess: boolean;
  /** Levels a Deny "*" without conditions in the resource policy refuses to everyone. */
  deniedLevels: TAccessLevel[];
  /** Principals of the owner account whose identity policies grant each level on the service (0 when identityAccess is false). */
  principalsByLevel: Record<TAccessLevel, number>;
  grants: TResourceGrant[];
  /** Accounts named by grants in force, outside the organization and inside it (not the owner). */
  externalAccounts: string[];
  orgAccounts: string[];
  /** Settings the detail page shows: effective Block Public Access, object ownership, key manager, sharing. */
  details: Record<string, unknown>;
  /** The resource policy document as collected (null: none). */
  policy: unknown | null;
};
