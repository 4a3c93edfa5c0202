import path from "node:path";
import { describe, expect, it } from "vitest";
import { readScenarioFile } from "~/roleplay/scenario-files.server";
import { finishRudely } from "../../tests/support/roleplay-attempts";
import { STORES, useStore } from "../../tests/support/stores";
import { teamWithTrainees } from "../../tests/support/teams";
import { csvCell, dashboard, mostFrequentIssues, toCsv } from "./dashboard.server";

const script = readScenarioFile(path.resolve("scenarios/angry-owner.yaml"));
const day = (d: number) => new Date(`2026-11-${String(d).padStart(2, "0")}T09:00:00Z`);

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

describe.each(STORES)("the dashboard's team averages (%s)", (store) => {
  useStore(store);

  it("keeps practice and assessment apart, each month with the number of calls it stands on", async () => {
    const { teamId, ids } = await teamWithTrainees("李晓雨", "张明");
    await finishRudely(ids[0], script, "practice", day(2));
    await finishRudely(ids[1], script, "practice", day(3));
    await finishRudely(ids[1], script, "assessment", day(4));
    const { averages, rows } = await dashboard([teamId], day(10), "zh-CN");
    expect(averages[0].practice.map((mo) => [mo.month, mo.attempts])).toEqual([["2026-11", 2]]);
    expect(averages[0].assessment.map((mo) => [mo.month, mo.attempts])).toEqual([["2026-11", 1]]);
    // The export and the printable view put the verdict beside the scores.
    expect(rows.find((r) => r.userId === ids[1])!.assessments["angry-owner"]).toMatchObject({ passed: false });
  });
});
