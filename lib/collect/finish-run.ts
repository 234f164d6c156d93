import type pg from "pg";
import { readRecords } from "../snapshot/read-records";
import { storeRecords } from "../snapshot/store-records";
import type { TRunStatus } from "./run-records";
import { RESOURCE_TYPES, type TResourceType } from "../resources/resource-model";
import { resourceKind } from "../resources/resource-records";

/** Resources of the snapshot at `runId` by type, each type present once (zero counts left out). */
export async function countResources(options: { pool: pg.Pool; runId: number }): Promise<TRunSummary["resources"]> {
  const { rows } = await options.pool.query<{ kind: string; n: number }>(
    `SELECT kind, count(*)::int AS n FROM snapshot_record
     WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) AND kind = ANY($2) GROUP BY kind`,
    [options.runId, RESOURCE_TYPES.map(resourceKind)],
  );
  const byKind = new Map(rows.map((r) => [r.kind, r.n]));
  return Object.fromEntries(RESOURCE_TYPES.filter((t) => byKind.has(resourceKind(t))).map((t) => [t, byKind.get(resourceKind(t))!]));
}

export type TRunSummary = {
  runId: number;
  status: TRunStatus;
  /** Every account discovery found, whatever its status (the counts by status add up to it). */
  accountsDiscovered: number;
  accounts: Record<string, number>;
  counts: {
    users: number; groups: number; roles: number;
    /** customerManagedPolicies + awsManagedPolicies. */
    managedPolicies: number;
    /** The accounts' own managed policies, one per account and ARN. */
    customerManagedPolicies: number;
    /** Distinct AWS-managed policies attached, used as a boundary or referenced by a permission set anywhere. */
    awsManagedPolicies: number;
    inlinePolicies: number;
    accessKeys: number; identityCenterAssignments: number; trustRelationships: number;
  };
  /** HTTP requests the run sent: per account (credentials included) and organization-wide. */
  apiCalls: { accounts: number; organization: number; total: number };
  /** The region Identity Center answered in (null: not collected or not found). */
  identityCenterRegion: string | null;
  /** Data resources in the snapshot, by type (s3-bucket, kms-key, …). */
  resources: Partial<Record<TResourceType, number>>;
};

/**
 * Links each Identity Center assignment to the AWSReservedSSO_<PermissionSet>_<hash> role
 * it materialises in the target account, from the roles this run (or the latest earlier
 * run of that account) collected.
 */
async function linkAssignmentsToRoles(options: { pool: pg.Pool; runId: number }) {
  const { pool, runId } = options;
  const assignments = await readRecords({ pool, scope: "org", kinds: ["sso.assignment"] });
  if (assignments.length === 0) return;
  const { rows: roles } = await pool.query<{ scope: string; key: string; name: string; arn: string }>(
    `SELECT scope, key, name, arn FROM snapshot_record
     WHERE kind = 'iam.role' AND valid_to IS NULL AND name LIKE 'AWSReservedSSO\\_%'`,
  );
  const byAccountAndSet = new Map<string, { key: string; arn: string }>();
  for (const role of roles) {
    const match = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/.exec(role.name);
    if (match) byAccountAndSet.set(`${role.scope}|${match[1]}`, { key: role.key, arn: role.arn });
  }
  const links = assignments.map((a) => {
    const role = byAccountAndSet.get(`${a.data.accountId}|${a.data.permissionSetName}`);
    return { kind: "sso.assignment-role", key: a.key, data: { accountId: a.data.accountId, permissionSetName: a.data.permissionSetName, roleId: role?.key ?? null, roleArn: role?.arn ?? null } };
  });
  await storeRecords({ pool, runId, scope: "org", batches: [{ kind: "sso.assignment-role", records: links, mode: "replace" }] });
}

