import "server-only";
import type pg from "pg";

export type TIdentityCenterAssignment = { permissionSetName: string; permissionSetArn: string; accountId: string; throughGroup: string | null };
export type TIdentityCenterUser = { displayName: string | null; emails: string[]; groups: Array<{ id: string; name: string }>; assignments: TIdentityCenterAssignment[] };

/** An Identity Center user's groups and account assignments (direct and through groups) as of `runId`. */
export async function getIdentityCenterUser(options: { pool: pg.Pool; runId: number; userId: string; data: { displayName?: string; emails?: string[] } }): Promise<TIdentityCenterUser> {
  const { rows: groups } = await options.pool.query(
    `SELECT g.key AS id, coalesce(g.name, g.key) AS name FROM snapshot_record m
     JOIN snapshot_record g ON g.scope = 'org' AND g.kind = 'sso.group' AND g.key = m.data->>'groupId' AND g.valid_from <= $2 AND (g.valid_to IS NULL OR g.valid_to > $2)
     WHERE m.scope = 'org' AND m.kind = 'sso.membership' AND m.data->>'userId' = $1 AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to > $2)
     ORDER BY 2`,
    [options.userId, options.runId],
  );
  const groupName = new Map(groups.map((g) => [g.id as string, g.name as string]));
  const { rows: assignments } = await options.pool.query(
    `SELECT data->>'permissionSetName' AS "permissionSetName", data->>'permissionSetArn' AS "permissionSetArn", data->>'accountId' AS "accountId", data->>'principalId' AS "principalId"
     FROM snapshot_record WHERE scope = 'org' AND kind = 'sso.assignment' AND data->>'principalId' = ANY($1) AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
     ORDER BY 3, 1`,
    [[options.userId, ...groupName.keys()], options.runId],
  );
  return {
    displayName: options.data.displayName ?? null,
    emails: options.data.emails ?? [],
    groups,
    assignments: assignments.map((a) => ({ permissionSetName: a.permissionSetName, permissionSetArn: a.permissionSetArn, accountId: a.accountId, throughGroup: groupName.get(a.principalId) ?? null })),
  };
}

/** The permission set an AWSReservedSSO_ role was provisioned for, or null for other roles. */
export async function getRolePermissionSet(options: { pool: pg.Pool; runId: number; accountId: string; roleId: string }): Promise<{ name: string; arn: string } | null> {
  const { rows } = await options.pool.query(
    `SELECT data->>'permissionSetName' AS name, split_part(key, '|', 1) AS arn FROM snapshot_record
     WHERE scope = 'org' AND kind = 'sso.assignment-role' AND data->>'roleId' = $1 AND data->>'accountId' = $2
       AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3) LIMIT 1`,
    [options.roleId, options.accountId, options.runId],
  );
  return rows[0] ?? null;
}
