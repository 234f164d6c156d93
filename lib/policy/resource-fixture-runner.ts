import { expect } from "vitest";
import type { ActionCatalogue } from "./action-catalogue";
import { assessResourceExposure } from "./assess-resource-exposure";
import { evaluateResourceAccess, type ResourceUnderTest } from "./evaluate-resource-access";
import type { TPolicyInput, TResourceAccessFixture, TResourceExposureFixture } from "./fixture-schema";
import { parsePolicy } from "./parse-policy";
import type { PolicyKind } from "./policy-types";

// The resource half of the fixture runner (fixtures/resource/*.json), kept beside it so the
// shared runner only dispatches.

function toPolicy(input: TPolicyInput, kind: PolicyKind) {
  return parsePolicy({ id: input.id, kind, document: input.document });
}

function toResource(input: TResourceAccessFixture["resourceAccess"]["resource"]): ResourceUnderTest {
  return {
    ...input,
    policy: input.policy ? toPolicy(input.policy, "resource") : null,
    rcps: input.rcps?.map((level) => level.map((policy) => toPolicy(policy, "rcp"))),
  };
}

export function runResourceAccess(options: { fixture: TResourceAccessFixture; catalogue: ActionCatalogue }) {
  const { resourceAccess: input, expectResourceAccess: expected } = options.fixture;
  const policies = input.callerPolicies;
  const decision = evaluateResourceAccess({
    catalogue: options.catalogue,
    caller: input.caller,
    callerPolicies: {
      identityPolicies: policies.identityPolicies.map((policy) => toPolicy(policy, "identity")),
      groupPolicies: policies.groupPolicies?.map((policy) => toPolicy(policy, "identity")),
      permissionBoundary: policies.permissionBoundary && toPolicy(policies.permissionBoundary, "identity"),
      sessionPolicies: policies.sessionPolicies?.map((policy) => toPolicy(policy, "identity")),
      scps: policies.scps?.map((level) => level.map((policy) => toPolicy(policy, "scp"))),
      isManagementAccount: policies.isManagementAccount,
      isServiceLinkedRole: policies.isServiceLinkedRole,
    },
    action: input.action,
    resource: toResource(input.resource),
    requestResource: input.requestResource,
    context: input.context ? { values: Object.fromEntries(Object.entries(input.context).map(([key, value]) => [key.toLowerCase(), value])) } : undefined,
    orgId: input.orgId,
    orgAccountIds: input.orgAccountIds,
  });
  expect(decision.decision, decision.reason).toBe(expected.decision);
  if (expected.via) expect([...decision.via].sort(), "via").toEqual([...expected.via].sort());
  if (expected.reasonIncludes) expect(decision.reason).toContain(expected.reasonIncludes);
}

export function runResourceExposure(options: { fixture: TResourceExposureFixture; catalogue: ActionCatalogue }) {
  const { exposure: input, expectExposure: expected } = options.fixture;
  const result = assessResourceExposure({
    resource: toResource(input.resource),
    catalogue: options.catalogue,
    orgId: input.orgId,
    orgAccountIds: new Set(input.orgAccountIds),
    knownVendors: input.knownVendors,
  });
  expect(result.exposure, "exposure").toBe(expected.exposure);
  if (expected.policyPublic !== undefined) expect(result.policyPublic, "policyPublic").toBe(expected.policyPublic);
  if (expected.parties) {
    const actual = result.parties.map((party, index) => ({
      kind: party.kind,
      principal: party.principal,
      reach: party.reach,
      ...(party.blockedBy !== undefined && { blockedBy: party.blockedBy }),
      ...(expected.parties?.[index]?.levels !== undefined && { levels: party.levels }),
    }));
    expect(actual).toEqual(expected.parties);
  }
}
