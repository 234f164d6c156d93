import type pg from "pg";
import { z } from "zod";
import { levelsAtLeast } from "../analysis/access/build-access-index";
import type { TAccessLevel } from "../analysis/results";

const COLUMN: Record<TAccessLevel, string> = {
  List: "list_services", Read: "read_services", Write: "write_services",
  "Permissions management": "permissions_services", Tagging: "tagging_services",
};

export const ZWhoCanQuery = z.object({
  accountIds: z.array(z.string().regex(/^\d{12}$/, "account ids are 12 digits")).min(1, "pick at least one account"),
  service: z.string().regex(/^[a-z0-9-]+$/, "a service namespace such as s3 or iam"),
  minimumLevel: z.enum(["List", "Read", "Write", "Permissions management", "Tagging"]),
  analysisId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(10_000).default(1_000),
});

export type TWhoCanRow = {
  principalKey: string;
  kind: string;
  name: string;
  accountId: string | null;
  /** direct: the principal's own policies; via-role: it reaches `roleKey`, whose policies qualify. */
  route: "direct" | "via-role";
  roleKey: string | null;
  roleName: string | null;
  targetAccountId: string;
  hops: unknown[];
  conditional: boolean;
  adminEquivalent: boolean;
};

/**
 * "Who can reach these accounts with at least this access level on this service", from the
 * materialised analysis (GIN-indexed service arrays and reach paths): every principal whose
 * own policies qualify, and every human or workload that reaches such a role, with the path.
 */
export async function findPrincipalsWhoCan(options: { pool: pg.Pool; query: z.input<typeof ZWhoCanQuery> }): Promise<{ analysisId: number; rows: TWhoCanRow[] }> {
  const query = ZWhoCanQuery.parse(options.query);
  const analysisId = query.analysisId ?? (await options.pool.query("SELECT max(id)::int AS id FROM analysis_run WHERE status = 'succeeded'")).rows[0].id;
  if (!analysisId) throw new Error("no successful analysis yet: collect and analyse first");
  const qualifies = levelsAtLeast(query.minimumLevel).map((level) => `${COLUMN[level]} @> ARRAY[$3]::text[]`).join(" OR ");
  const { rows } = await options.pool.query(
    `WITH qualifying AS (
       SELECT principal_key, kind, name, account_id, admin_equivalent FROM principal_access
       WHERE analysis_id = $1 AND account_id = ANY($2) AND (${qualifies})
     )
     SELECT q.principal_key AS "principalKey", q.kind, q.name, q.account_id AS "accountId", 'direct' AS route,
            NULL AS "roleKey", NULL AS "roleName", q.account_id AS "targetAccountId", '[]'::jsonb AS hops, false AS conditional,
            q.admin_equivalent AS "adminEquivalent"
     FROM qualifying q
     UNION ALL
     SELECT s.principal_key, s.kind, s.name, s.account_id, 'via-role', q.principal_key, q.name, r.target_account_id, r.hops, r.conditional,
            q.admin_equivalent
     FROM principal_reach r
     JOIN qualifying q ON q.principal_key = r.target_key
     JOIN principal_access s ON s.analysis_id = r.analysis_id AND s.principal_key = r.source_key
     WHERE r.analysis_id = $1
     ORDER BY 6, 3
     LIMIT $4`,
    [analysisId, query.accountIds, query.service, query.limit],
  );
  return { analysisId, rows: rows as TWhoCanRow[] };
}
