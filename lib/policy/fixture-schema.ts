import { z } from "zod";

// Shape of the JSON cases under fixtures/. Strict, so a misspelt expectation fails loudly
// instead of asserting nothing.

const ZPolicyInput = z.strictObject({ id: z.string(), document: z.unknown() });

const ZStatus = z.enum(["allowed", "partial", "conditional", "denied", "not-allowed"]);

const ZCaller = z.strictObject({
  kind: z.enum(["user", "role", "account", "service", "saml", "oidc"]),
  arn: z.string(),
  accountId: z.string().optional(),
  orgId: z.string().nullable().optional(),
  uniqueId: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

const ZPrincipalFacts = z.strictObject({
  arn: z.string(),
  accountId: z.string(),
  orgId: z.string().nullable().optional(),
  orgPaths: z.array(z.string()).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  kind: ZCaller.shape.kind.optional(),
  userName: z.string().optional(),
  uniqueId: z.string().optional(),
});

const ZPrincipalInput = z.strictObject({
  identityPolicies: z.array(ZPolicyInput).default([]),
  groupPolicies: z.array(ZPolicyInput).optional(),
  permissionBoundary: ZPolicyInput.optional(),
  sessionPolicies: z.array(ZPolicyInput).optional(),
  scps: z.array(z.array(ZPolicyInput)).optional(),
  rcps: z.array(z.array(ZPolicyInput)).optional(),
  isManagementAccount: z.boolean().optional(),
  isServiceLinkedRole: z.boolean().optional(),
  principal: ZPrincipalFacts.optional(),
});

const ZTrustContext = z.strictObject({
  externalId: z.string().nullable().optional(),
  sourceAccount: z.string().nullable().optional(),
  sourceArn: z.string().nullable().optional(),
  values: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])).optional(),
});

const ZExplain = z.strictObject({
  blockedBy: z.string().optional(),
  grantedBy: z.array(z.string()).optional(),
  deniedBy: z.array(z.string()).optional(),
});

const ZBase = { name: z.string(), description: z.string().optional() };

export const ZEffectiveFixture = z.strictObject({
  ...ZBase,
  input: ZPrincipalInput,
  expect: z.record(z.string(), ZStatus).refine((value) => Object.keys(value).length > 0, "list at least one action"),
  adminEquivalent: z.boolean().optional(),
  adminDefinite: z.boolean().optional(),
  adminPaths: z.array(z.string()).optional(),
  explain: z.record(z.string(), ZExplain).optional(),
});

export const ZTrustFixture = z.strictObject({
  ...ZBase,
  trust: z.strictObject({
    trustPolicy: ZPolicyInput,
    caller: ZCaller,
    roleArn: z.string().optional(),
    context: ZTrustContext.optional(),
    action: z.enum(["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"]).optional(),
    withSessionTags: z.boolean().optional(),
  }),
  expectTrust: z.strictObject({
    decision: z.enum(["allowed", "allowed-if-conditions", "denied"]),
    requiresIdentityAllow: z.boolean().optional(),
    pendingKeys: z.array(z.string()).optional(),
  }),
});

export const ZAssumeFixture = z.strictObject({
  ...ZBase,
  assume: z.strictObject({
    caller: ZCaller,
    callerPolicies: ZPrincipalInput.omit({ principal: true }).optional(),
    role: z.strictObject({ arn: z.string(), trustPolicy: ZPolicyInput, rcps: z.array(z.array(ZPolicyInput)).optional(), orgId: z.string().nullable().optional() }),
    context: ZTrustContext.optional(),
  }),
  expectAssume: z.strictObject({ reachable: z.enum(["yes", "if-conditions", "no"]), reasonIncludes: z.string().optional() }),
});

// One request through evaluateRequest: an action on one resource with what the request carries.
export const ZRequestFixture = z.strictObject({
  ...ZBase,
  request: ZPrincipalInput.extend({
    action: z.string(),
    resource: z.string(),
    context: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])).optional(),
    identityAllowNotNeeded: z.boolean().optional(),
    boundaryNotNeeded: z.boolean().optional(),
  }),
  expectRequest: z.strictObject({
    decision: z.enum(["allowed", "conditional", "denied", "not-allowed"]),
    pendingKeys: z.array(z.string()).optional(),
  }),
});

const ZExpectedParty = z.strictObject({
  kind: z.enum(["same-account", "org-account", "external-account", "any-principal", "service", "saml", "oidc", "deleted-principal"]),
  principal: z.string(),
  scope: z.enum(["account", "principal", "any", "service", "provider"]).optional(),
  vendor: z.string().optional(),
  externalId: z.boolean().optional(),
  principalOrgId: z.boolean().optional(),
  oidcSubject: z.boolean().optional(),
});

