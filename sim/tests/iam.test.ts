import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GetAccountAuthorizationDetailsCommand, paginateGetAccountAuthorizationDetails, ListAccessKeysCommand, GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand, GetAccountPasswordPolicyCommand, ListVirtualMFADevicesCommand, ListMFADevicesCommand,
  ListSAMLProvidersCommand, ListOpenIDConnectProvidersCommand, GetOpenIDConnectProviderCommand, ListAccountAliasesCommand,
  NoSuchEntityException, type IAMClient, type GetAccountAuthorizationDetailsCommandOutput,
} from "@aws-sdk/client-iam";
import type { SimulatorHandle } from "../server";
import { assume, clients, decode, errorOf, MGMT, PROD, startFixture } from "./helpers";

let sim: SimulatorHandle;
let iam: IAMClient;
let full: GetAccountAuthorizationDetailsCommandOutput;
beforeAll(async () => {
  sim = await startFixture();
  iam = clients(sim, await assume(sim, PROD, "GovernanceAuditRole")).iam;
  full = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1000 }));
});
afterAll(async () => { await sim.stop(); });

describe("IAM GetAccountAuthorizationDetails", () => {
  it("returns every entity with IDs, memberships, policies, boundaries and tags", () => {
    expect(full.IsTruncated).toBe(false);
    expect(full.UserDetailList!.map((u) => u.UserName)).toEqual(["alice", "bob", "carol"]);
    expect(full.GroupDetailList!.map((g) => g.GroupName)).toEqual(["Devs", "Admins"]);
    expect(full.RoleDetailList).toHaveLength(10);
    expect(full.Policies!.map((p) => p.PolicyName).sort()).toEqual(["AdministratorAccess", "Boundary", "DeployPolicy", "ReadOnlyAccess", "SecurityAudit"]);

    const alice = full.UserDetailList![0];
    expect(alice.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(alice.Arn).toBe(`arn:aws:iam::${PROD}:user/alice`);
    expect(alice.CreateDate!.toISOString()).toBe("2022-10-24T00:00:00.000Z");
    expect(alice.GroupList).toEqual(["Devs"]);
    expect(alice.AttachedManagedPolicies).toEqual([{ PolicyName: "DeployPolicy", PolicyArn: `arn:aws:iam::${PROD}:policy/DeployPolicy` }]);
    expect(decode(alice.UserPolicyList![0].PolicyDocument).Statement[0].Action).toBe("iam:CreatePolicyVersion");
    expect(alice.PermissionsBoundary).toEqual({ PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: `arn:aws:iam::${PROD}:policy/boundaries/Boundary` });
    expect(alice.Tags).toEqual([{ Key: "email", Value: "alice@fixture.example" }]);
    expect(full.UserDetailList![2].Arn).toBe(`arn:aws:iam::${PROD}:user/contractors/carol`);

    const app = full.RoleDetailList!.find((r) => r.RoleName === "app-role")!;
    expect(app.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(decode(app.AssumeRolePolicyDocument).Statement[0].Principal).toEqual({ Service: "ec2.amazonaws.com" });
    expect(app.InstanceProfileList![0]).toMatchObject({ InstanceProfileName: "app-role", Arn: `arn:aws:iam::${PROD}:instance-profile/app-role` });
    expect(app.InstanceProfileList![0].InstanceProfileId).toMatch(/^AIPA/);
    expect(app.AttachedManagedPolicies![0].PolicyArn).toBe("arn:aws:iam::aws:policy/AdministratorAccess");
    expect(app.RoleLastUsed!.Region).toBe("us-west-2");
    expect(app.RoleLastUsed!.LastUsedDate!.toISOString()).toBe("2024-12-28T00:00:00.000Z");
    const vendor = full.RoleDetailList!.find((r) => r.RoleName === "vendor")!;
    expect(decode(vendor.AssumeRolePolicyDocument).Statement[0]).toMatchObject({
      Principal: { AWS: "arn:aws:iam::999988887777:root" }, Condition: { StringEquals: { "sts:ExternalId": "vendor-secret" } },
    });
    expect(vendor.RoleLastUsed).toEqual({});
  });

  it("returns managed policies with URL-encoded versions and attachment counts", () => {
    const admin = full.Policies!.find((p) => p.PolicyName === "AdministratorAccess")!;
    expect(admin.Arn).toBe("arn:aws:iam::aws:policy/AdministratorAccess");
    expect(admin.PolicyId).toBe("ANPAIWMBCKSKIEE64ZLYK");
    expect(admin.AttachmentCount).toBe(3); // group Admins, app-role, AWSReservedSSO_AdministratorAccess
    expect(decodeURIComponent(admin.PolicyVersionList![0].Document!)).toBe('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}');
    const deploy = full.Policies!.find((p) => p.PolicyName === "DeployPolicy")!;
    expect(deploy.DefaultVersionId).toBe("v2");
    expect(deploy.PolicyVersionList!.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([["v1", false], ["v2", true]]);
    expect(decode(deploy.PolicyVersionList![1].Document).Statement[0].Action).toEqual(["s3:*", "lambda:*"]);
    expect(full.Policies!.find((p) => p.PolicyName === "Boundary")!.PermissionsBoundaryUsageCount).toBe(2); // alice + SSO Custom role
  });

  it("paginates with MaxItems 2 and returns every entity exactly once", async () => {
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 2 }, {})) {
      pages++;
      const ids = [
        ...(page.UserDetailList ?? []).map((x) => x.UserId!), ...(page.GroupDetailList ?? []).map((x) => x.GroupId!),
        ...(page.RoleDetailList ?? []).map((x) => x.RoleId!), ...(page.Policies ?? []).map((x) => x.PolicyId!),
      ];
      expect(ids.length).toBeLessThanOrEqual(2);
      seen.push(...ids);
    }
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
    expect(pages).toBe(10);
  });

  it("honours Filter", async () => {
    const roles = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ["Role"] }));
    expect(roles.UserDetailList).toEqual([]);
    expect(roles.RoleDetailList).toHaveLength(10);
    const pol = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ["LocalManagedPolicy", "User"] }));
    expect(pol.UserDetailList).toHaveLength(3);
    expect(pol.Policies!.map((p) => p.PolicyName)).toEqual(["DeployPolicy", "Boundary"]);
  });
});

