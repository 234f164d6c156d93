import type { TCisStatus } from "./evaluate-cis-controls";
import type { TCisReport } from "./get-cis-report";

export const CIS_STATUS_LABEL: Record<TCisStatus, string> = {
  pass: "PASS",
  fail: "FAIL",
  exception: "ACCEPTED EXCEPTION",
  "not-evaluated": "NOT EVALUATED",
  "not-applicable": "NOT APPLICABLE",
  manual: "MANUAL",
};

/** Badge class (app/globals.css) per status. */
export const CIS_STATUS_BADGE: Record<TCisStatus, string> = {
  pass: "ok", fail: "bad", exception: "warn", "not-evaluated": "warn", "not-applicable": "info", manual: "info",
};

export function cisScopeLabel(report: TCisReport): string {
  return report.scope.kind === "org"
    ? `Organization ${report.scope.organizationId ?? "(id unknown)"} (${report.accounts.length} accounts)`
    : `Account ${report.scope.accountName} (${report.scope.accountId})`;
}

export function cisSnapshotLabel(report: TCisReport): string {
  const { snapshot } = report;
  return `collection run ${snapshot.collectionRunId} (${snapshot.runStatus}) of ${snapshot.collectedAt.toISOString().slice(0, 16).replace("T", " ")} UTC, analysis ${snapshot.analysisId}`;
}

export function accountNames(report: TCisReport): Map<string, string> {
  return new Map(report.accounts.map((a) => [a.account.id, a.account.name]));
}

export function cisFilename(report: TCisReport, extension: string): string {
  const scope = report.scope.kind === "org" ? report.scope.organizationId ?? "org" : report.scope.accountId;
  return `cis-v5-iam-${scope}-run${report.snapshot.collectionRunId}.${extension}`;
}
