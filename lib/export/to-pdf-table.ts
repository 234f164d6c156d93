import { PDF_MARGIN } from "./to-pdf";

export type TPdfColumn<T> = { header: string; /** Relative width. */ width: number; value: (row: T) => unknown };

const PADDING = 3;
// A cell taller than a page could never be placed; evidence this long belongs in the CSV/JSON.
const MAX_CELL_CHARS = 900;

function cellText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  const text = value instanceof Date ? value.toISOString().replace("T", " ").slice(0, 16) : Array.isArray(value) ? value.join(", ") : String(value);
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}…` : text;
}

/**
 * A table whose cells wrap within their column (long ARNs break mid-word), rows never split
 * across pages, and the header row repeats on every page the table continues onto.
 */
export function drawPdfTable<T>(options: { doc: PDFKit.PDFDocument; columns: TPdfColumn<T>[]; rows: T[]; fontSize?: number }) {
  const { doc, columns } = options;
  const fontSize = options.fontSize ?? 8;
  const left = PDF_MARGIN.left;
  const usable = doc.page.width - PDF_MARGIN.left - PDF_MARGIN.right;
  const total = columns.reduce((sum, column) => sum + column.width, 0);
  const widths = columns.map((column) => (usable * column.width) / total);
  const bottom = () => doc.page.height - PDF_MARGIN.bottom;

  const rowHeight = (texts: string[], font: string) => {
    doc.font(font).fontSize(fontSize);
    return Math.max(...texts.map((text, i) => doc.heightOfString(text, { width: widths[i] - 2 * PADDING }))) + 2 * PADDING;
  };
  const drawRow = (texts: string[], style: { font: string; fill?: string }) => {
    const height = rowHeight(texts, style.font);
    if (doc.y + height > bottom()) doc.addPage();
    const top = doc.y;
    if (style.fill) doc.save().rect(left, top, usable, height).fill(style.fill).restore();
    let x = left;
    doc.font(style.font).fontSize(fontSize).fillColor("black");
    texts.forEach((text, i) => {
      doc.text(text, x + PADDING, top + PADDING, { width: widths[i] - 2 * PADDING });
      x += widths[i];
    });
    doc.moveTo(left, top + height).lineTo(left + usable, top + height).lineWidth(0.3).strokeColor("#bbbbbb").stroke();
    doc.x = left;
    doc.y = top + height;
    return height;
  };
  const headers = columns.map((column) => column.header);
  const drawHeader = () => drawRow(headers, { font: "Helvetica-Bold", fill: "#e8e8e8" });

  // Keep the header together with at least the first row.
  const first = options.rows[0] ? rowHeight(columns.map((c) => cellText(c.value(options.rows[0]))), "Helvetica") : 0;
  if (doc.y + rowHeight(headers, "Helvetica-Bold") + first > bottom()) doc.addPage();
  drawHeader();
  for (const row of options.rows) {
    const texts = columns.map((column) => cellText(column.value(row)));
    if (doc.y + rowHeight(texts, "Helvetica") > bottom()) {
      doc.addPage();
      drawHeader();
    }
    drawRow(texts, { font: "Helvetica" });
  }
  if (options.rows.length === 0) doc.font("Helvetica-Oblique").fontSize(fontSize).text("(none)", left + PADDING, doc.y + PADDING);
  doc.font("Helvetica").fontSize(9);
  doc.x = left;
  doc.moveDown(0.8);
}