describe("IAM account reads", () => {
  it("lists access keys and their last use", async () => {
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: "alice" }));
    expect(keys.AccessKeyMetadata!.map((k) => k.Status)).toEqual(["Active", "Active"]);
    expect(keys.AccessKeyMetadata![0].AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keys.AccessKeyMetadata![0].AccessKeyId }));
    expect(used.UserName).toBe("alice");
    expect(used.AccessKeyLastUsed).toMatchObject({ ServiceName: "s3", Region: "eu-west-1" });
    expect(used.AccessKeyLastUsed!.LastUsedDate!.toISOString()).toBe("2024-12-31T00:00:00.000Z");
    const never = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: keys.AccessKeyMetadata![1].AccessKeyId }));
    expect(never.AccessKeyLastUsed).toEqual({ ServiceName: "N/A", Region: "N/A" });
    const bob = await iam.send(new ListAccessKeysCommand({ UserName: "bob" }));
    expect(bob.AccessKeyMetadata![0].Status).toBe("Inactive");
    expect((await errorOf(iam.send(new ListAccessKeysCommand({ UserName: "nobody" }))))).toBeInstanceOf(NoSuchEntityException);
  });

  it("returns the account summary map", async () => {
    const { SummaryMap: m } = await iam.send(new GetAccountSummaryCommand({}));
    expect(m).toMatchObject({ Users: 3, Groups: 2, Roles: 10, Policies: 2, AccountMFAEnabled: 0, AccountAccessKeysPresent: 1, MFADevices: 2, Providers: 3, InstanceProfiles: 1 });
  });

  it("returns the password policy, or NoSuchEntity when the account has none", async () => {
    const { PasswordPolicy: p } = await iam.send(new GetAccountPasswordPolicyCommand({}));
    expect(p).toMatchObject({ MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: false, ExpirePasswords: true, MaxPasswordAge: 90 });
    const mgmt = clients(sim, await assume(sim, MGMT, "GovernanceAuditRole")).iam;
    const e = await errorOf(mgmt.send(new GetAccountPasswordPolicyCommand({})));
    expect(e).toBeInstanceOf(NoSuchEntityException);
    expect(e.message).toBe(`The Password Policy with domain name ${MGMT} cannot be found.`);
  });

  it("lists MFA devices, providers and aliases", async () => {
    const v = await iam.send(new ListVirtualMFADevicesCommand({}));
    expect(v.VirtualMFADevices!.map((d) => [d.SerialNumber, d.User?.UserName])).toEqual([[`arn:aws:iam::${PROD}:mfa/bob`, "bob"]]);
    const carol = await iam.send(new ListMFADevicesCommand({ UserName: "carol" }));
    expect(carol.MFADevices![0].SerialNumber).toMatch(/^GAHT\d{8}$/);
    const saml = await iam.send(new ListSAMLProvidersCommand({}));
    expect(saml.SAMLProviderList!.map((p) => p.Arn)).toEqual([
      `arn:aws:iam::${PROD}:saml-provider/Okta`, expect.stringMatching(new RegExp(`^arn:aws:iam::${PROD}:saml-provider/AWSSSO_[0-9a-f]{16}_DO_NOT_DELETE$`)),
    ]);
    const oidc = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(oidc.OpenIDConnectProviderList).toEqual([{ Arn: `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com` }]);
    const p = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: oidc.OpenIDConnectProviderList![0].Arn }));
    expect(p).toMatchObject({ Url: "token.actions.githubusercontent.com", ClientIDList: ["sts.amazonaws.com"] });
    expect(p.ThumbprintList).toHaveLength(1);
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(["fx-prod"]);
  });
});
