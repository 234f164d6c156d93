import ExcelJS from "exceljs";
import { neutralizeFormula, type TCsvColumn } from "./to-csv";

/**
 * One-sheet XLSX with a bold, frozen header row. Every text cell goes through
 * neutralizeFormula like the CSV export, so a value such as "=HYPERLINK(…)" stays text when
 * the file is opened; finite numbers stay numeric (a number cell cannot hold a formula) so
 * ages and counts sort as numbers.
 */
export async function toXlsx<T>(options: { sheetName: string; rows: Iterable<T>; columns: TCsvColumn<T>[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Access Atlas";
  const sheet = workbook.addWorksheet(options.sheetName.replace(/[[\]*?:/\\]/g, " ").slice(0, 31) || "Report", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const widths = options.columns.map((column) => Math.min(60, Math.max(10, column.header.length + 2)));
  sheet.addRow(options.columns.map((column) => neutralizeFormula(column.header)));
  for (const row of options.rows) {
    const cells = options.columns.map((column, index) => {
      const value = column.value(row);
      const cell = typeof value === "number" && Number.isFinite(value) ? value : neutralizeFormula(value);
      widths[index] = Math.min(60, Math.max(widths[index], String(cell).length + 2));
      return cell;
    });
    sheet.addRow(cells);
  }
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, index) => { column.width = widths[index]; });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, options.columns.length) } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function xlsxResponse(options: { body: Buffer; filename: string }): Response {
  return new Response(new Uint8Array(options.body), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${options.filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}
