import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { toXlsx } from "./to-xlsx";

const PAYLOADS = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"];

async function readBack(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

describe("XLSX export", () => {
  it("stores formula-starting text as quoted text, never as a formula", async () => {
    const buffer = await toXlsx({
      sheetName: "Keys: age/unused",
      rows: PAYLOADS.map((payload, index) => ({ payload, index })),
      columns: [{ header: "=payload", value: (r) => r.payload }, { header: "n", value: (r) => r.index }],
    });
    const sheet = await readBack(buffer);
    expect(sheet.name).toBe("Keys  age unused");
    expect(sheet.getCell("A1").value).toBe("'=payload");
    PAYLOADS.forEach((payload, index) => {
      const cell = sheet.getCell(index + 2, 1);
      // XML parsers normalise a stored carriage return to a line feed on reading.
      expect(cell.value).toBe(`'${payload}`.replace(/\r/g, "\n"));
      expect(cell.formula).toBeUndefined();
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(sheet.getCell(index + 2, 2).value).toBe(index);
    });
    // The file's XML holds no <f> (formula) element at all.
    expect(buffer.includes(Buffer.from("<f>"))).toBe(false);
  });

  it("makes the header row bold and frozen, and writes dates, arrays and nulls as text", async () => {
    const sheet = await readBack(await toXlsx({
      sheetName: "Report",
      rows: [{ at: new Date("2026-01-02T03:04:05Z"), list: ["a", "b"], none: null }],
      columns: [{ header: "at", value: (r) => r.at }, { header: "list", value: (r) => r.list }, { header: "none", value: (r) => r.none }],
    }));
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(2).values).toEqual([undefined, "2026-01-02T03:04:05.000Z", "a; b", ""]);
  });
});
