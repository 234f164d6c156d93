import { withRole } from "@/lib/auth/require-user";
import { flattenOrganizationAccounts, type TAccountListRow } from "@/lib/console/flatten-organization-accounts";
import { getOrganizationTree } from "@/lib/console/get-organization-tree";
import { auditedCsvResponse } from "@/lib/export/audited-csv";
import type { TCsvColumn } from "@/lib/export/to-csv";

const COLUMNS: TCsvColumn<TAccountListRow>[] = [
  { header: "account_id", value: (r) => r.id },
  { header: "account_name", value: (r) => r.name },
  { header: "email", value: (r) => r.email },
  { header: "status", value: (r) => r.status },
  { header: "management_account", value: (r) => String(r.isManagement) },
  { header: "ou_path", value: (r) => r.ouPath.join(" / ") },
  { header: "policies_in_effect", value: (r) => r.inheritedPolicies },
  { header: "tags", value: (r) => Object.entries(r.tags).map(([k, v]) => `${k}=${v}`) },
  { header: "last_collection_run", value: (r) => r.collection?.runId ?? "" },
  { header: "last_collection_status", value: (r) => r.collection?.status ?? "never collected" },
  { header: "last_collection_error", value: (r) => (r.collection?.errorCode ? `${r.collection.errorCode}: ${r.collection.error ?? ""}` : "") },
  { header: "unavailable_data", value: (r) => (r.collection?.unavailable ?? []).map((u) => `${u.kind} (${u.code})`) },
];

/** The organization's accounts as shown on the organization page, with the SCPs/RCPs in effect for each. */
export const GET = withRole(async ({ user }) => {
  const tree = await getOrganizationTree({ user });
  return auditedCsvResponse({ user, targetType: "accounts", filters: {}, rows: flattenOrganizationAccounts(tree.roots), columns: COLUMNS, filename: "accounts" });
}, { permission: "exports.download" });
