import {
  ACCESS_LEVELS, assessResourceExposure, effectiveBlockPublicAccess, levelsOfActions, parsePolicy, RESOURCE_SERVICE,
  type ActionCatalogue, type ExposureParty, type Policy, type ResourceFacts,
} from "../../policy";
import type { TBlockPublicAccess, TResource } from "../../resources/resource-model";
import type { TAccessLevel, TAnalysisConfig, TPrincipalAccess } from "../results";
import { countIdentityReach, emptyLevelCounts, LEVELS, type TIdentityReachIndex } from "./count-identity-reach";
import type { TOrgModel } from "../model";
import type { TResourceAnalysis, TResourceGrant } from "./resource-results";

export type TAnalyzeResourcesOptions = {
  model: TOrgModel;
  catalogue: ActionCatalogue;
  access: TPrincipalAccess[];
  config: TAnalysisConfig;
};

// Every collected resource: its exposure (Access Analyzer's public / restricted reading,
// S3 Block Public Access and ACLs, sharing attributes, KMS grants), the parties it names,
// and how many of the owner's principals hold each access level through identity policies.
// Per-account work (Block Public Access, identity counts) is done once per account and
// parsed policies are shared by content, so the cost grows with resources, not with
// resources × principals.
export function analyzeResources(options: TAnalyzeResourcesOptions): TResourceAnalysis[] {
  const { model, catalogue, config } = options;
  const resources = model.resources ?? [];
  if (resources.length === 0) return [];
  const orgAccountIds = new Set(model.accounts.map((account) => account.id));
  const accountBpa = new Map((model.accountResourceSettings ?? []).map((settings) => [settings.accountId, settings.s3BlockPublicAccess]));
  const identity = countIdentityReach({ access: options.access });
  const parse = createResourcePolicyParser();
  return resources.map((resource) => analyzeResource({
    resource, catalogue, identity, parse, orgId: model.organizationId, orgAccountIds,
    accountBpa: accountBpa.get(resource.accountId) ?? null, knownVendors: config.knownVendors,
  }));
}

function analyzeResource(options: {
  resource: TResource;
  catalogue: ActionCatalogue;
  identity: TIdentityReachIndex;
  parse: (options: { document: unknown; arn: string }) => { policy: Policy | null; error?: string };
  orgId: string | null;
  orgAccountIds: ReadonlySet<string>;
  accountBpa: TBlockPublicAccess | null;
  knownVendors: Record<string, string>;
}): TResourceAnalysis {
  const { resource, catalogue } = options;
  const service = RESOURCE_SERVICE[resource.type];
  const parsed = resource.policy === null || resource.policy === undefined ? { policy: null } : options.parse({ document: resource.policy, arn: resource.arn });
  const facts: ResourceFacts = {
    arn: resource.arn,
    type: resource.type,
    accountId: resource.accountId,
    policy: parsed.policy,
    s3: resource.s3 && { ...resource.s3, accountBlockPublicAccess: options.accountBpa },
    kmsGrants: resource.kms?.grants,
    sharedWith: resource.sharedWith,
  };
  const assessed = assessResourceExposure({ resource: facts, catalogue, orgId: options.orgId, orgAccountIds: options.orgAccountIds, knownVendors: options.knownVendors });
  const identityAccess = resource.type !== "kms-key" || keyPolicyDelegates({ policy: parsed.policy, accountId: resource.accountId });
  const deniedLevels = parsed.policy ? levelsDeniedToEveryone({ policy: parsed.policy, catalogue, service }) : [];
  const principalsByLevel = identityAccess ? { ...options.identity.countsFor({ accountId: resource.accountId, service }) } : emptyLevelCounts();
  for (const level of deniedLevels) principalsByLevel[level] = 0;
  const grants = assessed.parties.map(toGrant);
  const inForce = grants.filter((grant) => grant.blockedBy === null && grant.accountId && grant.accountId !== resource.accountId);
  return {
    arn: resource.arn,
    type: resource.type,
    accountId: resource.accountId,
    region: resource.region,
    name: resource.name,
    service,
    exposure: assessed.exposure,
    policyPublic: assessed.policyPublic,
    identityAccess,
    deniedLevels,
    principalsByLevel,
    grants,
    externalAccounts: [...new Set(inForce.filter((grant) => grant.reach === "outside-organization").map((grant) => grant.accountId!))].sort(),
    orgAccounts: [...new Set(inForce.filter((grant) => grant.reach === "organization").map((grant) => grant.accountId!))].sort(),
    details: detailsOf({ resource, accountBpa: options.accountBpa, policyError: parsed.error }),
    policy: resource.policy ?? null,
  };
}

