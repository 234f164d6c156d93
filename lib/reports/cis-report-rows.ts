import type { TCsvColumn } from "../export/to-csv";
import { accountNames, CIS_STATUS_LABEL } from "./cis-labels";
import type { TCisStatus } from "./evaluate-cis-controls";
import type { TCisReport } from "./get-cis-report";

/** One CSV line: a control's result for the scope, for one account, or one failing/excepted resource under it. */
export type TCisRow = {
  row: "control" | "account" | "resource";
  control: string;
  title: string;
  status: TCisStatus;
  reason: string;
  accountId: string;
  accountName: string;
  resource: string;
  resourceKey: string;
  finding: string;
  severity: string;
  acceptedReason: string;
  acceptedBy: string;
  acceptedUntil: string;
};

export function cisReportRows(report: TCisReport): TCisRow[] {
  const names = accountNames(report);
  const scopeId = report.scope.kind === "org" ? "organization" : report.scope.accountId;
  const scopeName = report.scope.kind === "org" ? report.scope.organizationId ?? "" : report.scope.accountName;
  const blank = { resource: "", resourceKey: "", finding: "", severity: "", acceptedReason: "", acceptedBy: "", acceptedUntil: "" };
  const rows: TCisRow[] = [];
  report.controls.forEach((control, index) => {
    const base = { control: control.controlId, title: control.title };
    rows.push({ row: "control", ...base, status: control.status, reason: control.reason, accountId: scopeId, accountName: scopeName, ...blank });
    if (report.scope.kind === "org") {
      for (const { account, controls } of report.accounts) {
        rows.push({ row: "account", ...base, status: controls[index].status, reason: controls[index].reason, accountId: account.id, accountName: account.name, ...blank });
      }
    }
    for (const finding of [...control.failing, ...control.exceptions]) {
      const excepted = control.exceptions.includes(finding);
      rows.push({
        row: "resource", ...base,
        status: excepted ? "exception" : "fail",
        reason: excepted ? "accepted exception" : "failing resource",
        accountId: finding.accountId ?? "organization",
        accountName: finding.accountId ? names.get(finding.accountId) ?? "" : "",
        resource: finding.resourceName,
        resourceKey: finding.resourceKey,
        finding: finding.title,
        severity: finding.severity,
        acceptedReason: finding.acceptedReason ?? "",
        acceptedBy: finding.acceptedBy ?? "",
        acceptedUntil: finding.acceptedUntil?.toISOString() ?? "",
      });
    }
  });
  return rows;
}

export const CIS_CSV_COLUMNS: TCsvColumn<TCisRow>[] = [
  { header: "row", value: (r) => r.row },
  { header: "control", value: (r) => r.control },
  { header: "title", value: (r) => r.title },
  { header: "status", value: (r) => r.status },
  { header: "status_label", value: (r) => CIS_STATUS_LABEL[r.status] },
  { header: "reason", value: (r) => r.reason },
  { header: "account_id", value: (r) => r.accountId },
  { header: "account_name", value: (r) => r.accountName },
  { header: "resource", value: (r) => r.resource },
  { header: "resource_key", value: (r) => r.resourceKey },
  { header: "finding", value: (r) => r.finding },
  { header: "severity", value: (r) => r.severity },
  { header: "accepted_reason", value: (r) => r.acceptedReason },
  { header: "accepted_by", value: (r) => r.acceptedBy },
  { header: "accepted_until", value: (r) => r.acceptedUntil },
];
