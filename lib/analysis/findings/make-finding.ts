import type { TFinding, TSeverity } from "../results";

export type TFindingCategory = "trust" | "admin" | "unused" | "credentials" | "hygiene" | "resource";

/** One entry of the rule catalogue the console and the compliance reports list. */
export type TFindingRule = {
  id: string;
  category: TFindingCategory;
  title: string;
  description: string;
  /** Typical severity; a finding may be raised or lowered by what its evidence shows. */
  severity: TSeverity;
  /** CIS AWS Foundations Benchmark v5.0.0 control, when the rule evidences one. */
  cisControl: string | null;
  /** AWS Foundational Security Best Practices (Security Hub) control, when one checks the same thing. */
  fsbpControl?: string | null;
  /** What a human should do about it. */
  remediation: string;
  /** AWS Foundational Security Best Practices controls the rule evidences (per resource type where they differ). */
  fsbpControls?: string[];
};

export const SEVERITY_ORDER: TSeverity[] = ["critical", "high", "medium", "low", "info"];

/**
 * Rule id, resource and an optional detail only: never dates, counts or anything else that
 * changes between snapshots while the problem stays the same, so a finding's review status
 * survives re-collection.
 */
export function findingFingerprint(options: { ruleId: string; resourceKey: string; detail?: string }): string {
  return [options.ruleId, options.resourceKey, ...(options.detail ? [options.detail] : [])].join("|");
}

export function makeFinding(options: {
  rule: TFindingRule;
  accountId: string | null;
  resourceKey: string;
  resourceName: string;
  detail?: string;
  severity?: TSeverity;
  title?: string;
  cisControl?: string | null;
  evidence: Record<string, unknown>;
}): TFinding {
  const { rule } = options;
  return {
    fingerprint: findingFingerprint({ ruleId: rule.id, resourceKey: options.resourceKey, detail: options.detail }),
    rule: rule.id,
    title: options.title ?? `${rule.title}: ${options.resourceName}`,
    severity: options.severity ?? rule.severity,
    cisControl: options.cisControl === undefined ? rule.cisControl : options.cisControl,
    accountId: options.accountId,
    resourceKey: options.resourceKey,
    resourceName: options.resourceName,
    evidence: options.evidence,
  };
}

export function moreSevere(a: TSeverity, b: TSeverity): TSeverity {
  return SEVERITY_ORDER.indexOf(a) <= SEVERITY_ORDER.indexOf(b) ? a : b;
}
