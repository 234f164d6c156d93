import type { TFinding } from "../results";
import { moreSevere } from "./make-finding";

/**
 * One role can name the same party in several statements or forms ("111122223333" and
 * "arn:aws:iam::111122223333:root"); those are one problem, so one finding whose evidence
 * lists every statement and principal, at the worst severity found.
 */
export function mergeDuplicateFindings(findings: TFinding[]): TFinding[] {
  const byFingerprint = new Map<string, TFinding>();
  for (const finding of findings) {
    const seen = byFingerprint.get(finding.fingerprint);
    if (!seen) {
      byFingerprint.set(finding.fingerprint, finding);
      continue;
    }
    byFingerprint.set(finding.fingerprint, {
      ...seen,
      severity: moreSevere(seen.severity, finding.severity),
      evidence: {
        ...seen.evidence,
        principals: union(seen.evidence.principals, finding.evidence.principals),
        statements: unionBy(seen.evidence.statements, finding.evidence.statements),
      },
    });
  }
  return [...byFingerprint.values()];
}

function union(a: unknown, b: unknown): unknown[] {
  return [...new Set([...asArray(a), ...asArray(b)])];
}

function unionBy(a: unknown, b: unknown): unknown[] {
  const out = asArray(a);
  const seen = new Set(out.map((item) => JSON.stringify(item)));
  for (const item of asArray(b)) if (!seen.has(JSON.stringify(item))) out.push(item);
  return out;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? [...value] : value === undefined ? [] : [value];
}
