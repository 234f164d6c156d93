import PDFDocument from "pdfkit";

// Report PDFs: A4, the report's title and scope repeated at the top of every page and
// "page X of Y" at the bottom, so a printed page still says what it belongs to.

export const PDF_MARGIN = { top: 62, bottom: 48, left: 40, right: 40 };
const MUTED = "#555555";

export type TReportPdf = {
  doc: PDFKit.PDFDocument;
  /** Adds page numbers and returns the finished file. */
  finish: () => Promise<Buffer>;
};

function drawRunningHeader(options: { doc: PDFKit.PDFDocument; title: string; subtitle: string }) {
  const { doc } = options;
  const width = doc.page.width - PDF_MARGIN.left - PDF_MARGIN.right;
  doc.save();
  doc.font("Helvetica-Bold").fontSize(8).fillColor(MUTED).text(options.title, PDF_MARGIN.left, 24, { width, lineBreak: false, ellipsis: true });
  doc.font("Helvetica").fontSize(8).fillColor(MUTED).text(options.subtitle, PDF_MARGIN.left, 35, { width, lineBreak: false, ellipsis: true });
  doc.moveTo(PDF_MARGIN.left, 48).lineTo(doc.page.width - PDF_MARGIN.right, 48).lineWidth(0.5).strokeColor("#999999").stroke();
  doc.restore();
  doc.fillColor("black").font("Helvetica").fontSize(9);
  doc.x = PDF_MARGIN.left;
  doc.y = PDF_MARGIN.top;
}

/** A new report document whose every page carries `title` and `subtitle` (scope, snapshot). */
export function createReportPdf(options: { title: string; subtitle: string; generatedAt: Date }): TReportPdf {
  const doc = new PDFDocument({ size: "A4", margins: PDF_MARGIN, bufferPages: true, info: { Title: options.title, Creator: "Access Atlas" } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.on("pageAdded", () => drawRunningHeader({ doc, ...options }));
  drawRunningHeader({ doc, ...options });
  const finish = async () => {
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      doc.switchToPage(index);
      // Writing inside the bottom margin would otherwise start a new page.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - 30;
      const width = doc.page.width - PDF_MARGIN.left - PDF_MARGIN.right;
      doc.font("Helvetica").fontSize(8).fillColor(MUTED);
      doc.text(`Generated ${options.generatedAt.toISOString().replace("T", " ").slice(0, 19)} UTC by Access Atlas`, PDF_MARGIN.left, y, { width, lineBreak: false });
      doc.text(`page ${index - range.start + 1} of ${range.count}`, PDF_MARGIN.left, y, { width, align: "right", lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
    return done;
  };
  return { doc, finish };
}

/** A heading followed by label/value lines, for a report's first page. */
export function drawPdfFacts(options: { doc: PDFKit.PDFDocument; heading: string; facts: Array<[string, string]> }) {
  const { doc } = options;
  doc.font("Helvetica-Bold").fontSize(16).fillColor("black").text(options.heading, PDF_MARGIN.left, doc.y);
  doc.moveDown(0.5);
  for (const [label, value] of options.facts) {
    doc.font("Helvetica-Bold").fontSize(9).text(`${label}: `, { continued: true }).font("Helvetica").text(value);
  }
  doc.moveDown(0.8);
}

export function pdfResponse(options: { body: Buffer; filename: string }): Response {
  return new Response(new Uint8Array(options.body), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${options.filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}

/** Starts a new page unless `height` points fit, so a heading never ends a page apart from its table. */
export function ensurePdfSpace(options: { doc: PDFKit.PDFDocument; height: number }) {
  const { doc } = options;
  if (doc.y + options.height > doc.page.height - PDF_MARGIN.bottom) doc.addPage();
}

/** A section heading kept on the page with the start of what follows it. */
export function drawPdfHeading(options: { doc: PDFKit.PDFDocument; text: string; size?: number }) {
  ensurePdfSpace({ doc: options.doc, height: 70 });
  options.doc.font("Helvetica-Bold").fontSize(options.size ?? 12).fillColor("black").text(options.text, PDF_MARGIN.left, options.doc.y);
  options.doc.moveDown(0.3);
}