export async function countSnapshot(options: { pool: pg.Pool; runId: number }): Promise<TRunSummary["counts"]> {
  const current = "valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)";
  const { rows } = await options.pool.query<{ kind: string; n: number; inline: number; trusts: number; customer: number }>(
    `SELECT kind, count(*)::int AS n,
       coalesce(sum(jsonb_array_length(coalesce(data->'inlinePolicies', '[]'::jsonb))), 0)::int AS inline,
       coalesce(sum(jsonb_array_length(coalesce(data->'trust'->'principals', '[]'::jsonb))), 0)::int AS trusts,
       count(*) FILTER (WHERE (data->>'awsManaged')::boolean IS FALSE)::int AS customer
     FROM snapshot_record
     WHERE ${current}
       AND kind IN ('iam.user', 'iam.group', 'iam.role', 'iam.policy', 'iam.access-key', 'sso.assignment')
     GROUP BY kind`,
    [options.runId],
  );
  // An account can attach any AWS-managed policy; only the ones in use say anything about it.
  const { rows: [aws] } = await options.pool.query<{ n: number }>(
    `SELECT count(DISTINCT arn)::int AS n FROM (
       SELECT arn FROM snapshot_record WHERE ${current} AND kind = 'iam.policy' AND (data->>'awsManaged')::boolean
         AND (coalesce((data->>'attachmentCount')::int, 0) > 0 OR coalesce((data->>'permissionsBoundaryUsageCount')::int, 0) > 0)
       UNION
       SELECT jsonb_array_elements_text(coalesce(data->'managedPolicies', '[]'::jsonb)) FROM snapshot_record WHERE ${current} AND kind = 'sso.permission-set'
     ) AS used`,
    [options.runId],
  );
  const by = new Map(rows.map((r) => [r.kind, r]));
  const inline = ["iam.user", "iam.group", "iam.role"].reduce((sum, kind) => sum + (by.get(kind)?.inline ?? 0), 0);
  return {
    users: by.get("iam.user")?.n ?? 0,
    groups: by.get("iam.group")?.n ?? 0,
    roles: by.get("iam.role")?.n ?? 0,
    managedPolicies: (by.get("iam.policy")?.customer ?? 0) + aws.n,
    customerManagedPolicies: by.get("iam.policy")?.customer ?? 0,
    awsManagedPolicies: aws.n,
    inlinePolicies: inline,
    accessKeys: by.get("iam.access-key")?.n ?? 0,
    identityCenterAssignments: by.get("sso.assignment")?.n ?? 0,
    trustRelationships: by.get("iam.role")?.trusts ?? 0,
  };
}

/**
 * Closes a run once no account is pending or running and the background part (tags,
 * Identity Center) is stored. Only one caller wins the final
 * update (pg-boss workers may race here), and it returns the summary; others get null.
 */
export async function finishRunIfComplete(options: { pool: pg.Pool; runId: number }): Promise<TRunSummary | null> {
  const { pool, runId } = options;
  const { rows: statusRows } = await pool.query<{ status: string; n: number }>(
    "SELECT status, count(*)::int AS n FROM account_run WHERE run_id = $1 GROUP BY status",
    [runId],
  );
  const accounts: Record<string, number> = { succeeded: 0, partial: 0, failed: 0, skipped: 0 };
  for (const r of statusRows) accounts[r.status] = r.n;
  if ((accounts.pending ?? 0) + (accounts.running ?? 0) > 0) return null;
  const claimed = await pool.query(
    `UPDATE collection_run SET heartbeat_at = now() WHERE id = $1 AND status = 'running'
       AND coalesce((summary->>'backgroundPending')::boolean, false) = false RETURNING summary`,
    [runId],
  );
  if (claimed.rowCount === 0) return null;
  await linkAssignmentsToRoles({ pool, runId });
  const counts = await countSnapshot({ pool, runId });
  const resources = await countResources({ pool, runId });
  const previous = (claimed.rows[0].summary ?? {}) as { orgUnavailable?: unknown[]; accountsDiscovered?: number; organizationApiCalls?: number; identityCenter?: { region?: string | null } };
  const { rows: [calls] } = await pool.query<{ n: number }>("SELECT coalesce(sum(api_calls), 0)::int AS n FROM account_run WHERE run_id = $1", [runId]);
  const attempted = accounts.succeeded + accounts.partial + accounts.failed;
  let status: TRunStatus = "succeeded";
  if (attempted > 0 && accounts.succeeded + accounts.partial === 0) status = "failed";
  else if (accounts.failed > 0 || accounts.partial > 0 || (previous.orgUnavailable?.length ?? 0) > 0) status = "partial";
  const organizationCalls = previous.organizationApiCalls ?? 0;
  const summary: TRunSummary = {
    runId, status, accountsDiscovered: previous.accountsDiscovered ?? Object.values(accounts).reduce((a, b) => a + b, 0), accounts, counts,
    apiCalls: { accounts: calls.n, organization: organizationCalls, total: calls.n + organizationCalls },
    identityCenterRegion: previous.identityCenter?.region ?? null,
    resources,
  };
  const done = await pool.query(
    "UPDATE collection_run SET status = $2, finished_at = now(), summary = $3 WHERE id = $1 AND status = 'running'",
    [runId, status, JSON.stringify({ ...previous, ...summary })],
  );
  return done.rowCount ? summary : null;
}
