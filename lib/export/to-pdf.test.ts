import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createReportPdf, drawPdfFacts } from "./to-pdf";
import { drawPdfTable } from "./to-pdf-table";

// The suite needs poppler-utils (as test/reports.test.ts and the browser tests do); .ci/run installs it.
const hasPoppler = (() => { try { execFileSync("pdftotext", ["-v"], { stdio: "ignore" }); return true; } catch { return false; } })();

async function samplePdf(rows: number): Promise<Buffer> {
  const { doc, finish } = createReportPdf({ title: "Sample report title", subtitle: "scope o-sample", generatedAt: new Date("2026-01-01T00:00:00Z") });
  drawPdfFacts({ doc, heading: "Sample heading", facts: [["Scope", "everything"]] });
  drawPdfTable({
    doc,
    rows: Array.from({ length: rows }, (_, i) => ({ i, arn: `arn:aws:iam::123456789012:role/${"very-long-role-name-".repeat(6)}${i}` })),
    columns: [{ header: "Row", width: 1, value: (r) => r.i }, { header: "ARN", width: 3, value: (r) => r.arn }],
  });
  return finish();
}

function pageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
}

describe("report PDF", () => {
  it("is a complete PDF that grows pages as the table grows", async () => {
    const small = await samplePdf(3);
    const large = await samplePdf(120);
    expect(small.subarray(0, 5).toString()).toBe("%PDF-");
    expect(small.subarray(-6).toString()).toContain("%%EOF");
    expect(pageCount(small)).toBe(1);
    expect(pageCount(large)).toBeGreaterThan(3);
  });

  it("repeats the title on every page, numbers pages 'page X of Y' and wraps long cells instead of cutting them", async () => {
    if (!hasPoppler) throw new Error("pdftotext is missing: apt-get install -y poppler-utils");
    const pdf = await samplePdf(120);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pdf-")), "sample.pdf");
    fs.writeFileSync(file, pdf);
    const pages = pageCount(pdf);
    const text = (page: number) => execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", file, "-"]).toString();
    for (const page of [1, pages]) {
      expect(text(page)).toContain("Sample report title");
      expect(text(page)).toContain(`page ${page} of ${pages}`);
      expect(text(page)).toContain("ARN");
    }
    // Every row's last characters made it onto a page (wrapped, not run off the edge).
    const all = execFileSync("pdftotext", [file, "-"]).toString().replace(/\s+/g, "");
    expect(all).toContain("very-long-role-name-119");
  });
});
