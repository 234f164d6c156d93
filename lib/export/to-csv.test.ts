import { describe, expect, it } from "vitest";
import { neutralizeFormula, toCsv } from "./to-csv";

describe("CSV export", () => {
  it("neutralises every formula-starting character", () => {
    for (const payload of ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]) {
      expect(neutralizeFormula(payload)).toBe(`'${payload}`);
    }
    expect(neutralizeFormula("alex=chen")).toBe("alex=chen");
    expect(neutralizeFormula(null)).toBe("");
  });
  it("quotes separators, quotes and newlines, and escapes headers too", () => {
    const csv = toCsv({ rows: [{ a: 'say "hi", ok', b: "=1+2" }], columns: [{ header: "A", value: (r) => r.a }, { header: "=B", value: (r) => r.b }] });
    expect(csv).toBe(`A,'=B\r\n"say ""hi"", ok",'=1+2\r\n`);
  });
});
