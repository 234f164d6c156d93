import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assignedEvidenceScope, assignedPrincipalsSql } from "../reviews/assigned-evidence";
import { findLatestAnalysis } from "./find-latest-analysis";
import { getPrincipalHistory, type TPrincipalVersion } from "./get-principal-history";
import { getIdentityCenterUser, getRolePermissionSet, type TIdentityCenterUser } from "./get-principal-identity-center";
import { getPrincipalPolicies, type TPrincipalPolicy } from "./get-principal-policies";
import { getPrincipalFindings, getPrincipalReach, type TPrincipalFinding, type TPrincipalReach } from "./get-principal-reach";
import { getPrincipalAccessKeys, getPrincipalLastAccessed, type TLastAccessed, type TPrincipalAccessKey } from "./get-principal-usage";
import type { TPrincipalKind } from "./principal-list-query";

export const ACCESS_LEVELS = ["List", "Read", "Write", "Permissions management", "Tagging"] as const;
export type TLevelCounts = { total: number; allowed: number; partial: number; conditional: number };
export type TServiceAccess = { service: string; serviceName: string; levels: Partial<Record<(typeof ACCESS_LEVELS)[number], TLevelCounts>> };

export type TAdminPath = { id: string; kind: string; description: string; actions: string[] };

export type TPrincipalDetail = {
  key: string; kind: TPrincipalKind; name: string; arn: string | null; accountId: string | null; accountName: string | null;
  path: string | null; createdAt: Date | null; tags: Record<string, string>; groups: string[]; members: string[];
  permissionsBoundary: string | null; permissionSet: { name: string; arn: string } | null; lastUsed: Date | null;
  access: { adminEquivalent: boolean; adminDefinite: boolean; adminPaths: TAdminPath[]; grantedServices: number; usedServices: number | null; services: TServiceAccess[] } | null;
  policies: TPrincipalPolicy[]; trustPolicy: TPrincipalPolicy | null;
  accessKeys: TPrincipalAccessKey[]; lastAccessed: TLastAccessed | null; reach: TPrincipalReach; findings: TPrincipalFinding[];
  history: TPrincipalVersion[]; identityCenter: TIdentityCenterUser | null; analysisId: number | null; runId: number;
};

const SNAPSHOT_KINDS: Record<string, TPrincipalKind> = { "iam.user": "iam-user", "iam.role": "iam-role", "iam.group": "iam-group", "sso.user": "sso-user" };

/**
 * Everything the console knows about one principal (`<account>/<unique id>` or `sso/<user id>`);
 * null when it does not exist or, for a reviewer, is in none of their review items.
 */