// KMS: IAM policies count only when the key policy allows the account (its root or id).
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
function keyPolicyDelegates(options: { policy: Policy | null; accountId: string }): boolean {
  const root = `arn:aws:iam::${options.accountId}:root`;
  return (options.policy?.document.statements ?? []).some((statement) =>
    statement.effect === "Allow" && (statement.principal?.aws ?? []).some((entry) => entry === root || entry === options.accountId));
}

function levelsDeniedToEveryone(options: { policy: Policy; catalogue: ActionCatalogue; service: string }): TAccessLevel[] {
  const denied = new Set<TAccessLevel>();
  for (const statement of options.policy.document.statements) {
    if (statement.effect !== "Deny" || statement.conditions.length > 0 || !statement.actions) continue;
    if (!statement.principal?.everyone && !statement.principal?.aws.includes("*")) continue;
    // Levels with an action the Deny does not cover stay open: NotAction over the Deny's list.
    const open = new Set(levelsOfActions({ catalogue: options.catalogue, service: options.service, notActions: statement.actions }));
    for (const level of ACCESS_LEVELS) if (!open.has(level)) denied.add(level);
  }
  return LEVELS.filter((level) => denied.has(level));
}

function toGrant(party: ExposureParty): TResourceGrant {
  return {
    partyKind: party.kind,
    principal: party.principal,
    accountId: party.accountId ?? null,
    scope: party.scope,
    reach: party.reach,
    vendor: party.vendor ?? null,
    levels: party.levels,
    source: party.source,
    statement: { policyId: party.statement.policyId, index: party.statement.statementIndex, sid: party.statement.sid ?? null },
    conditionKeys: party.conditionKeys,
    restrictedBy: party.restrictedBy.map((clause) => `${clause.operator} ${clause.key}`),
    blockedBy: party.blockedBy ?? null,
  };
}

function detailsOf(options: { resource: TResource; accountBpa: TBlockPublicAccess | null; policyError?: string }): Record<string, unknown> {
  const { resource } = options;
  const details: Record<string, unknown> = {};
  if (resource.s3) {
    details.blockPublicAccess = {
      bucket: resource.s3.blockPublicAccess,
      account: options.accountBpa,
      effective: effectiveBlockPublicAccess({ ...resource.s3, accountBlockPublicAccess: options.accountBpa }),
    };
    details.objectOwnership = resource.s3.objectOwnership;
    details.aclGrants = resource.s3.aclGrants;
    details.policyStatusIsPublic = resource.s3.policyStatusIsPublic;
  }
  if (resource.kms) details.kms = { keyManager: resource.kms.keyManager, keyState: resource.kms.keyState, grants: resource.kms.grants.length };
  if (resource.sharedWith) details.sharedWith = resource.sharedWith;
  if (resource.unavailable && Object.keys(resource.unavailable).length > 0) details.unavailable = resource.unavailable;
  if (options.policyError) details.policyError = options.policyError;
  return details;
}

// Resource policies repeat: one template stamped on every bucket or function of an account,
// differing only in the resource's own ARN. The exposure reading never matches Resource
// elements, so the own ARN is swapped for a stand-in that keeps partition, service, region
// and account (what a condition on it would be judged by), and each template is parsed once.
// The shared id is generic on purpose: evidence is read per resource.
function createResourcePolicyParser(): (options: { document: unknown; arn: string }) => { policy: Policy | null; error?: string } {
  const cache = new Map<string, { policy: Policy | null; error?: string }>();
  return ({ document, arn }) => {
    const text = typeof document === "string" ? document : JSON.stringify(document);
    const key = text.split(arn).join(`${arn.split(":").slice(0, 5).join(":")}:__self__`);
    let parsed = cache.get(key);
    if (!parsed) {
      try {
        parsed = { policy: parsePolicy({ id: "resource-policy", kind: "resource", document: key }) };
      } catch (error) {
        parsed = { policy: null, error: (error as Error).message };
      }
      cache.set(key, parsed);
    }
    return parsed;
  };
}
