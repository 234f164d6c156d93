import {
  GetAccountAuthorizationDetailsCommand, GetPolicyCommand, GetPolicyVersionCommand, ListAccessKeysCommand, GetAccessKeyLastUsedCommand,
  GetCredentialReportCommand, GetAccountSummaryCommand, ListAccountAliasesCommand, GetAccountPasswordPolicyCommand,
  ListVirtualMFADevicesCommand, ListMFADevicesCommand, ListSAMLProvidersCommand, ListOpenIDConnectProvidersCommand,
  GetServiceLastAccessedDetailsCommand, type IAMClient,
} from "@aws-sdk/client-iam";
import {
  ListPermissionSetsCommand, DescribePermissionSetCommand, ListManagedPoliciesInPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand, GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand, ListAccountsForProvisionedPermissionSetCommand, ListAccountAssignmentsCommand,
  type SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import { ListUsersCommand, ListGroupsCommand, ListGroupMembershipsCommand, type IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { describeAwsError } from "../aws/aws-error";

/** One operation the endpoint must (or should) speak, with a harmless call that proves it does. */
type TProbe = { operation: string; required: boolean; feeds: string; call: () => Promise<unknown> };

export type TMissingOperation = { operation: string; required: boolean; feeds: string; code: string; message: string };

// Any answer in the API's own terms (data, AccessDenied, NoSuchEntity, a validation error)
// proves the operation exists; only "unknown operation" answers and non-API pages do not.
async function missingOf(probes: TProbe[]): Promise<TMissingOperation[]> {
  const results = await Promise.all(probes.map(async (probe) => {
    try {
      await probe.call();
      return null;
    } catch (error) {
      const info = describeAwsError(error);
      if (info.kind !== "not-available" || info.code === "InvalidClientTokenId") return null;
      return { operation: probe.operation, required: probe.required, feeds: probe.feeds, code: info.code, message: info.message };
    }
  }));
  return results.filter((m): m is TMissingOperation => m !== null);
}

const EXAMPLE_POLICY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const NO_SUCH_JOB = "00000000-0000-0000-0000-000000000000";

/**
 * The IAM operations each account's collection uses, checked once per run in the first
 * account (about a dozen cheap calls): GetAccountAuthorizationDetails is required (it lists
 * the principals everything else hangs on); each other one feeds one data kind.
 */
export function checkIamOperations(iam: IAMClient): Promise<TMissingOperation[]> {
  const probe = (operation: string, feeds: string, call: () => Promise<unknown>, required = false): TProbe => ({ operation: `iam:${operation}`, required, feeds, call });
  return missingOf([
    probe("GetAccountAuthorizationDetails", "users, groups, roles, customer managed policies", () => iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1, Filter: ["User"] })), true),
    probe("GetPolicy", "AWS managed policies", () => iam.send(new GetPolicyCommand({ PolicyArn: EXAMPLE_POLICY }))),
    probe("GetPolicyVersion", "AWS managed policies", () => iam.send(new GetPolicyVersionCommand({ PolicyArn: EXAMPLE_POLICY, VersionId: "v1" }))),
    probe("ListAccessKeys", "access keys", () => iam.send(new ListAccessKeysCommand({ MaxItems: 1 }))),
    probe("GetAccessKeyLastUsed", "access keys", () => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }))),
    probe("GetCredentialReport", "credential report", () => iam.send(new GetCredentialReportCommand({}))),
    probe("GetAccountSummary", "account summary (root MFA, root keys)", () => iam.send(new GetAccountSummaryCommand({}))),
    probe("ListAccountAliases", "account summary", () => iam.send(new ListAccountAliasesCommand({}))),
    probe("GetAccountPasswordPolicy", "password policy", () => iam.send(new GetAccountPasswordPolicyCommand({}))),
    probe("ListVirtualMFADevices", "MFA devices", () => iam.send(new ListVirtualMFADevicesCommand({ MaxItems: 1 }))),
    probe("ListMFADevices", "MFA devices", () => iam.send(new ListMFADevicesCommand({ MaxItems: 1 }))),
    probe("ListSAMLProviders", "identity providers", () => iam.send(new ListSAMLProvidersCommand({}))),
    probe("ListOpenIDConnectProviders", "identity providers", () => iam.send(new ListOpenIDConnectProvidersCommand({}))),
    probe("GetServiceLastAccessedDetails", "Access Advisor (last accessed)", () => iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: NO_SUCH_JOB }))),
  ]);
}

/** Identity Center's operations, against the instance found in its home region. */
export function checkIdentityCenterOperations(options: { ssoAdmin: SSOAdminClient; identityStore: IdentitystoreClient; instanceArn: string; identityStoreId: string }): Promise<TMissingOperation[]> {
  const { ssoAdmin, identityStore, instanceArn: InstanceArn, identityStoreId: IdentityStoreId } = options;
  const PermissionSetArn = `${InstanceArn.replace(":instance/", ":permissionSet/")}/ps-0000000000000000`;
  const probe = (operation: string, feeds: string, call: () => Promise<unknown>, required = false): TProbe => ({ operation, required, feeds, call });
  const set = { InstanceArn, PermissionSetArn };
  return missingOf([
    probe("sso:ListPermissionSets", "permission sets", () => ssoAdmin.send(new ListPermissionSetsCommand({ InstanceArn, MaxResults: 1 })), true),
    probe("sso:DescribePermissionSet", "permission sets", () => ssoAdmin.send(new DescribePermissionSetCommand(set)), true),
    probe("sso:ListManagedPoliciesInPermissionSet", "permission sets", () => ssoAdmin.send(new ListManagedPoliciesInPermissionSetCommand(set)), true),
    probe("sso:ListAccountsForProvisionedPermissionSet", "assignments", () => ssoAdmin.send(new ListAccountsForProvisionedPermissionSetCommand(set)), true),
    probe("sso:ListAccountAssignments", "assignments", () => ssoAdmin.send(new ListAccountAssignmentsCommand({ ...set, AccountId: "000000000000" })), true),
    probe("sso:ListCustomerManagedPolicyReferencesInPermissionSet", "permission set field customerManagedPolicies", () => ssoAdmin.send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand(set))),
    probe("sso:GetInlinePolicyForPermissionSet", "permission set field inlinePolicy", () => ssoAdmin.send(new GetInlinePolicyForPermissionSetCommand(set))),
    probe("sso:GetPermissionsBoundaryForPermissionSet", "permission set field permissionsBoundary", () => ssoAdmin.send(new GetPermissionsBoundaryForPermissionSetCommand(set))),
    probe("identitystore:ListUsers", "Identity Center users", () => identityStore.send(new ListUsersCommand({ IdentityStoreId, MaxResults: 1 }))),
    probe("identitystore:ListGroups", "Identity Center groups", () => identityStore.send(new ListGroupsCommand({ IdentityStoreId, MaxResults: 1 }))),
    probe("identitystore:ListGroupMemberships", "Identity Center group memberships", () => identityStore.send(new ListGroupMembershipsCommand({ IdentityStoreId, GroupId: "00000000-0000-0000-0000-000000000000", MaxResults: 1 }))),
  ]);
}

/** One line per missing operation, for the run's error and the CLI. */
export function describeMissing(missing: TMissingOperation[]): string {
  return missing.map((m) => `${m.operation} (${m.required ? "required" : `optional: without it, no ${m.feeds}`}): ${m.code}`).join("; ");
}
