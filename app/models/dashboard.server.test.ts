import { describe, expect, it } from "vitest";
import { csvCell, mostFrequentIssues, toCsv } from "./dashboard.server";

describe("CSV export", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const start of ["+", "-", "@", "\t", "＝", "＋", "－", "＠"]) expect(csvCell(`${start}1`).startsWith(`"'${start}`)).toBe(true);
    expect(csvCell("李晓雨")).toBe('"李晓雨"');
    expect(csvCell(82)).toBe('"82"');
  });

  it("starts with a byte-order mark and ends lines with CRLF", () => {
    const csv = toCsv([
      ["团队", "姓名"],
      ["阳光花园", "李晓雨"],
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toBe('\uFEFF"团队","姓名"\r\n"阳光花园","李晓雨"\r\n');
  });
});

describe("most frequent issues", () => {
  const lecture = (dimension: "empathy" | "wording") => ({ dimension, rule: "empathy.lecture", message: { zh: "在说教业主。", en: "Lectures the owner." } });
  const missing = { dimension: "listening" as const, rule: "listening.fact-missing", message: { zh: "没有复述。", en: "Did not restate." } };

  it("lists a rule that costs two dimensions once, with both, counted once per time it was found", () => {
    // Two replies that lectured (each found in empathy and in wording), three that missed a fact.
    const found = [lecture("empathy"), lecture("wording"), missing, lecture("empathy"), lecture("wording"), missing, missing];
    expect(mostFrequentIssues(found, "zh-CN")).toEqual([
      { rule: "listening.fact-missing", message: "没有复述。", dimensions: ["listening"], count: 3 },
      { rule: "empathy.lecture", message: "在说教业主。", dimensions: ["empathy", "wording"], count: 2 },
    ]);
    expect(mostFrequentIssues(found, "en", 1)).toEqual([{ rule: "listening.fact-missing", message: "Did not restate.", dimensions: ["listening"], count: 3 }]);
  });

  it("lists what one rule said about different things apart: each fact not confirmed is its own issue", () => {
    const notConfirmed = (fact: string) => ({
      dimension: "listening" as const,
      rule: "listening.fact-missing",
      message: { zh: `没有复述或确认关键信息「${fact}」。`, en: `Did not restate “${fact}”.` },
    });
    const found = [notConfirmed("5栋"), notConfirmed("2号梯"), notConfirmed("5栋")];
    expect(mostFrequentIssues(found, "zh-CN")).toEqual([
      { rule: "listening.fact-missing", message: "没有复述或确认关键信息「5栋」。", dimensions: ["listening"], count: 2 },
      { rule: "listening.fact-missing", message: "没有复述或确认关键信息「2号梯」。", dimensions: ["listening"], count: 1 },
    ]);
  });
});
