import "server-only";
import { drawPdfTable } from "../export/to-pdf-table";
import { createReportPdf, drawPdfFacts, drawPdfHeading } from "../export/to-pdf";
import { accountNames, cisScopeLabel, cisSnapshotLabel, CIS_STATUS_LABEL } from "./cis-labels";
import type { TCisControlResult, TCisFindingInput, TCisStatus } from "./evaluate-cis-controls";
import type { TCisReport } from "./get-cis-report";

const STATUS_ORDER: TCisStatus[] = ["fail", "exception", "not-evaluated", "pass", "manual", "not-applicable"];

/** The CIS report as a printable PDF: summary, per-account overview, then failing resources and exceptions per control. */
export async function renderCisPdf(options: { report: TCisReport }): Promise<Buffer> {
  const { report } = options;
  const names = accountNames(report);
  const account = (finding: TCisFindingInput) => (finding.accountId ? `${names.get(finding.accountId) ?? finding.accountId} (${finding.accountId})` : "organization-wide");
  const title = `${report.benchmark}: Identity and Access Management (section 1)`;
  const { doc, finish } = createReportPdf({ title, subtitle: `${cisScopeLabel(report)} · snapshot ${cisSnapshotLabel(report)}`, generatedAt: report.generatedAt });

  drawPdfFacts({
    doc,
    heading: "CIS AWS Foundations v5.0.0 — IAM report",
    facts: [
      ["Organization", report.snapshot.organizationId ?? "unknown"],
      ["Scope", cisScopeLabel(report)],
      ["Snapshot", cisSnapshotLabel(report)],
      ["Generated", `${report.generatedAt.toISOString().replace("T", " ").slice(0, 19)} UTC`],
      ["Result", STATUS_ORDER.filter((s) => report.counts[s] > 0).map((s) => `${report.counts[s]} ${CIS_STATUS_LABEL[s].toLowerCase()}`).join(", ")],
    ],
  });
  doc.font("Helvetica").fontSize(8).fillColor("#333333").text(
    "A control passes only where the data it needs was collected for the account; otherwise it is NOT EVALUATED. " +
      "Findings accepted as exceptions are listed with their reason and expiry instead of counting as passed. MANUAL controls cannot be decided from the snapshot.",
  ).fillColor("black");
  doc.moveDown(0.8);

  drawPdfTable<TCisControlResult>({
    doc,
    rows: report.controls,
    columns: [
      { header: "Control", width: 7, value: (c) => c.controlId },
      { header: "Title", width: 38, value: (c) => c.title },
      { header: "Status", width: 15, value: (c) => CIS_STATUS_LABEL[c.status] },
      { header: "Why", width: 40, value: (c) => c.reason },
    ],
  });

  if (report.scope.kind === "org") {
    drawPdfHeading({ doc, text: "Accounts" });
    drawPdfTable({
      doc,
      rows: report.accounts,
      columns: [
        { header: "Account", width: 30, value: (a) => `${a.account.name} (${a.account.id})` },
        { header: "Collection", width: 20, value: (a) => a.account.runStatus ?? "not in run" },
        ...(["fail", "exception", "not-evaluated", "pass"] as const).map((status) => ({
          header: CIS_STATUS_LABEL[status], width: 12.5, value: (a: (typeof report.accounts)[number]) => a.controls.filter((c) => c.status === status).length,
        })),
      ],
    });
  }

  for (const control of report.controls) {
    if (control.failing.length === 0 && control.exceptions.length === 0) continue;
    drawPdfHeading({ doc, text: `${control.controlId} ${control.title} — ${CIS_STATUS_LABEL[control.status]}`, size: 11 });
    if (control.failing.length > 0) {
      drawPdfTable({
        doc,
        rows: control.failing,
        columns: [
          { header: "Account", width: 25, value: account },
          { header: "Failing resource", width: 25, value: (f) => f.resourceName },
          { header: "Finding", width: 40, value: (f) => (f.status === "accepted" ? `${f.title} (acceptance expired ${f.acceptedUntil?.toISOString().slice(0, 10)})` : f.title) },
          { header: "Severity", width: 10, value: (f) => f.severity },
        ],
      });
    }
    if (control.exceptions.length > 0) {
      drawPdfTable({
        doc,
        rows: control.exceptions,
        columns: [
          { header: "Account", width: 22, value: account },
          { header: "Accepted exception", width: 22, value: (f) => f.resourceName },
          { header: "Reason", width: 32, value: (f) => f.acceptedReason },
          { header: "Accepted by", width: 12, value: (f) => f.acceptedBy },
          { header: "Until", width: 12, value: (f) => f.acceptedUntil?.toISOString().slice(0, 10) ?? "no expiry" },
        ],
      });
    }
  }
  return finish();
}