export async function getPrincipalDetail(options: { user: TSessionUser; key: string; service?: string }): Promise<TPrincipalDetail | null> {
  const assignedTo = assignedEvidenceScope(options.user, "inventory.read");
  const match = /^(\d{12}|sso)\/([\w-]+)$/.exec(options.key);
  if (!match) return null;
  const [, scopePart, id] = match;
  const scope = scopePart === "sso" ? "org" : scopePart;
  const accountId = scopePart === "sso" ? null : scopePart;
  const { pool } = getDb();
  const analysis = await findLatestAnalysis({ pool });
  const runId = analysis?.collectionRunId ?? (await pool.query("SELECT coalesce(max(id), 0) AS id FROM collection_run")).rows[0].id;
  const [{ rows: entities }, { rows: accessRows }, { rows: accounts }] = await Promise.all([
    pool.query(
      `SELECT kind, name, arn, data FROM snapshot_record WHERE scope = $1 AND key = $2 AND kind = ANY($3)
         AND valid_from <= $4 AND (valid_to IS NULL OR valid_to > $4)
         AND ($6::text IS NULL OR $5 IN (${assignedPrincipalsSql("$6")}))`,
      [scope, id, scopePart === "sso" ? ["sso.user"] : ["iam.user", "iam.role", "iam.group"], runId, options.key, assignedTo],
    ),
    pool.query(
      "SELECT pa.*, s.summary FROM principal_access pa LEFT JOIN access_summary s ON s.hash = pa.summary_hash WHERE (pa.valid_from <= $1 AND (pa.valid_to IS NULL OR pa.valid_to > $1)) AND pa.principal_key = $2",
      [analysis?.analysisId ?? -1, options.key],
    ),
    pool.query("SELECT name FROM snapshot_record WHERE scope = 'org' AND kind = 'org.account' AND key = $1 AND valid_to IS NULL", [accountId]),
  ]);
  const entity = entities[0];
  if (!entity) return null;
  const data = entity.data;
  const kind = SNAPSHOT_KINDS[entity.kind];
  const access = accessRows[0];
  const groupNames: string[] = kind === "iam-user" ? (data.groups ?? []) : [];
  const asOf = "valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3)";
  const [groups, members] = accountId
    ? await Promise.all([
        pool.query(`SELECT name, data FROM snapshot_record WHERE scope = $1 AND kind = 'iam.group' AND name = ANY($2) AND ${asOf}`, [accountId, groupNames, runId]),
        kind === "iam-group"
          ? pool.query(`SELECT name FROM snapshot_record WHERE scope = $1 AND kind = 'iam.user' AND data->'groups' ? $2 AND ${asOf} ORDER BY name`, [accountId, entity.name, runId])
          : Promise.resolve({ rows: [] }),
      ])
    : [{ rows: [] }, { rows: [] }];
  const adminPaths = (access?.admin_paths ?? []) as Array<{ id: string; kind: string; description: string; actions: string[] }>;
  const allPolicies = accountId
    ? await getPrincipalPolicies({ pool, runId, accountId, entity: data, groups: groups.rows, actions: adminPaths.flatMap((p) => p.actions), service: options.service })
    : [];
  const [accessKeys, lastAccessed, reach, findings, history, permissionSet, identityCenter] = await Promise.all([
    kind === "iam-user" && accountId ? getPrincipalAccessKeys({ pool, runId, accountId, userId: id }) : [],
    kind !== "iam-group" && accountId ? getPrincipalLastAccessed({ pool, runId, accountId, id }) : null,
    analysis ? getPrincipalReach({ pool, analysisId: analysis.analysisId, key: options.key }) : { assumableBy: [], canAssume: [], externalParties: [] },
    getPrincipalFindings({ pool, key: options.key, accountId }),
    getPrincipalHistory({ pool, scope, kind: entity.kind, key: id }),
    kind === "iam-role" && accountId && entity.name?.startsWith("AWSReservedSSO_") ? getRolePermissionSet({ pool, runId, accountId, roleId: id }) : null,
    kind === "sso-user" ? getIdentityCenterUser({ pool, runId, userId: id, data }) : null,
  ]);
  return {
    key: options.key, kind, name: entity.name ?? id, arn: entity.arn, accountId, accountName: accounts[0]?.name ?? null,
    path: data.path ?? null, createdAt: data.createDate ? new Date(data.createDate) : null, tags: data.tags ?? {},
    groups: groupNames, members: members.rows.map((m) => m.name), permissionsBoundary: data.permissionsBoundary ?? null, permissionSet,
    lastUsed: access?.last_used ?? null,
    access: access && {
      adminEquivalent: access.admin_equivalent, adminDefinite: access.admin_definite, adminPaths,
      grantedServices: access.granted_services, usedServices: access.used_services,
      services: ((access.summary?.services ?? []) as TServiceAccess[])
        .filter((s) => Object.values(s.levels).some((l) => l && (l.allowed > 0 || l.partial > 0 || l.conditional > 0)))
        .sort((a, b) => a.service.localeCompare(b.service)),
    },
    policies: allPolicies.filter((p) => p.source !== "trust"), trustPolicy: allPolicies.find((p) => p.source === "trust") ?? null,
    accessKeys, lastAccessed, reach, findings, history, identityCenter, analysisId: analysis?.analysisId ?? null, runId,
  };
}
