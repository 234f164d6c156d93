import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DescribeOrganizationCommand, ListRootsCommand, ListOrganizationalUnitsForParentCommand, ListAccountsForParentCommand,
  paginateListAccounts, ListTagsForResourceCommand, ListPoliciesCommand, DescribePolicyCommand, ListTargetsForPolicyCommand,
  ListParentsCommand, AccessDeniedException, type Account, type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import {
  ListInstancesCommand, ListPermissionSetsCommand, DescribePermissionSetCommand, ListManagedPoliciesInPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand, GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand, ListAccountsForProvisionedPermissionSetCommand, ListAccountAssignmentsCommand,
  ResourceNotFoundException, type SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import { ListUsersCommand, ListGroupsCommand, ListGroupMembershipsCommand, type IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { GetRoleCredentialsCommand, UnauthorizedException } from "@aws-sdk/client-sso";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { GetAccountAuthorizationDetailsCommand } from "@aws-sdk/client-iam";
import type { SimulatorHandle } from "../server";
import { assume, clients, decode, errorOf, HUB, hubCreds, MGMT, PROD, startFixture, SUSPENDED } from "./helpers";

let sim: SimulatorHandle;
let org: OrganizationsClient;
let sso: SSOAdminClient;
let ids: IdentitystoreClient;
beforeAll(async () => {
  sim = await startFixture();
  const c = clients(sim, await assume(sim, MGMT, "OrgReader"));
  org = c.org; sso = c.ssoAdmin; ids = c.ids;
});
afterAll(async () => { await sim.stop(); });

describe("Organizations", () => {
  it("describes the organization, root and OU tree", async () => {
    const { Organization: o } = await org.send(new DescribeOrganizationCommand({}));
    expect(o).toMatchObject({ Id: "o-fixture000", FeatureSet: "ALL", MasterAccountId: MGMT, MasterAccountEmail: "mgmt@fixture.example", MasterAccountArn: `arn:aws:organizations::${MGMT}:account/o-fixture000/${MGMT}` });
    const { Roots } = await org.send(new ListRootsCommand({}));
    expect(Roots).toHaveLength(1);
    const root = Roots![0];
    expect(root.Id).toMatch(/^r-[0-9a-z]{4}$/);
    const top = await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: root.Id }));
    expect(top.OrganizationalUnits!.map((o) => o.Name)).toEqual(["Security", "Workloads"]);
    const workloads = top.OrganizationalUnits![1];
    expect(workloads.Id).toMatch(new RegExp(`^ou-${root.Id!.slice(2)}-[0-9a-z]{8}$`));
    expect(workloads.Arn).toBe(`arn:aws:organizations::${MGMT}:ou/o-fixture000/${workloads.Id}`);
    const prod = (await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: workloads.Id }))).OrganizationalUnits!;
    expect(prod.map((o) => o.Name)).toEqual(["Prod"]);
    const inProd = await org.send(new ListAccountsForParentCommand({ ParentId: prod[0].Id }));
    expect(inProd.Accounts!.map((a) => a.Id)).toEqual([PROD]);
    expect((await org.send(new ListParentsCommand({ ChildId: PROD }))).Parents).toEqual([{ Id: prod[0].Id, Type: "ORGANIZATIONAL_UNIT" }]);
    expect((await org.send(new ListParentsCommand({ ChildId: workloads.Id }))).Parents).toEqual([{ Id: root.Id, Type: "ROOT" }]);
    expect((await org.send(new ListTagsForResourceCommand({ ResourceId: workloads.Id }))).Tags).toEqual([{ Key: "owner", Value: "platform" }]);
    expect((await org.send(new ListTagsForResourceCommand({ ResourceId: PROD }))).Tags).toEqual([{ Key: "env", Value: "prod" }, { Key: "team", Value: "payments" }]);
  });

  it("paginates accounts with status and state", async () => {
    const accounts: Account[] = [];
    let pages = 0;
    for await (const p of paginateListAccounts({ client: org, pageSize: 2 }, {})) { accounts.push(...p.Accounts!); pages++; }
    expect(pages).toBe(3);
    expect(accounts.map((a) => a.Id)).toEqual([MGMT, HUB, PROD, SUSPENDED, "555555555555"]);
    const old = accounts.find((a) => a.Id === SUSPENDED)!;
    expect(old).toMatchObject({ Name: "fx-old", Status: "SUSPENDED", State: "CLOSED", Arn: `arn:aws:organizations::${MGMT}:account/o-fixture000/${SUSPENDED}` });
    expect(accounts[0].JoinedTimestamp!.toISOString()).toBe("2019-07-12T00:00:00.000Z");
    expect((await errorOf(org.send(new ListRootsCommand({ MaxResults: 50 })))).name).toBe("InvalidInputException");
  });

  it("lists SCPs and RCPs with content and targets", async () => {
    const scps = (await org.send(new ListPoliciesCommand({ Filter: "SERVICE_CONTROL_POLICY" }))).Policies!;
    expect(scps.map((p) => [p.Name, p.AwsManaged])).toEqual([["FullAWSAccess", true], ["DenyLeave", false]]);
    expect(scps[0].Id).toBe("p-FullAWSAccess");
    const rcps = (await org.send(new ListPoliciesCommand({ Filter: "RESOURCE_CONTROL_POLICY" }))).Policies!;
    expect(rcps.map((p) => p.Name)).toEqual(["RCPFullAWSAccess", "SecureTransport"]);
    const deny = await org.send(new DescribePolicyCommand({ PolicyId: scps[1].Id }));
    expect(JSON.parse(deny.Policy!.Content!).Statement[0]).toMatchObject({ Effect: "Deny", Action: "organizations:LeaveOrganization" });
    expect((await org.send(new ListTargetsForPolicyCommand({ PolicyId: scps[1].Id }))).Targets!.map((t) => t.Type)).toEqual(["ROOT"]);
    const all = (await org.send(new ListTargetsForPolicyCommand({ PolicyId: "p-FullAWSAccess" }))).Targets!;
    expect(all).toHaveLength(9); // root + 3 OUs + 5 accounts
    expect(all.find((t) => t.TargetId === PROD)).toMatchObject({ Type: "ACCOUNT", Name: "fx-prod" });
  });

  it("is denied to callers outside the management account", async () => {
    const hubOrg = clients(sim, hubCreds(sim), { maxAttempts: 1 }).org;
    const e = await errorOf(hubOrg.send(new ListRootsCommand({})));
    expect(e).toBeInstanceOf(AccessDeniedException);
  });
});

