import { ACCESS_KEY_CREATED_AT_SETUP, ACCESS_KEY_NOT_ROTATED, USER_TWO_ACTIVE_KEYS } from "./find-access-key-issues";
import { CLOUDSHELL_FULL_ACCESS, IAM_USERS_WITH_IDENTITY_CENTER, NO_SUPPORT_ROLE } from "./find-account-hygiene";
import { ADMIN_ESCALATION, ADMIN_FULL } from "./find-admin-principals";
import { ADMIN_VIA_ROLE_ASSUMPTION } from "./find-admin-via-assumption";
import { INSTANCE_ROLE_BROAD_POLICY } from "./find-broad-instance-roles";
import { CONSOLE_USER_NO_MFA } from "./find-console-users-without-mfa";
import { TRUST_ACCOUNT_ROOT_UNCONDITIONED, TRUST_EXTERNAL_ACCOUNT, TRUST_EXTERNAL_NO_EXTERNAL_ID } from "./find-cross-account-trusts";
import { TRUST_OIDC_BROAD_SUBJECT } from "./find-broad-oidc-subjects";
import { PERSON_MULTIPLE_IAM_USERS } from "./find-duplicate-people";
import { EMPTY_IAM_GROUP } from "./find-empty-groups";
import { UNATTACHED_PRIVILEGED_POLICY } from "./find-unattached-privileged-policies";
import { TRUST_FEDERATED_PROVIDER, TRUST_OIDC_OPEN_SUBJECT } from "./find-federation-trusts";
import { ADMIN_POLICY_ATTACHED } from "./find-full-admin-policies";
import { TRUST_ANY_PRINCIPAL_UNCONDITIONED, TRUST_ANY_PRINCIPAL_WEAK_CONDITIONS } from "./find-open-trusts";
import { ROOT_ACCESS_KEY, ROOT_NO_MFA, ROOT_RECENT_USE, ROOT_VIRTUAL_MFA } from "./find-root-issues";
import { TRUST_SERVICE_NO_SOURCE_CONDITION } from "./find-service-trusts";
import { ACCESS_KEY_UNUSED, PASSWORD_UNUSED } from "./find-unused-credentials";
import { UNUSED_ROLE, UNUSED_USER } from "./find-unused-principals";
import { UNUSED_SERVICES } from "./find-unused-services";
import { USER_ATTACHED_POLICY, USER_INLINE_POLICY } from "./find-user-policies";
import { PASSWORD_POLICY_REUSE, PASSWORD_POLICY_SHORT } from "./find-weak-password-policies";
import { KMS_KEY_EXTERNAL } from "./find-kms-keys-usable-outside";
import { LAMBDA_PUBLIC_INVOKE } from "./find-public-lambda-functions";
import { RESOURCE_PUBLIC } from "./find-public-resources";
import { SNAPSHOT_PUBLIC } from "./find-public-snapshots";
import { RESOURCE_SHARED_EXTERNAL } from "./find-resources-shared-outside";
import type { TFindingRule } from "./make-finding";

/** Every rule runFindings can emit, grouped by category, for the console and compliance reports. */
export const FINDING_RULES: readonly TFindingRule[] = [
  TRUST_ANY_PRINCIPAL_UNCONDITIONED,
  TRUST_ANY_PRINCIPAL_WEAK_CONDITIONS,
  TRUST_EXTERNAL_ACCOUNT,
  TRUST_ACCOUNT_ROOT_UNCONDITIONED,
  TRUST_EXTERNAL_NO_EXTERNAL_ID,
  TRUST_SERVICE_NO_SOURCE_CONDITION,
  TRUST_OIDC_OPEN_SUBJECT,
  TRUST_OIDC_BROAD_SUBJECT,
  TRUST_FEDERATED_PROVIDER,
  ADMIN_FULL,
  ADMIN_ESCALATION,
  ADMIN_VIA_ROLE_ASSUMPTION,
  ADMIN_POLICY_ATTACHED,
  UNUSED_ROLE,
  UNUSED_USER,
  UNUSED_SERVICES,
  ACCESS_KEY_UNUSED,
  PASSWORD_UNUSED,
  ROOT_ACCESS_KEY,
  ROOT_NO_MFA,
  ROOT_VIRTUAL_MFA,
  ROOT_RECENT_USE,
  PASSWORD_POLICY_SHORT,
  PASSWORD_POLICY_REUSE,
  CONSOLE_USER_NO_MFA,
  ACCESS_KEY_CREATED_AT_SETUP,
  USER_TWO_ACTIVE_KEYS,
  ACCESS_KEY_NOT_ROTATED,
  USER_ATTACHED_POLICY,
  USER_INLINE_POLICY,
  INSTANCE_ROLE_BROAD_POLICY,
  PERSON_MULTIPLE_IAM_USERS,
  CLOUDSHELL_FULL_ACCESS,
  NO_SUPPORT_ROLE,
  IAM_USERS_WITH_IDENTITY_CENTER,
  UNATTACHED_PRIVILEGED_POLICY,
  EMPTY_IAM_GROUP,
  RESOURCE_PUBLIC,
  SNAPSHOT_PUBLIC,
  LAMBDA_PUBLIC_INVOKE,
  KMS_KEY_EXTERNAL,
  RESOURCE_SHARED_EXTERNAL,
];

/** The unused-access rules: the console's "Unused access" list and the unused-access report. */
export const UNUSED_RULES: readonly TFindingRule[] = FINDING_RULES.filter((rule) => rule.category === "unused");

export function findingRule(id: string): TFindingRule | undefined {
  return FINDING_RULES.find((rule) => rule.id === id);
}
