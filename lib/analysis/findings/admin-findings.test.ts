import { describe, expect, it } from "vitest";
import type { TReach } from "../results";
import { access, accessMap, adminPath, ADMIN_DOCUMENT, awsManaged, cleanOrg, findingsOf, inlinePolicy, MGMT, PROD, role, trustDocument, user, withPrincipals } from "./test-helpers";

const admin = role({ accountId: PROD, name: "Admin" });
const deployer = role({ accountId: PROD, name: "Deployer" });
const ssoAdmin = role({ accountId: PROD, name: "AWSReservedSSO_Admin_abc", ssoPermissionSetName: "Admin", path: "/aws-reserved/sso.amazonaws.com/" });
const model = withPrincipals(cleanOrg(), { principals: [admin, deployer, ssoAdmin] });

describe("admin-full and admin-escalation", () => {
  it("reports a full administrator with its path, high when unconditional", () => {
    const findings = findingsOf({ model, rule: "admin-full", access: accessMap([access({ principal: admin, adminPaths: [adminPath({ id: "full-admin" }), adminPath({ id: "create-policy-version" })] })]) });
    expect(findings.map((f) => [f.resourceKey, f.severity, f.cisControl])).toEqual([[admin.key, "high", null]]);
    expect(findings[0].evidence).toMatchObject({ adminDefinite: true, otherEscalationPathIds: ["create-policy-version"], paths: [expect.objectContaining({ id: "full-admin", actions: ["*"], grant: "allowed" })] });
    expect(findingsOf({ model, rule: "admin-escalation", access: accessMap([access({ principal: admin, adminPaths: [adminPath({ id: "full-admin" }), adminPath({ id: "create-policy-version" })] })]) })).toEqual([]);
  });

  it("reports a full administrator behind an SCP guardrail as admin-full, high, naming what the ceiling denies", () => {
    const path = { ...adminPath({ id: "full-admin" }), description: "can perform every action its SCP/RCP ceiling does not deny", limitedActions: ["organizations:LeaveOrganization"], limitedActionCount: 1, ceilingDeniedActions: ["organizations:LeaveOrganization"], ceilingDeniedActionCount: 1 };
    const findings = findingsOf({ model, rule: "admin-full", access: accessMap([access({ principal: admin, adminPaths: [path, adminPath({ id: "create-policy-version" })] })]) });
    expect(findings.map((f) => [f.resourceKey, f.severity, f.title])).toEqual([[admin.key, "high", "Principal has full administrator access within its SCP/RCP ceiling: Admin"]]);
    expect(findings[0].evidence.paths).toEqual([expect.objectContaining({ id: "full-admin", grant: "allowed", ceilingDeniedActions: ["organizations:LeaveOrganization"], ceilingDeniedActionCount: 1 })]);
    expect(findingsOf({ model, rule: "admin-escalation", access: accessMap([access({ principal: admin, adminPaths: [path] })]) })).toEqual([]);
  });

  it("lowers conditional administrators and Identity Center roles", () => {
    const conditional = access({ principal: admin, adminPaths: [adminPath({ id: "full-admin", grant: "conditional" })] });
    const sso = access({ principal: ssoAdmin, adminPaths: [adminPath({ id: "full-admin" })] });
    const findings = findingsOf({ model, rule: "admin-full", access: accessMap([conditional, sso]) });
    expect(findings.map((f) => [f.resourceName, f.severity])).toEqual([["Admin", "medium"], ["AWSReservedSSO_Admin_abc", "low"]]);
  });

  it("reports escalation paths with their actions, medium when only partial", () => {
    const paths = [adminPath({ id: "passrole-ec2", actions: ["iam:PassRole", "ec2:RunInstances"], grant: "partial" })];
    const [finding] = findingsOf({ model, rule: "admin-escalation", access: accessMap([access({ principal: deployer, adminPaths: paths })]) });
    expect(finding).toMatchObject({ resourceKey: deployer.key, severity: "medium", fingerprint: `admin-escalation|${deployer.key}` });
    expect(finding.evidence.paths).toEqual([expect.objectContaining({ id: "passrole-ec2", actions: ["iam:PassRole", "ec2:RunInstances"], grant: "partial" })]);
  });

  it("ignores principals that are not admin-equivalent", () => {
    expect(findingsOf({ model, rule: "admin-escalation", access: accessMap([access({ principal: deployer, grantedServices: ["s3"] })]) })).toEqual([]);
  });
});

