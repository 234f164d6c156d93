import "server-only";
import { drawPdfTable } from "../export/to-pdf-table";
import { createReportPdf, drawPdfFacts, drawPdfHeading } from "../export/to-pdf";
import type { TCampaignReport, TReportItem } from "../reviews/get-campaign-report";
import { day, describeAccess, describeDecision, describeOverride, describeRemediation, describeReviewer, describeScope, describeSignOff, describeSnapshot, percent, stamp } from "./campaign-report-rows";

/** The campaign evidence report: the facts and counts an auditor asks for on page one, then every decision. */
export async function renderCampaignPdf(options: { report: TCampaignReport }): Promise<Buffer> {
  const { report } = options;
  const { campaign, totals } = report;
  const { doc, finish } = createReportPdf({
    title: `Access review evidence: ${campaign.name}`,
    subtitle: `Campaign ${campaign.id} · ${campaign.status} · snapshot ${describeSnapshot(report)}`,
    generatedAt: new Date(),
  });
  drawPdfFacts({
    doc,
    heading: campaign.name,
    facts: [
      ["Status", campaign.status],
      ["Scope", describeScope(report)],
      ["Snapshot", describeSnapshot(report)],
      ["Due date", day(campaign.dueAt)],
      ["Created", `${campaign.createdBy} on ${stamp(campaign.createdAt)}`],
      ["Sign-off", describeSignOff(report)],
      ["Items", String(totals.items)],
      ["Decisions", `kept ${totals.keep}, revoked ${totals.revoke}, changed ${totals.change}, open ${totals.open} (effective decisions)`],
      ["Overrides", totals.overridden === 0 ? "none" : `${totals.overridden} decision(s) overridden by an admin, listed under Overrides`],
      ["Completion", `${percent(totals.completionRate)} (${totals.decided} of ${totals.items} decided)`],
      ["Remediation of revocations", `${report.remediation.done} done, ${report.remediation.pending} pending, ${report.remediation.overdue} overdue, ${report.remediation.unchecked} not yet checked`],
      ...(report.scopedToReviewer ? [["Note", `only the items of reviewer ${report.scopedToReviewer}`] as [string, string]] : []),
    ],
  });
  if (campaign.description) doc.font("Helvetica").fontSize(9).text(campaign.description).moveDown(0.8);

  drawPdfHeading({ doc, text: "Reviewers" });
  drawPdfTable({
    doc,
    rows: report.reviewers,
    columns: [
      { header: "Reviewer", width: 34, value: (r) => r.reviewerEmail },
      { header: "Items", width: 11, value: (r) => r.total },
      { header: "Kept", width: 11, value: (r) => r.keep },
      { header: "Revoked", width: 11, value: (r) => r.revoke },
      { header: "Changed", width: 11, value: (r) => r.change },
      { header: "Complete", width: 12, value: (r) => percent(r.completionRate) },
    ],
  });

  drawPdfHeading({ doc, text: "Decisions" });
  drawPdfTable<TReportItem>({
    doc,
    rows: report.items,
    fontSize: 7,
    columns: [
      { header: "Account", width: 11, value: (i) => i.accountId },
      { header: "Principal", width: 14, value: (i) => `${i.principalName} (${i.principalKind})` },
      { header: "Access", width: 13, value: describeAccess },
      { header: "Reviewer", width: 15, value: describeReviewer },
      { header: "Reviewer's decision, by, at", width: 17, value: (i) => (i.reviewerDecision ? `${i.reviewerDecision.decision}: ${i.reviewerDecision.decidedBy}, ${stamp(i.reviewerDecision.decidedAt)}` : "open") },
      { header: "Comment", width: 14, value: (i) => i.reviewerDecision?.comment },
      { header: "Effective", width: 16, value: describeDecision },
    ],
  });

  const overridden = report.items.filter((i) => i.override);
  if (overridden.length > 0) {
    drawPdfHeading({ doc, text: "Overrides" });
    drawPdfTable<TReportItem>({
      doc,
      rows: overridden,
      fontSize: 7.5,
      columns: [
        { header: "Principal", width: 18, value: (i) => `${i.principalName} (${i.accountId})` },
        { header: "Reviewer's decision", width: 24, value: (i) => (i.reviewerDecision ? `${i.reviewerDecision.decision} by ${i.reviewerDecision.decidedBy}, ${stamp(i.reviewerDecision.decidedAt)}${i.reviewerDecision.comment ? `: ${i.reviewerDecision.comment}` : ""}` : "") },
        { header: "Override: by, at, decision, reason", width: 58, value: describeOverride },
      ],
    });
  }

  const revoked = report.items.filter((i) => i.decision === "revoke" || i.decision === "change");
  if (revoked.length > 0) {
    drawPdfHeading({ doc, text: "Remediation" });
    drawPdfTable<TReportItem>({
      doc,
      rows: revoked,
      fontSize: 7.5,
      columns: [
        { header: "Principal", width: 18, value: (i) => `${i.principalName} (${i.accountId})` },
        { header: "Decision", width: 9, value: (i) => i.decision },
        { header: "What to remove and the AWS CLI command", width: 58, value: describeRemediation },
        { header: "Status", width: 15, value: (i) => i.remediationStatus ?? "not checked" },
      ],
    });
  }
  return finish();
}
