import "server-only";
import type pg from "pg";
import { z } from "zod";
import type { TAccessLevel, THop } from "../analysis/results";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { UNTAGGABLE_RESOURCE_TYPES } from "../resources/resource-model";
import { resourceKind } from "../resources/resource-records";
import { assignedEvidenceScope, assignedPrincipalsSql } from "../reviews/assigned-evidence";
import { ConsoleError } from "./console-error";
import { findLatestAnalysis } from "./find-latest-analysis";
import { findResourceReach, type TResourceReach } from "./find-resource-reach";
import { policySegments, type TPolicySegment } from "./get-principal-policy-segments";
import { describeReachPath, type TPathStep } from "./who-can-reach-path";

export const RESOURCE_LEVELS: TAccessLevel[] = ["List", "Read", "Write", "Permissions management", "Tagging"];

export const ZResourceDetailQuery = z.object({
  arn: z.string().min(12, "a resource ARN").max(2048).regex(/^arn:[^:]+:[^:]+:/, "a resource ARN starts with arn:<partition>:<service>:"),
  level: z.enum(RESOURCE_LEVELS as [TAccessLevel, ...TAccessLevel[]]).catch("Read"),
});

export type TResourceGrantView = {
  partyKind: string; principal: string; accountId: string | null; scope: string; reach: string; vendor: string | null;
  levels: string[]; source: string; statement: { policyId: string; index: number; sid: string | null };
  conditionKeys: string[]; restrictedBy: string[]; blockedBy: string | null;
};

export type TResourceReachView = {
  route: string;
  principalKey: string | null;
  principalName: string;
  accountId: string | null;
  steps: TPathStep[];
  pathText: string;
  conditional: boolean;
  statement: string | null;
  reach: string | null;
};

export type TResourceDetail = {
  analysisId: number;
  arn: string; type: string; accountId: string; accountName: string | null; region: string; name: string; service: string;
  exposure: string; policyPublic: boolean; identityAccess: boolean; deniedLevels: string[];
  principalsByLevel: Record<string, number>; externalAccounts: string[]; orgAccounts: string[];
  details: Record<string, unknown>;
  policy: unknown | null;
  /** The policy, each statement a segment; the statements granting something in force are highlighted. */
  segments: TPolicySegment[];
  grants: TResourceGrantView[];
  reach: { level: TAccessLevel; rows: TResourceReachView[]; totalPaths: number; identityBlocked: string | null };
  openFindings: Array<{ id: number; rule: string; title: string; severity: string; status: string }>;
  /** The resource's tags in the analysed snapshot; null for a type AWS cannot tag (UNTAGGABLE_RESOURCE_TYPES). */
  tags: Record<string, string> | null;
};

/** One resource: exposure, its policy with the granting statements highlighted, and who can reach it at `level` and how. */
export async function getResourceDetail(options: { user: TSessionUser; arn: string; level?: string; limit?: number }): Promise<TResourceDetail> {
  // Reviewers see the resources of their own review items (resource-share items name them as target).
  const assignedTo = assignedEvidenceScope(options.user, "inventory.read");
  const parsed = ZResourceDetailQuery.safeParse({ arn: options.arn, level: options.level });
  if (!parsed.success) throw new ConsoleError("invalid", parsed.error.issues[0].message);
  const { pool } = getDb();
  const analysis = await findLatestAnalysis({ pool });
  if (!analysis) throw new ConsoleError("not-found", "no analysed snapshot yet");
  if (assignedTo && (await pool.query(`SELECT 1 WHERE $1 IN (${assignedPrincipalsSql("$2")})`, [parsed.data.arn, assignedTo])).rowCount === 0) {
    throw new ConsoleError("not-found", `no resource ${parsed.data.arn} among your review items`);
  }
  return getResourceDetailAt({ pool, analysisId: analysis.analysisId, arn: parsed.data.arn, level: parsed.data.level, limit: options.limit ?? 200 });
}

