// CSV for every export. Cells are escaped against spreadsheet formula injection (OWASP):
// a value starting with = + - @, tab or carriage return is prefixed with a single quote,
// so Excel, Sheets and LibreOffice show it as text instead of evaluating it.

const FORMULA_START = /^[=+\-@\t\r]/;

export type TCsvColumn<T> = { header: string; value: (row: T) => unknown };

/** A value as spreadsheet-safe text (also used by the XLSX export). */
export function neutralizeFormula(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join("; ") : typeof value === "object" ? JSON.stringify(value) : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row and CRLF line ends. */
export function toCsv<T>(options: { rows: Iterable<T>; columns: TCsvColumn<T>[] }): string {
  const lines = [options.columns.map((c) => quote(neutralizeFormula(c.header))).join(",")];
  for (const row of options.rows) lines.push(options.columns.map((c) => quote(neutralizeFormula(c.value(row)))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** A download response for a CSV body. */
export function csvResponse(options: { csv: string; filename: string }): Response {
  return new Response(options.csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${options.filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}
