import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./dashboard.server";

describe("CSV export", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const start of ["+", "-", "@", "\t"]) expect(csvCell(`${start}1`).startsWith(`"'${start}`)).toBe(true);
    expect(csvCell("李晓雨")).toBe('"李晓雨"');
    expect(csvCell(82)).toBe('"82"');
  });

  it("starts with a byte-order mark and ends lines with CRLF", () => {
    const csv = toCsv([["团队", "姓名"], ["阳光花园", "李晓雨"]]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toBe('\uFEFF"团队","姓名"\r\n"阳光花园","李晓雨"\r\n');
  });
});
