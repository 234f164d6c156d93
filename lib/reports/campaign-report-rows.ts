import type { TCsvColumn } from "../export/to-csv";
import type { TCampaignReport, TReportItem } from "../reviews/get-campaign-report";

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");
const stamp = (date: Date | null) => (date ? `${date.toISOString().replace("T", " ").slice(0, 16)} UTC` : "");

export function describeScope(report: TCampaignReport): string {
  const { scope } = report.campaign;
  const where = scope.accountIds.length === 0 && scope.ouIds.length === 0 ? "every account"
    : [scope.accountIds.length ? `accounts ${scope.accountIds.join(", ")}` : "", scope.ouIds.length ? `OUs ${scope.ouIds.join(", ")}` : ""].filter(Boolean).join(" and ");
  if (scope.only === "resource-shares") return `${where}; resources shared outside the organization or public`;
  const only = scope.only === "all" ? "all access" : scope.only === "admin-equivalent" ? "admin-equivalent access only" : "external-trust access only";
  return `${where}; ${scope.kinds.join(", ")}; ${only}`;
}

export function describeSnapshot(report: TCampaignReport): string {
  const { campaign } = report;
  return `collection run ${campaign.collectionRunId}, analysis ${campaign.analysisId}${campaign.snapshotAt ? ` (${stamp(campaign.snapshotAt)})` : ""}`;
}

export function describeSignOff(report: TCampaignReport): string {
  const { campaign } = report;
  if (!campaign.signedOffAt) return "not signed off";
  return `${campaign.signedOffBy ?? "?"} on ${stamp(campaign.signedOffAt)}${campaign.signOffComment ? `: ${campaign.signOffComment}` : ""}`;
}

export function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

/** What the item grants, as a reviewer saw it: direct access, a role it reaches, or an Identity Center assignment. */
export function describeAccess(item: TReportItem): string {
  const target = item.evidence?.access?.principalName ?? item.targetKey;
  if (item.accessKind === "direct") return "own permissions";
  const share = item.evidence?.resourceShare;
  if (item.accessKind === "resource-share") return share ? `${share.exposure} share of ${share.resourceType} ${share.resourceArn} (${share.levels.join(", ")})` : `share of ${item.targetKey}`;
  if (item.accessKind === "via-role") return `assumes ${target ?? "a role"}`;
  const sets = (item.evidence?.assignments ?? []).map((a) => a.permissionSetName);
  return `Identity Center: ${sets.length ? sets.join(", ") : target ?? "assignment"}`;
}

export function describeRemediation(item: TReportItem): string {
  return (item.remediation ?? []).map((step) => `${step.what} [${step.command}]`).join("; ");
}

/** The effective decision, marked when it is an admin's override of the reviewer's decision. */
export function describeDecision(item: TReportItem): string {
  if (!item.decision) return "open";
  return item.override ? `${item.decision} (override of ${item.reviewerDecision?.decision ?? "?"})` : item.decision;
}

/** Who reviewed and decided: the assigned reviewer, and a segregation-of-duties reassignment. */
export function describeReviewer(item: TReportItem): string {
  return item.reassignedFrom ? `${item.reviewerEmail} (reassigned from ${item.reassignedFrom}: own access)` : item.reviewerEmail;
}

export function describeOverride(item: TReportItem): string {
  const o = item.override;
  return o ? `${o.decidedBy}, ${stamp(o.decidedAt)}: ${o.decision}, reason: ${o.comment ?? ""}` : "";
}

/** One row per item: who decided, when, any override and its reason, and who signed the campaign off. */
export function campaignCsvColumns(report: TCampaignReport): TCsvColumn<TReportItem>[] {
  const { campaign } = report;
  return [
    { header: "item_id", value: (i) => i.id },
    { header: "account_id", value: (i) => i.accountId },
    { header: "principal", value: (i) => i.principalName },
    { header: "principal_kind", value: (i) => i.principalKind },
    { header: "principal_arn", value: (i) => i.principalArn },
    { header: "access", value: describeAccess },
    { header: "resource_arn", value: (i) => i.evidence?.resourceShare?.resourceArn },
    { header: "granted_by", value: (i) => (i.evidence?.resourceShare?.grants ?? []).map((g) => `${g.source} ${g.statement.policyId}#${g.statement.index}${g.statement.sid ? ` (${g.statement.sid})` : ""}: ${g.principal}`).join("; ") },
    { header: "admin_equivalent", value: (i) => (i.evidence?.access ? String(i.evidence.access.adminEquivalent) : "") },
    { header: "reviewer", value: (i) => i.reviewerEmail },
    { header: "reassigned_from", value: (i) => i.reassignedFrom },
    { header: "decision", value: (i) => i.decision ?? "open" },
    { header: "decided_by", value: (i) => i.decidedBy },
    { header: "decided_at", value: (i) => i.decidedAt?.toISOString() ?? "" },
    { header: "comment", value: (i) => i.decisionComment },
    { header: "reviewer_decision", value: (i) => i.reviewerDecision?.decision },
    { header: "reviewer_decided_by", value: (i) => i.reviewerDecision?.decidedBy },
    { header: "reviewer_decided_at", value: (i) => i.reviewerDecision?.decidedAt.toISOString() ?? "" },
    { header: "reviewer_comment", value: (i) => i.reviewerDecision?.comment },
    { header: "overridden", value: (i) => String(!!i.override) },
    { header: "override_decision", value: (i) => i.override?.decision },
    { header: "overridden_by", value: (i) => i.override?.decidedBy },
    { header: "overridden_at", value: (i) => i.override?.decidedAt.toISOString() ?? "" },
    { header: "override_reason", value: (i) => i.override?.comment },
    { header: "decision_history", value: (i) => i.history.map((h) => `${h.override ? "override " : ""}${h.decision} by ${h.decidedBy} at ${h.decidedAt.toISOString()}`).join("; ") },
    { header: "remediation", value: describeRemediation },
    { header: "remediation_status", value: (i) => i.remediationStatus },
    { header: "signed_off_by", value: () => campaign.signedOffBy },
    { header: "signed_off_at", value: () => campaign.signedOffAt?.toISOString() ?? "" },
  ];
}

export { day, stamp };