describe("admin-via-role-assumption", () => {
  const alice = { ...user({ accountId: MGMT, name: "alice" }) };
  const reachModel = withPrincipals(model, { principals: [alice] });
  const hop = (to: string, conditional = false) => ({ from: alice.key, to, via: "assume-role" as const, conditional });

  it("reports a principal reaching an admin role, with the path", () => {
    const reach: TReach[] = [{ sourceKey: alice.key, targetKey: admin.key, targetAccountId: PROD, hops: [hop(admin.key)], conditional: false }];
    const accessByKey = accessMap([access({ principal: admin, adminPaths: [adminPath({ id: "full-admin" })] }), access({ principal: alice })]);
    const [finding] = findingsOf({ model: reachModel, rule: "admin-via-role-assumption", access: accessByKey, reach });
    expect(finding).toMatchObject({ resourceKey: alice.key, accountId: MGMT, severity: "high" });
    expect(finding.evidence).toMatchObject({ targetAccountCount: 1, pathCount: 1, paths: [{ targetKey: admin.key, targetName: "Admin", conditional: false, targetAdminDefinite: true, targetAdminPathIds: ["full-admin"], hops: [hop(admin.key)] }] });
  });

  it("is medium when every path is conditional, and silent for non-admin targets or admin sources", () => {
    const conditional: TReach[] = [{ sourceKey: alice.key, targetKey: admin.key, targetAccountId: PROD, hops: [hop(admin.key, true)], conditional: true }];
    const adminAccess = access({ principal: admin, adminPaths: [adminPath({ id: "full-admin" })] });
    expect(findingsOf({ model: reachModel, rule: "admin-via-role-assumption", access: accessMap([adminAccess]), reach: conditional }).map((f) => f.severity)).toEqual(["medium"]);
    const toDeployer: TReach[] = [{ sourceKey: alice.key, targetKey: deployer.key, targetAccountId: PROD, hops: [hop(deployer.key)], conditional: false }];
    expect(findingsOf({ model: reachModel, rule: "admin-via-role-assumption", access: accessMap([access({ principal: deployer })]), reach: toDeployer })).toEqual([]);
    const aliceAdmin = access({ principal: alice, adminPaths: [adminPath({ id: "full-admin" })] });
    expect(findingsOf({ model: reachModel, rule: "admin-via-role-assumption", access: accessMap([adminAccess, aliceAdmin]), reach: conditional })).toEqual([]);
  });
});

describe("admin-policy-attached (CIS 1.15)", () => {
  it("reports AWS managed, customer managed and inline \"*:*\" (Action \"*\", Resource \"*\") policies on users, roles and groups", () => {
    const customer = { id: `arn:aws:iam::${PROD}:policy/GodMode`, name: "GodMode", kind: "customer-managed" as const, document: JSON.stringify({ Statement: { Effect: "Allow", Action: ["*"], Resource: ["*"] } }) };
    const ops = role({ accountId: PROD, name: "Ops", identityPolicies: [awsManaged("AdministratorAccess", ADMIN_DOCUMENT)] });
    const bob = user({ accountId: PROD, name: "bob", identityPolicies: [inlinePolicy("bob", "all", ADMIN_DOCUMENT)] });
    const withGroup = { ...withPrincipals(cleanOrg(), { principals: [ops, bob] }), groups: [{ key: `${PROD}/AGPAADMINS`, accountId: PROD, name: "Admins", arn: `arn:aws:iam::${PROD}:group/Admins`, policies: [customer] }] };
    const findings = findingsOf({ model: withGroup, rule: "admin-policy-attached" });
    expect(findings.map((f) => [f.resourceName, f.cisControl, f.severity, f.fingerprint])).toEqual([
      ["Admins", "1.15", "high", `admin-policy-attached|${PROD}/AGPAADMINS|arn:aws:iam::${PROD}:policy/GodMode`],
      ["Ops", "1.15", "high", `admin-policy-attached|${ops.key}|arn:aws:iam::aws:policy/AdministratorAccess`],
      ["bob", "1.15", "high", `admin-policy-attached|${bob.key}|inline:bob:all`],
    ].sort((a, b) => a[3].localeCompare(b[3])));
    expect(findings.find((f) => f.resourceName === "Ops")?.evidence.statements).toEqual([{ index: 0, sid: null, effect: "Allow", actions: ["*"], resources: ["*"], conditions: [] }]);
  });

  // A literal "*:*" entry: IAM JSON policy elements: Action
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html) puts
  // wildcards in the action name after a service namespace, and Access Analyzer's
  // INVALID_SERVICE_IN_ACTION (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html)
  // rejects a prefix that is no service's. It names no action: the engine grants nothing for it
  // (fixture lib/policy/fixtures/identity/star-colon-star-names-nothing.json), and neither finding calls it admin.
  it("does not call a literal \"*:*\" entry full admin: it names no action, as the engine reads it", () => {
    const literal = { Statement: [{ Effect: "Allow", Action: ["*:*", "s3*:*"], Resource: "*" }] };
    const ops = role({ accountId: PROD, name: "Ops", identityPolicies: [inlinePolicy("ops", "literal", literal)] });
    expect(findingsOf({ model: withPrincipals(cleanOrg(), { principals: [ops] }), rule: "admin-policy-attached" })).toEqual([]);
    const star = role({ accountId: PROD, name: "Star", identityPolicies: [inlinePolicy("star", "all", { Statement: [{ ...literal.Statement[0], Action: ["*:*", "*"] }] })] });
    expect(findingsOf({ model: withPrincipals(cleanOrg(), { principals: [star] }), rule: "admin-policy-attached" }).map((f) => f.resourceName)).toEqual(["Star"]);
  });

  it("ignores broad but not \"*:*\" policies", () => {
    const powerUser = { Statement: [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }] };
    const s3 = { Statement: [{ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::bucket/*" }] };
    const ops = role({ accountId: PROD, name: "Ops", trust: trustDocument({ Service: "ec2.amazonaws.com" }), identityPolicies: [awsManaged("PowerUserAccess", powerUser), inlinePolicy("ops", "s3", s3)] });
    expect(findingsOf({ model: withPrincipals(cleanOrg(), { principals: [ops] }), rule: "admin-policy-attached" })).toEqual([]);
  });
});