export async function getResourceDetailAt(options: { pool: pg.Pool; analysisId: number; arn: string; level: TAccessLevel; limit: number }): Promise<TResourceDetail> {
  const { pool, analysisId, arn } = options;
  const { rows: [row] } = await pool.query(
    `SELECT r.arn, r.type, r.account_id AS "accountId", a.name AS "accountName", r.region, r.name, r.service, r.exposure,
            r.policy_public AS "policyPublic", r.identity_access AS "identityAccess", r.denied_levels AS "deniedLevels",
            r.principals_by_level AS "principalsByLevel", r.external_accounts AS "externalAccounts", r.org_accounts AS "orgAccounts",
            r.details, d.document AS policy
     FROM resource_exposure r
     LEFT JOIN policy_document d ON d.hash = r.policy_hash
     LEFT JOIN snapshot_record a ON a.scope = 'org' AND a.kind = 'org.account' AND a.valid_to IS NULL AND a.key = r.account_id
     WHERE (r.valid_from <= $1 AND (r.valid_to IS NULL OR r.valid_to > $1)) AND r.arn = $2`,
    [analysisId, arn],
  );
  if (!row) throw new ConsoleError("not-found", `no resource ${arn} in the latest analysis`);
  const [{ rows: grants }, reach, { rows: findings }] = await Promise.all([
    pool.query(
      `SELECT party_kind AS "partyKind", principal, account_id AS "accountId", scope, reach, vendor, levels, source, statement,
              condition_keys AS "conditionKeys", restricted_by AS "restrictedBy", blocked_by AS "blockedBy"
       FROM resource_grant WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND resource_arn = $2 ORDER BY id`,
      [analysisId, arn],
    ),
    findResourceReach({ pool, analysisId, arn, level: options.level, limit: options.limit }),
    pool.query("SELECT id, rule, title, severity, status FROM finding WHERE resource_key = $1 AND status IN ('open', 'accepted') ORDER BY id", [arn]),
  ]);
  const { rows: [record] } = await pool.query(
    `SELECT s.data->'tags' AS tags FROM snapshot_record s JOIN analysis_run a ON a.id = $1
     WHERE s.kind = $2 AND s.key = $3 AND s.valid_from <= a.collection_run_id AND (s.valid_to IS NULL OR s.valid_to > a.collection_run_id)`,
    [analysisId, resourceKind(row.type), arn],
  );
  const policyGrants = (grants as TResourceGrantView[]).filter((grant) => grant.source === "policy");
  const granting = new Set(policyGrants.filter((grant) => grant.blockedBy === null).map((grant) => grant.statement.index));
  return {
    analysisId,
    ...row,
    segments: row.policy ? highlightStatements({ document: row.policy, indexes: granting }) : [],
    grants: grants as TResourceGrantView[],
    reach: await toReachView({ pool, analysisId, reach: reach! }),
    openFindings: findings,
    tags: UNTAGGABLE_RESOURCE_TYPES.has(row.type) ? null : (record?.tags ?? {}),
  };
}

// The principal page's segments, with the highlight decided by the analysis (statement
// indexes of grants in force) instead of by action names.
function highlightStatements(options: { document: unknown; indexes: Set<number> }): TPolicySegment[] {
  const segments = policySegments({ document: options.document, actions: [] });
  let statementIndex = -1;
  return segments.map((segment, position) => {
    const isStatement = position > 0 && position < segments.length - 1 && segment.text !== "\n";
    if (!isStatement) return segment;
    statementIndex++;
    return { ...segment, highlight: options.indexes.has(statementIndex) };
  });
}

export async function toReachView(options: { pool: pg.Pool; analysisId: number; reach: TResourceReach }): Promise<TResourceDetail["reach"]> {
  const { reach } = options;
  const names = new Map(reach.names);
  const missing = [...new Set(reach.rows.flatMap((row) => (row.path?.hops ?? []).flatMap((hop: THop) => [hop.from, hop.to])))].filter((key) => key.includes("/") && !names.has(key));
  if (missing.length > 0) {
    const { rows } = await options.pool.query(
      `SELECT principal_key AS key, name, account_id AS "accountId" FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND principal_key = ANY($2::text[])`,
      [options.analysisId, missing],
    );
    for (const row of rows) names.set(row.key, { name: row.name, accountId: row.accountId });
  }
  const statementText = (statement: { policyId: string; index: number; sid: string | null } | null) =>
    statement ? `statement ${statement.index}${statement.sid ? ` (${statement.sid})` : ""}` : null;
  return {
    level: reach.level,
    totalPaths: reach.totalPaths,
    identityBlocked: reach.identityBlocked,
    rows: reach.rows.map((row) => {
      if (!row.path) {
        const party = row.party!;
        return {
          route: row.route, principalKey: null, principalName: party.vendor ? `${party.principal} (${party.vendor})` : party.principal,
          accountId: null, steps: [], pathText: party.conditionKeys.length ? `conditions: ${party.conditionKeys.join(", ")}` : "no condition",
          conditional: party.conditionKeys.length > 0, statement: statementText(row.statement), reach: party.reach,
        };
      }
      const path = row.path;
      const described = describeReachPath({ principal: { key: path.principalKey, name: path.name, accountId: path.accountId }, hops: path.hops, names, accountName: () => undefined });
      return {
        route: row.route, principalKey: path.principalKey, principalName: path.name, accountId: path.accountId,
        steps: described.steps, pathText: described.text, conditional: path.conditional, statement: statementText(row.statement), reach: null,
      };
    }),
  };
}
