import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assignedEvidenceScope, assignedPrincipalsSql } from "../reviews/assigned-evidence";
import { FINDING_PRINCIPAL_SQL } from "./list-finding-filter";
import { UNUSED_RULES } from "../analysis/findings/finding-rules";

/** Rule ids that have findings (any status), for the list's rule filter; `unusedOnly` narrows to unused-access rules. */
export async function listFindingRules(options: { user: TSessionUser; unusedOnly?: boolean }): Promise<string[]> {
  const assignedTo = assignedEvidenceScope(options.user, "findings.read");
  const { pool } = getDb();
  const { rows } = await pool.query(
    `SELECT DISTINCT rule FROM finding f WHERE ($1::text[] IS NULL OR rule = ANY($1))
       AND ($2::text IS NULL OR ${FINDING_PRINCIPAL_SQL} IN (${assignedPrincipalsSql("$2")})) ORDER BY rule`,
    [options.unusedOnly ? UNUSED_RULES.map((rule) => rule.id) : null, assignedTo],
  );
  return rows.map((r) => r.rule as string);
}
