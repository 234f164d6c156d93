import "server-only";
import { createPrincipalEvaluator, evaluatePrincipal } from "../analysis/access/create-principal-evaluator";
import { suggestLeastPrivilege, type TLeastPrivilegeSuggestion } from "../analysis/access/suggest-least-privilege";
import { loadOrgModel } from "../analysis/load-org-model";
import type { TSessionUser } from "../auth/permissions";
import { loadEnv } from "../config/env";
import { getDb } from "../db/client";
import { loadActionCatalogue } from "../policy";
import { assignedEvidenceScope, assignedPrincipalsSql } from "../reviews/assigned-evidence";
import { ConsoleError } from "./console-error";
import { findLatestAnalysis } from "./find-latest-analysis";

/**
 * A least-privilege policy for one IAM user or role from its action-level last-accessed
 * data, as of the latest analysed snapshot. Computed on request from that account's
 * snapshot (its effective access needs the policy engine, which the materialised tables
 * summarise but do not keep action by action).
 */
export async function getLeastPrivilegeSuggestion(options: { user: TSessionUser; principalKey: string }): Promise<TLeastPrivilegeSuggestion & { windowDays: number; runId: number }> {
  const assignedTo = assignedEvidenceScope(options.user, "inventory.read");
  const [accountId, uniqueId] = options.principalKey.split("/");
  if (!/^\d{12}$/.test(accountId ?? "") || !uniqueId) throw new ConsoleError("invalid", "a least-privilege suggestion is for IAM users and roles (<account id>/<unique id>)");
  const { pool } = getDb();
  if (assignedTo && (await pool.query(`SELECT 1 WHERE $1 IN (${assignedPrincipalsSql("$2")})`, [options.principalKey, assignedTo])).rowCount === 0) {
    throw new ConsoleError("not-found", `${options.principalKey} is in none of your review items`);
  }
  const analysis = await findLatestAnalysis({ pool });
  if (!analysis) throw new ConsoleError("not-found", "no analysed snapshot yet: run a collection first");
  const [model, catalogue] = await Promise.all([
    loadOrgModel({ pool, runId: analysis.collectionRunId, asOf: analysis.asOf, accountIds: [accountId] }),
    loadActionCatalogue(),
  ]);
  const principal = model.principals.find((p) => p.key === options.principalKey);
  if (!principal) throw new ConsoleError("not-found", `${options.principalKey} is not in the snapshot of run ${analysis.collectionRunId}`);
  const effective = evaluatePrincipal({ evaluator: createPrincipalEvaluator({ model, catalogue }), principal });
  if (!effective) throw new ConsoleError("invalid", `${principal.name} holds no policies of its own (Identity Center users act through their roles)`);
  const windowDays = loadEnv().ANALYSIS_UNUSED_DAYS;
  return { ...suggestLeastPrivilege({ principal, effective, asOf: model.asOf, windowDays }), windowDays, runId: analysis.collectionRunId };
}
