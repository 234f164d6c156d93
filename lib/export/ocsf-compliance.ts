import type { TCisReport } from "../reports/get-cis-report";
import type { TCisStatus } from "../reports/evaluate-cis-controls";
import { OCSF_PRODUCT, OCSF_SEVERITY, OCSF_VERSION, type TOcsfComplianceFinding } from "./ocsf-schema";

// CIS status → OCSF compliance.status_id (1 Pass, 2 Warning = no result for missing
// information, 3 Fail, 99 Other with our own word) and the finding's status_id (1 New, 3 Suppressed, 4 Resolved).
const COMPLIANCE_STATUS: Record<TCisStatus, { id: number; name: string; findingStatus: { id: number; name: string } }> = {
  pass: { id: 1, name: "Pass", findingStatus: { id: 4, name: "Resolved" } },
  fail: { id: 3, name: "Fail", findingStatus: { id: 1, name: "New" } },
  "not-evaluated": { id: 2, name: "Warning", findingStatus: { id: 1, name: "New" } },
  exception: { id: 99, name: "Exception", findingStatus: { id: 3, name: "Suppressed" } },
  "not-applicable": { id: 99, name: "Not applicable", findingStatus: { id: 4, name: "Resolved" } },
  manual: { id: 99, name: "Manual", findingStatus: { id: 1, name: "New" } },
};

/**
 * The CIS results as OCSF Compliance Findings (class 2003), one per account and control
 * (as Prowler reports one per check and resource), with the failing resources listed.
 */
export function toOcsfComplianceFindings(options: { report: TCisReport }): TOcsfComplianceFinding[] {
  const { report } = options;
  const time = new Date(report.snapshot.analysedAt).getTime();
  const out: TOcsfComplianceFinding[] = [];
  for (const { account, controls } of report.accounts) {
    for (const control of controls) {
      const status = COMPLIANCE_STATUS[control.status];
      const worst = control.failing.map((f) => OCSF_SEVERITY[f.severity]).filter(Boolean).sort((a, b) => b.id - a.id)[0];
      const severity = control.status === "fail" ? (worst ?? OCSF_SEVERITY.medium) : OCSF_SEVERITY.info;
      const uid = `access-atlas-cis-${report.snapshot.analysisId}-${account.id}-${control.controlId}`;
      out.push({
        activity_id: 1, activity_name: "Create", category_uid: 2, category_name: "Findings", class_uid: 2003, class_name: "Compliance Finding",
        type_uid: 200301, type_name: "Compliance Finding: Create",
        severity_id: severity.id, severity: severity.name, status_id: status.findingStatus.id, status: status.findingStatus.name,
        time, time_dt: new Date(time).toISOString(), message: `${control.controlId} ${control.title}: ${status.name}`,
        metadata: { version: OCSF_VERSION, product: { ...OCSF_PRODUCT }, uid, log_name: "cis" },
        cloud: { provider: "AWS", account: { uid: account.id, name: account.name, type: "AWS Account", type_id: 10 }, ...(report.snapshot.organizationId ? { org: { uid: report.snapshot.organizationId } } : {}) },
        finding_info: { uid, title: `${control.controlId} ${control.title}`, desc: control.reason, types: ["CIS AWS Foundations Benchmark"], created_time: time, product_uid: OCSF_PRODUCT.uid },
        compliance: { standards: [report.benchmark], control: control.controlId, requirements: [`CIS ${control.controlId}`], status_id: status.id, status: status.name, status_detail: control.reason },
        resources: control.failing.length > 0
          ? control.failing.map((f) => ({ uid: f.resourceKey, name: f.resourceName, type: f.rule }))
          : [{ uid: account.id, name: account.name, type: "AWS::::Account" }],
        unmapped: { cis_status: control.status, analysis_id: report.snapshot.analysisId, collection_run_id: report.snapshot.collectionRunId, exceptions: control.exceptions.map((f) => ({ id: f.id, resource: f.resourceKey, reason: f.acceptedReason })) },
      });
    }
  }
  return out;
}
