import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { getDb } from "../db/client";
import { loadAccountNames, requireLatestAnalysis, type TTabularReport } from "./tabular-report";
import { UNUSED_RULES } from "../analysis/findings/finding-rules";

/** The unused-access rules of the catalogue (category "unused" plus unused credentials). */
const UNUSED_RULE_IDS = UNUSED_RULES.map((rule) => rule.id);

export type TUnusedRow = {
  accountId: string | null; accountName: string; rule: string; title: string; resource: string; resourceKey: string; status: string; severity: string;
  lastUsed: string | null; daysSinceLastUsed: number | null; neverUsed: boolean | null; windowDays: number | null;
  grantedServices: number | null; unusedServices: number | null; excessRatio: number | null; unusedServiceList: string[]; firstSeenAt: Date;
};

const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** Open and accepted unused-access findings of the latest analysis: idle principals, credentials and granted services. */
export async function listUnusedAccessReport(options: { user: TSessionUser }): Promise<TTabularReport<TUnusedRow>> {
  assertCan(options.user, "reports.read");
  const { pool } = getDb();
  const analysis = await requireLatestAnalysis({ pool });
  const names = await loadAccountNames({ pool, runId: analysis.collectionRunId });
  const { rows } = await pool.query(
    `SELECT account_id, rule, title, resource_name, resource_key, status, severity, evidence, first_seen_at FROM finding
     WHERE rule = ANY($1) AND status IN ('open', 'accepted') ORDER BY account_id NULLS LAST, resource_name, rule`,
    [UNUSED_RULE_IDS],
  );
  const report = rows.map((r): TUnusedRow => {
    const e = r.evidence ?? {};
    return {
      accountId: r.account_id, accountName: r.account_id ? names.get(r.account_id) ?? "" : "", rule: r.rule, title: r.title, resource: r.resource_name,
      resourceKey: r.resource_key, status: r.status, severity: r.severity,
      lastUsed: e.lastUsed ?? e.lastUsedDate ?? e.passwordLastUsed ?? null, daysSinceLastUsed: num(e.daysSinceLastUsed),
      neverUsed: typeof e.neverUsed === "boolean" ? e.neverUsed : null, windowDays: num(e.windowDays ?? e.thresholdDays),
      grantedServices: num(e.grantedServiceCount), unusedServices: num(e.unusedServiceCount), excessRatio: num(e.excessPermissionRatio),
      unusedServiceList: Array.isArray(e.unusedServices) ? e.unusedServices.map((s: { namespace: string }) => s.namespace) : [], firstSeenAt: r.first_seen_at,
    };
  });
  return {
    report: "unused-access",
    title: "Unused access",
    analysis,
    rows: report,
    columns: [
      { header: "account_id", value: (r) => r.accountId },
      { header: "account_name", value: (r) => r.accountName },
      { header: "rule", value: (r) => r.rule },
      { header: "resource", value: (r) => r.resource },
      { header: "resource_key", value: (r) => r.resourceKey },
      { header: "finding", value: (r) => r.title },
      { header: "status", value: (r) => r.status },
      { header: "severity", value: (r) => r.severity },
      { header: "last_used", value: (r) => r.lastUsed ?? (r.neverUsed ? "never" : "") },
      { header: "days_since_last_used", value: (r) => r.daysSinceLastUsed },
      { header: "window_days", value: (r) => r.windowDays },
      { header: "granted_services", value: (r) => r.grantedServices },
      { header: "unused_services", value: (r) => r.unusedServices },
      { header: "excess_permission_ratio", value: (r) => r.excessRatio },
      { header: "unused_service_list", value: (r) => r.unusedServiceList },
      { header: "first_seen_at", value: (r) => r.firstSeenAt },
    ],
  };
}
