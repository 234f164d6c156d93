import type { TFinding, TSeverity } from "../results";
import { SEVERITY_ORDER } from "./make-finding";

/** Bucket for findings about no single account (e.g. a person's users across accounts). */
export const ORGANIZATION_WIDE = "organization";

export type TFindingSummary = {
  total: number;
  bySeverity: Record<TSeverity, number>;
  byRule: Record<string, number>;
  /** Only findings that evidence a CIS control. */
  byCisControl: Record<string, number>;
  byAccount: Record<string, number>;
};

export function summarizeFindings(findings: readonly TFinding[]): TFindingSummary {
  const summary: TFindingSummary = {
    total: findings.length,
    bySeverity: Object.fromEntries(SEVERITY_ORDER.map((severity) => [severity, 0])) as Record<TSeverity, number>,
    byRule: {},
    byCisControl: {},
    byAccount: {},
  };
  const count = (record: Record<string, number>, key: string) => {
    record[key] = (record[key] ?? 0) + 1;
  };
  for (const finding of findings) {
    summary.bySeverity[finding.severity]++;
    count(summary.byRule, finding.rule);
    if (finding.cisControl) count(summary.byCisControl, finding.cisControl);
    count(summary.byAccount, finding.accountId ?? ORGANIZATION_WIDE);
  }
  return summary;
}