export const ZClassifyFixture = z.strictObject({
  ...ZBase,
  classify: z.strictObject({
    trustPolicy: ZPolicyInput,
    roleAccountId: z.string(),
    orgAccountIds: z.array(z.string()),
    knownVendors: z.record(z.string(), z.string()).optional(),
  }),
  expectParties: z.array(ZExpectedParty).min(1),
});

const ZBlockPublicAccess = z.strictObject({
  blockPublicAcls: z.boolean(), ignorePublicAcls: z.boolean(), blockPublicPolicy: z.boolean(), restrictPublicBuckets: z.boolean(),
});

const ZResourceInput = z.strictObject({
  arn: z.string(),
  type: z.string(),
  accountId: z.string(),
  policy: ZPolicyInput.optional(),
  rcps: z.array(z.array(ZPolicyInput)).optional(),
  inManagementAccount: z.boolean().optional(),
  s3: z.strictObject({
    blockPublicAccess: ZBlockPublicAccess.nullable().optional(),
    accountBlockPublicAccess: ZBlockPublicAccess.nullable().optional(),
    objectOwnership: z.enum(["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"]).nullable().optional(),
    aclGrants: z.array(z.strictObject({
      granteeType: z.enum(["CanonicalUser", "Group", "AmazonCustomerByEmail"]),
      granteeUri: z.string().nullable(),
      granteeId: z.string().nullable(),
      permission: z.enum(["FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP"]),
    })).optional(),
  }).optional(),
  kmsGrants: z.array(z.strictObject({ grantId: z.string(), granteePrincipal: z.string(), operations: z.array(z.string()) })).optional(),
  sharedWith: z.strictObject({ accountIds: z.array(z.string()), public: z.boolean() }).optional(),
});

const ZReach = z.enum(["public", "outside-organization", "organization", "account"]);

// One request against a resource with a resource-based policy (lib/policy/evaluate-resource-access).
export const ZResourceAccessFixture = z.strictObject({
  ...ZBase,
  resourceAccess: z.strictObject({
    caller: ZCaller.extend({ sessionArn: z.string().optional() }),
    callerPolicies: ZPrincipalInput.omit({ principal: true, rcps: true }),
    resource: ZResourceInput,
    action: z.string(),
    requestResource: z.string().optional(),
    context: z.record(z.string(), z.union([z.array(z.string()), z.null()])).optional(),
    orgId: z.string().nullable().optional(),
    orgAccountIds: z.array(z.string()).optional(),
  }),
  expectResourceAccess: z.strictObject({
    decision: z.enum(["allowed", "conditional", "denied", "not-allowed"]),
    via: z.array(z.enum(["identity", "resource-policy", "kms-grant", "acl"])).optional(),
    reasonIncludes: z.string().optional(),
  }),
});

// How far a resource reaches (lib/policy/assess-resource-exposure).
export const ZResourceExposureFixture = z.strictObject({
  ...ZBase,
  exposure: z.strictObject({
    resource: ZResourceInput,
    orgId: z.string().nullable(),
    orgAccountIds: z.array(z.string()),
    knownVendors: z.record(z.string(), z.string()).optional(),
  }),
  expectExposure: z.strictObject({
    exposure: ZReach,
    policyPublic: z.boolean().optional(),
    // Every party, in order: kind, principal, reach and (when blocked) what blocks it.
    parties: z.array(z.strictObject({ kind: z.string(), principal: z.string(), reach: ZReach, blockedBy: z.string().optional(), levels: z.array(z.string()).optional() })).optional(),
  }),
});

export const ZFixture = z.union([ZEffectiveFixture, ZTrustFixture, ZAssumeFixture, ZRequestFixture, ZClassifyFixture, ZResourceAccessFixture, ZResourceExposureFixture]);

export type TPolicyInput = z.infer<typeof ZPolicyInput>;
export type TPrincipalInput = z.infer<typeof ZPrincipalInput>;
export type TFixture = z.infer<typeof ZFixture>;
export type TEffectiveFixture = z.infer<typeof ZEffectiveFixture>;
export type TTrustFixture = z.infer<typeof ZTrustFixture>;
export type TAssumeFixture = z.infer<typeof ZAssumeFixture>;
export type TClassifyFixture = z.infer<typeof ZClassifyFixture>;
export type TRequestFixture = z.infer<typeof ZRequestFixture>;
export type TResourceAccessFixture = z.infer<typeof ZResourceAccessFixture>;
export type TResourceExposureFixture = z.infer<typeof ZResourceExposureFixture>;
