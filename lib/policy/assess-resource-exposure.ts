import type { AccessLevel, ActionCatalogue } from "./action-catalogue";
import { classifyResourcePolicy, type ResourceParty } from "./classify-resource-policy";
import { wider, type ResourceReach } from "./judge-resource-conditions";
import type { Policy } from "./policy-types";
import { RESOURCE_SERVICE } from "./resource-action-levels";
import {
  aclGrantLevels, aclsEnabled, effectiveBlockPublicAccess, isPublicAclGrant, ALL_USERS, type S3BucketSettings,
} from "./s3-block-public-access";

export type KmsGrantFacts = { grantId: string; granteePrincipal: string; operations: string[] };

export type ResourceFacts = {
  arn: string;
  type: string;
  accountId: string;
  policy: Policy | null;
  s3?: S3BucketSettings;
  kmsGrants?: KmsGrantFacts[];
  // EBS createVolumePermission, RDS snapshot "restore", Lambda layer permissions.
  sharedWith?: { accountIds: string[]; public: boolean };
};

export type ExposureParty = ResourceParty & {
  source: "policy" | "acl" | "shared-attribute" | "kms-grant";
  // Why this grant does not take effect (RestrictPublicBuckets, IgnorePublicAcls, ACLs disabled).
  blockedBy?: string;
};

export type ResourceExposure = {
  // The widest reach of any grant that takes effect; "account" when nothing leaves the account.
  exposure: ResourceReach;
  // The policy alone would be public (before Block Public Access).
  policyPublic: boolean;
  parties: ExposureParty[];
};

export type AssessResourceExposureOptions = {
  resource: ResourceFacts;
  catalogue: ActionCatalogue;
  orgId: string | null;
  orgAccountIds: ReadonlySet<string>;
  knownVendors?: Record<string, string>;
};

const SNAPSHOT_LEVELS: AccessLevel[] = ["Read"];

// How far one resource reaches: its policy's parties (Access Analyzer's public/restricted
// reading), S3 ACLs and Block Public Access, snapshot and layer sharing attributes, KMS
// grants. Pure; the analysis runs it once per resource.
export function assessResourceExposure(options: AssessResourceExposureOptions): ResourceExposure {
  const { resource } = options;
  const service = RESOURCE_SERVICE[resource.type] ?? resource.type.split("-")[0];
  const scope = { ownerAccountId: resource.accountId, orgId: options.orgId, orgAccountIds: options.orgAccountIds };
  const policyParties: ExposureParty[] = resource.policy
    ? classifyResourcePolicy({ policy: resource.policy, catalogue: options.catalogue, service, ...scope, knownVendors: options.knownVendors })
      .map((party) => ({ ...party, source: "policy" as const }))
    : [];
  const policyPublic = policyParties.some((party) => party.reach === "public");
  const parties: ExposureParty[] = [...policyParties];
  if (resource.s3) {
    const bpa = effectiveBlockPublicAccess(resource.s3);
    if (policyPublic && bpa.restrictPublicBuckets) {
      // Only AWS service principals and the owner account keep access to such a bucket.
      for (const party of parties) {
        if (party.kind !== "service" && party.kind !== "same-account" && party.reach !== "account") party.blockedBy = "RestrictPublicBuckets";
      }
    }
    parties.push(...aclParties({ resource, settings: resource.s3 }));
  }
  if (resource.sharedWith) parties.push(...sharedParties({ resource, scope, knownVendors: options.knownVendors }));
  for (const grant of resource.kmsGrants ?? []) parties.push(kmsGrantParty({ grant, resource, scope, knownVendors: options.knownVendors }));
  let exposure: ResourceReach = "account";
  for (const party of parties) if (!party.blockedBy) exposure = wider(exposure, party.reach);
  return { exposure, policyPublic, parties };
}

function aclParties(options: { resource: ResourceFacts; settings: S3BucketSettings }): ExposureParty[] {
  const { settings, resource } = options;
  const bpa = effectiveBlockPublicAccess(settings);
  return (settings.aclGrants ?? []).filter(isPublicAclGrant).map((grant, index) => ({
    kind: "any-principal",
    principal: grant.granteeUri === ALL_USERS ? "AllUsers (ACL)" : "AuthenticatedUsers (ACL)",
    scope: "any",
    reach: "public",
    restrictedBy: [],
    conditionKeys: [],
    levels: aclGrantLevels(grant),
    statement: { policyId: `acl:${resource.arn}`, statementIndex: index, sid: grant.permission, effect: "Allow" },
    viaNotPrincipal: false,
    source: "acl",
    blockedBy: !aclsEnabled(settings) ? "BucketOwnerEnforced (ACLs disabled)" : bpa.ignorePublicAcls ? "IgnorePublicAcls" : undefined,
  }));
}

type TScope = { ownerAccountId: string; orgId: string | null; orgAccountIds: ReadonlySet<string> };

function accountParty(options: { accountId: string; scope: TScope; knownVendors?: Record<string, string> }): Pick<ExposureParty, "kind" | "reach" | "vendor"> {
  const { accountId, scope } = options;
  if (accountId === scope.ownerAccountId) return { kind: "same-account", reach: "account" };
  if (scope.orgAccountIds.has(accountId)) return { kind: "org-account", reach: "organization" };
  return { kind: "external-account", reach: "outside-organization", vendor: options.knownVendors?.[accountId] };
}

function sharedParties(options: { resource: ResourceFacts; scope: TScope; knownVendors?: Record<string, string> }): ExposureParty[] {
  const { resource } = options;
  const shared = resource.sharedWith!;
  const statement = (index: number, sid: string) => ({ policyId: `attribute:${resource.arn}`, statementIndex: index, sid, effect: "Allow" as const });
  const base = { scope: "account" as const, restrictedBy: [], conditionKeys: [], levels: SNAPSHOT_LEVELS, viaNotPrincipal: false, source: "shared-attribute" as const };
  const parties: ExposureParty[] = shared.accountIds.map((accountId, index) => ({
    ...base, ...accountParty({ accountId, scope: options.scope, knownVendors: options.knownVendors }), principal: accountId, accountId, statement: statement(index, "shared with account"),
  }));
  if (shared.public) parties.push({ ...base, kind: "any-principal", principal: "all", scope: "any", reach: "public", statement: statement(parties.length, "shared with all") });
  return parties;
}

const KMS_OPERATION_LEVEL: Record<string, AccessLevel> = {
  CreateGrant: "Permissions management", RetireGrant: "Permissions management",
  DescribeKey: "Read", GetPublicKey: "Read",
};

function kmsGrantParty(options: { grant: KmsGrantFacts; resource: ResourceFacts; scope: TScope; knownVendors?: Record<string, string> }): ExposureParty {
  const { grant, resource } = options;
  const accountId = /^\d{12}$/.test(grant.granteePrincipal) ? grant.granteePrincipal : /:(\d{12}):/.exec(grant.granteePrincipal)?.[1];
  const levels = [...new Set(grant.operations.map((operation) => KMS_OPERATION_LEVEL[operation] ?? "Write"))];
  const party = accountId ? accountParty({ accountId, scope: options.scope, knownVendors: options.knownVendors }) : { kind: "service" as const, reach: "account" as const };
  return {
    ...party,
    principal: grant.granteePrincipal,
    accountId,
    scope: accountId ? "principal" : "service",
    restrictedBy: [],
    conditionKeys: [],
    levels,
    statement: { policyId: `grant:${resource.arn}`, statementIndex: 0, sid: grant.grantId, effect: "Allow" },
    viaNotPrincipal: false,
    source: "kms-grant",
  };
}
