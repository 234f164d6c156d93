import type { TFindingRow } from "../console/list-findings";
import { OCSF_PRODUCT, OCSF_SEVERITY, OCSF_VERSION, type TOcsfDetectionFinding } from "./ocsf-schema";

// Finding status → OCSF status_id (1 New, 3 Suppressed, 4 Resolved) and activity (1 Create, 2 Update, 3 Close).
const STATUS = {
  open: { id: 1, name: "New", activity: { id: 1, name: "Create" } },
  accepted: { id: 3, name: "Suppressed", activity: { id: 2, name: "Update" } },
  resolved: { id: 4, name: "Resolved", activity: { id: 3, name: "Close" } },
} as const;

function resourceType(key: string, evidence: Record<string, unknown>): string {
  if (typeof evidence.kind === "string") return evidence.kind;
  if (key.startsWith("sso/")) return "AWS::IdentityStore::User";
  return "AWS::IAM::Principal";
}

/**
 * One finding as an OCSF Detection Finding (class 2004), the class Prowler and Security
 * Lake use for posture findings: the rule as the finding type, the principal as the resource,
 * the account in `cloud`, the evidence kept under `unmapped`.
 */
export function toOcsfDetectionFinding(options: { finding: TFindingRow; organizationId: string | null; baseUrl?: string }): TOcsfDetectionFinding {
  const { finding } = options;
  const status = STATUS[finding.status];
  const severity = OCSF_SEVERITY[finding.severity] ?? { id: 0, name: "Unknown" };
  const lastSeen = new Date(finding.lastSeenAt).getTime();
  const arn = typeof finding.evidence.arn === "string" ? finding.evidence.arn : undefined;
  return {
    activity_id: status.activity.id, activity_name: status.activity.name,
    category_uid: 2, category_name: "Findings", class_uid: 2004, class_name: "Detection Finding",
    type_uid: 2004 * 100 + status.activity.id, type_name: `Detection Finding: ${status.activity.name}`,
    severity_id: severity.id, severity: severity.name, status_id: status.id, status: status.name,
    ...(finding.status === "accepted" ? { status_detail: `accepted by ${finding.acceptedBy ?? "?"} until ${finding.acceptedUntil ? new Date(finding.acceptedUntil).toISOString() : "further notice"}: ${finding.acceptedReason ?? ""}` } : {}),
    time: lastSeen, time_dt: new Date(lastSeen).toISOString(), message: finding.title,
    metadata: { version: OCSF_VERSION, product: { ...OCSF_PRODUCT }, uid: `access-atlas-finding-${finding.id}`, log_name: "findings" },
    cloud: {
      provider: "AWS",
      ...(finding.accountId ? { account: { uid: finding.accountId, ...(finding.accountName ? { name: finding.accountName } : {}), type: "AWS Account" as const, type_id: 10 as const } } : {}),
      ...(options.organizationId ? { org: { uid: options.organizationId } } : {}),
    },
    finding_info: {
      uid: `access-atlas-finding-${finding.id}`, title: finding.title, types: [finding.rule, ...(finding.cisControl ? [`CIS AWS Foundations v5 ${finding.cisControl}`] : [])],
      created_time: new Date(finding.firstSeenAt).getTime(), first_seen_time: new Date(finding.firstSeenAt).getTime(), last_seen_time: lastSeen,
      product_uid: OCSF_PRODUCT.uid,
      ...(options.baseUrl ? { src_url: `${options.baseUrl}/findings?rule=${encodeURIComponent(finding.rule)}&status=all` } : {}),
    },
    resources: [{ uid: arn ?? finding.resourceKey, name: finding.resourceName, type: resourceType(finding.resourceKey, finding.evidence), ...(arn ? { cloud_partition: arn.split(":")[1] } : {}) }],
    unmapped: { rule: finding.rule, evidence: finding.evidence, first_seen_run: finding.firstSeenRun, last_seen_run: finding.lastSeenRun, principal_key: finding.principalKey },
  };
}