describe("IAM Identity Center", () => {
  it("exposes instance, permission sets and their policies", async () => {
    const { Instances } = await sso.send(new ListInstancesCommand({}));
    expect(Instances).toHaveLength(1);
    const { InstanceArn, IdentityStoreId } = Instances![0];
    expect(InstanceArn).toMatch(/^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/);
    expect(IdentityStoreId).toMatch(/^d-[0-9a-f]{10}$/);
    const arns = (await sso.send(new ListPermissionSetsCommand({ InstanceArn }))).PermissionSets!;
    expect(arns).toHaveLength(3);
    const sets = await Promise.all(arns.map((PermissionSetArn) => sso.send(new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn }))));
    expect(sets.map((s) => [s.PermissionSet!.Name, s.PermissionSet!.SessionDuration])).toEqual([["AdministratorAccess", "PT1H"], ["ReadOnly", "PT8H"], ["Custom", "PT1H"]]);
    expect(sets[0].PermissionSet!.CreatedDate).toBeInstanceOf(Date);
    const [admin, ro, custom] = arns;
    expect((await sso.send(new ListManagedPoliciesInPermissionSetCommand({ InstanceArn, PermissionSetArn: admin }))).AttachedManagedPolicies)
      .toEqual([{ Name: "AdministratorAccess", Arn: "arn:aws:iam::aws:policy/AdministratorAccess" }]);
    expect((await sso.send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand({ InstanceArn, PermissionSetArn: custom }))).CustomerManagedPolicyReferences)
      .toEqual([{ Name: "DeployPolicy", Path: "/" }]);
    expect(JSON.parse((await sso.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn, PermissionSetArn: custom }))).InlinePolicy!).Statement[0].Action).toBe("s3:GetObject");
    expect((await sso.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn, PermissionSetArn: ro }))).InlinePolicy).toBe("");
    expect((await sso.send(new GetPermissionsBoundaryForPermissionSetCommand({ InstanceArn, PermissionSetArn: custom }))).PermissionsBoundary)
      .toEqual({ CustomerManagedPolicyReference: { Name: "Boundary", Path: "/boundaries/" } });
    expect(await errorOf(sso.send(new GetPermissionsBoundaryForPermissionSetCommand({ InstanceArn, PermissionSetArn: ro })))).toBeInstanceOf(ResourceNotFoundException);
    expect((await sso.send(new ListAccountsForProvisionedPermissionSetCommand({ InstanceArn, PermissionSetArn: ro }))).AccountIds).toEqual([PROD, HUB]);

    const { Groups } = await ids.send(new ListGroupsCommand({ IdentityStoreId }));
    expect(Groups!.map((g) => g.DisplayName)).toEqual(["Admins", "Readers"]);
    const assignments = (await sso.send(new ListAccountAssignmentsCommand({ InstanceArn, AccountId: PROD, PermissionSetArn: admin }))).AccountAssignments!;
    expect(assignments).toEqual([{ AccountId: PROD, PermissionSetArn: admin, PrincipalType: "GROUP", PrincipalId: Groups![0].GroupId }]);
  });

  it("lists identity-store users, groups and memberships", async () => {
    const { Instances } = await sso.send(new ListInstancesCommand({}));
    const IdentityStoreId = Instances![0].IdentityStoreId;
    const { Users } = await ids.send(new ListUsersCommand({ IdentityStoreId }));
    expect(Users!.map((u) => [u.UserName, u.DisplayName, u.Emails![0].Value])).toEqual([
      ["ann", "Ann Lee", "ann@fixture.example"], ["ben", "Ben Kim", "ben@fixture.example"], ["cid", "Cid Ng", "cid@fixture.example"],
    ]);
    const readers = (await ids.send(new ListGroupsCommand({ IdentityStoreId }))).Groups![1];
    const m = await ids.send(new ListGroupMembershipsCommand({ IdentityStoreId, GroupId: readers.GroupId }));
    expect(m.GroupMemberships!.map((x) => x.MemberId && "UserId" in x.MemberId ? x.MemberId.UserId : undefined)).toEqual([Users![1].UserId, Users![2].UserId]);
  });

  it("materialises each assignment as an AWSReservedSSO role in the target account", async () => {
    const iam = clients(sim, await assume(sim, PROD, "GovernanceAuditRole")).iam;
    const roles = (await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ["Role"] }))).RoleDetailList!;
    const sso = roles.filter((r) => r.Path === "/aws-reserved/sso.amazonaws.com/");
    expect(sso.map((r) => r.RoleName!.replace(/_[0-9a-f]{16}$/, "")).sort()).toEqual(["AWSReservedSSO_AdministratorAccess", "AWSReservedSSO_Custom", "AWSReservedSSO_ReadOnly"]);
    const admin = sso.find((r) => r.RoleName!.startsWith("AWSReservedSSO_AdministratorAccess_"))!;
    const st = decode(admin.AssumeRolePolicyDocument).Statement[0];
    expect(st.Principal.Federated).toMatch(new RegExp(`^arn:aws:iam::${PROD}:saml-provider/AWSSSO_[0-9a-f]{16}_DO_NOT_DELETE$`));
    expect(st.Action).toContain("sts:AssumeRoleWithSAML");
    expect(admin.AttachedManagedPolicies).toEqual([{ PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }]);
    const custom = sso.find((r) => r.RoleName!.startsWith("AWSReservedSSO_Custom_"))!;
    expect(custom.RolePolicyList!.map((p) => p.PolicyName)).toEqual(["AwsSSOInlinePolicy"]);
    expect(custom.AttachedManagedPolicies![0].PolicyArn).toBe(`arn:aws:iam::${PROD}:policy/DeployPolicy`);
    expect(custom.PermissionsBoundary!.PermissionsBoundaryArn).toBe(`arn:aws:iam::${PROD}:policy/boundaries/Boundary`);
  });

  it("SSO portal: GetRoleCredentials for an entitled user, Forbidden/Unauthorized otherwise", async () => {
    const { sso: portal } = clients(sim, undefined, { maxAttempts: 1 });
    const r = await portal.send(new GetRoleCredentialsCommand({ accessToken: "token-ann", roleName: "AdministratorAccess", accountId: PROD }));
    expect(r.roleCredentials!.accessKeyId).toMatch(/^ASIA/);
    expect(r.roleCredentials!.expiration).toBeGreaterThan(Date.now());
    const c = r.roleCredentials!;
    const who = await clients(sim, { accessKeyId: c.accessKeyId!, secretAccessKey: c.secretAccessKey!, sessionToken: c.sessionToken! }).sts.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toMatch(new RegExp(`^arn:aws:sts::${PROD}:assumed-role/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}/ann$`));
    expect(await errorOf(portal.send(new GetRoleCredentialsCommand({ accessToken: "token-ben", roleName: "AdministratorAccess", accountId: PROD })))).toMatchObject({ name: "ForbiddenException", $metadata: { httpStatusCode: 403 } });
    expect(await errorOf(portal.send(new GetRoleCredentialsCommand({ accessToken: "bogus", roleName: "ReadOnly", accountId: PROD })))).toBeInstanceOf(UnauthorizedException);
    await expect(portal.send(new GetRoleCredentialsCommand({ accessToken: "token-ben", roleName: "ReadOnly", accountId: HUB }))).resolves.toBeTruthy();
  });
});
