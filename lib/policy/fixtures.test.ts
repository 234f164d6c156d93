import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionCatalogue } from "./action-catalogue";
import { canAssumeRole } from "./can-assume-role";
import { classifyTrust } from "./classify-trust";
import { computeEffectiveActions } from "./compute-effective-actions";
import { detectAdminEquivalence } from "./detect-admin-equivalence";
import type { PrincipalPolicies } from "./effective-access-types";
import { evaluateRequest } from "./evaluate-request";
import { evaluateTrust } from "./evaluate-trust";
import { actionStatus, explainAction } from "./explain-action";
import {
  ZFixture, type TAssumeFixture, type TClassifyFixture, type TEffectiveFixture, type TPolicyInput, type TPrincipalInput, type TRequestFixture,
  type TTrustFixture,
} from "./fixture-schema";
import { loadActionCatalogue } from "./load-action-catalogue";
import { parsePolicy } from "./parse-policy";
import { runResourceAccess, runResourceExposure } from "./resource-fixture-runner";
import type { PolicyKind } from "./policy-types";

// One runner for every JSON case under fixtures/: adding a case is adding a file.
const fixtureRoot = path.join(import.meta.dirname, "fixtures");
const files = fs.readdirSync(fixtureRoot, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".json")).sort();

let catalogue: ActionCatalogue;
beforeAll(async () => {
  catalogue = await loadActionCatalogue();
});

it("finds the fixture cases", () => {
  expect(files.length).toBeGreaterThanOrEqual(40);
});

describe.each(files)("%s", (file) => {
  const fixture = ZFixture.parse(JSON.parse(fs.readFileSync(path.join(fixtureRoot, file), "utf8")));
  it(fixture.name, () => {
    if ("expect" in fixture) runEffective(fixture);
    else if ("trust" in fixture) runTrust(fixture);
    else if ("assume" in fixture) runAssume(fixture);
    else if ("request" in fixture) runRequest(fixture);
    else if ("resourceAccess" in fixture) runResourceAccess({ fixture, catalogue });
    else if ("exposure" in fixture) runResourceExposure({ fixture, catalogue });
    else runClassify(fixture);
  });
});

function toPolicy(input: TPolicyInput, kind: PolicyKind) {
  return parsePolicy({ id: input.id, kind, document: input.document });
}

function toPrincipalPolicies(input: Omit<TPrincipalInput, "principal">): PrincipalPolicies {
  return {
    identityPolicies: input.identityPolicies.map((policy) => toPolicy(policy, "identity")),
    groupPolicies: input.groupPolicies?.map((policy) => toPolicy(policy, "identity")),
    permissionBoundary: input.permissionBoundary && toPolicy(input.permissionBoundary, "identity"),
    sessionPolicies: input.sessionPolicies?.map((policy) => toPolicy(policy, "identity")),
    scps: input.scps?.map((level) => level.map((policy) => toPolicy(policy, "scp"))),
    rcps: input.rcps?.map((level) => level.map((policy) => toPolicy(policy, "rcp"))),
    isManagementAccount: input.isManagementAccount,
    isServiceLinkedRole: input.isServiceLinkedRole,
  };
}

function runEffective(fixture: TEffectiveFixture) {
  const effective = computeEffectiveActions({ catalogue, ...toPrincipalPolicies(fixture.input), principal: fixture.input.principal });
  const actual = Object.fromEntries(Object.keys(fixture.expect).map((action) => [action, actionStatus({ effective, action })]));
  expect(actual).toEqual(fixture.expect);
  const admin = detectAdminEquivalence({ effective });
  if (fixture.adminEquivalent !== undefined) expect(admin.adminEquivalent, "adminEquivalent").toBe(fixture.adminEquivalent);
  if (fixture.adminDefinite !== undefined) expect(admin.definite, "adminDefinite").toBe(fixture.adminDefinite);
  if (fixture.adminPaths) expect(admin.paths.map((adminPath) => adminPath.id).sort()).toEqual([...fixture.adminPaths].sort());
  for (const [action, expected] of Object.entries(fixture.explain ?? {})) {
    const explanation = explainAction({ effective, action });
    const ref = (evidence: { policyId: string; statementIndex: number }) => `${evidence.policyId}#${evidence.statementIndex}`;
    const blockedBy = explanation.blockedBy && [explanation.blockedBy.layer, explanation.blockedBy.level].filter((part) => part !== undefined).join(":");
    if (expected.blockedBy !== undefined) expect(blockedBy, `${action} blockedBy`).toBe(expected.blockedBy);
    if (expected.grantedBy) expect(explanation.grantedBy.map(ref), `${action} grantedBy`).toEqual(expected.grantedBy);
    if (expected.deniedBy) expect(explanation.deniedBy.map(ref), `${action} deniedBy`).toEqual(expected.deniedBy);
  }
}

function runTrust(fixture: TTrustFixture) {
  const { trust } = fixture;
  const decision = evaluateTrust({ ...trust, trustPolicy: toPolicy(trust.trustPolicy, "trust") });
  expect(decision.decision).toBe(fixture.expectTrust.decision);
  if (fixture.expectTrust.requiresIdentityAllow !== undefined) {
    expect(decision.requiresIdentityAllow, "requiresIdentityAllow").toBe(fixture.expectTrust.requiresIdentityAllow);
  }
  if (fixture.expectTrust.pendingKeys) {
    const keys = decision.pendingConditions.flatMap((pending) => pending.clauses.map((clause) => clause.key));
    expect([...new Set(keys)].sort()).toEqual([...fixture.expectTrust.pendingKeys].sort());
  }
}

function runAssume(fixture: TAssumeFixture) {
  const { assume } = fixture;
  const role = {
    arn: assume.role.arn,
    trustPolicy: toPolicy(assume.role.trustPolicy, "trust"),
    rcps: assume.role.rcps?.map((level) => level.map((policy) => toPolicy(policy, "rcp"))),
    orgId: assume.role.orgId,
  };
  const result = canAssumeRole({
    catalogue,
    caller: assume.caller,
    role,
    context: assume.context,
    callerPolicies: assume.callerPolicies && toPrincipalPolicies(assume.callerPolicies),
  });
  expect(result.reachable, result.reason).toBe(fixture.expectAssume.reachable);
  if (fixture.expectAssume.reasonIncludes) expect(result.reason).toContain(fixture.expectAssume.reasonIncludes);
}

function runRequest(fixture: TRequestFixture) {
  const { request } = fixture;
  const values = Object.fromEntries(Object.entries(request.context ?? {}).map(([key, value]) =>
    [key.toLowerCase(), value === null ? null : Array.isArray(value) ? value : [value]]));
  const decision = evaluateRequest({
    catalogue,
    ...toPrincipalPolicies(request),
    action: request.action,
    resource: request.resource,
    principal: request.principal,
    context: { values },
    identityAllowNotNeeded: request.identityAllowNotNeeded,
    boundaryNotNeeded: request.boundaryNotNeeded,
  });
  expect(decision.decision).toBe(fixture.expectRequest.decision);
  if (fixture.expectRequest.pendingKeys) {
    const keys = decision.pendingConditions.flatMap((pending) => pending.clauses.map((clause) => clause.key));
    expect([...new Set(keys)].sort()).toEqual([...fixture.expectRequest.pendingKeys].sort());
  }
}

function runClassify(fixture: TClassifyFixture) {
  const parties = classifyTrust({ ...fixture.classify, trustPolicy: toPolicy(fixture.classify.trustPolicy, "trust") });
  const actual = parties.map((party) => {
    const expected = fixture.expectParties.find((candidate) => candidate.principal === party.principal && candidate.kind === party.kind);
    return {
      kind: party.kind,
      principal: party.principal,
      ...(expected?.scope !== undefined && { scope: party.scope }),
      ...(expected?.vendor !== undefined && { vendor: party.vendor }),
      ...(expected?.externalId !== undefined && { externalId: party.conditions.externalId }),
      ...(expected?.principalOrgId !== undefined && { principalOrgId: party.conditions.principalOrgId }),
      ...(expected?.oidcSubject !== undefined && { oidcSubject: party.conditions.oidcSubject }),
    };
  });
  expect(actual).toEqual(fixture.expectParties);
}
