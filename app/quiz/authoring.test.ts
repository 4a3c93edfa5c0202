import { describe, expect, it } from "vitest";
import {
  checkQuestion,
  cleanText,
  contentFromForm,
  copyOfBuiltIn,
  emptyContent,
  isDrawable,
  latestVersion,
  LIMITS,
  publishVersion,
  questionStatus,
  retyped,
  versionOf,
  type QuestionContent,
  type VersionedQuestion,
} from "./authoring";
import type { Question } from "./bank";

const SECTIONS = ["reception-registration", "emergency-plans"];

function single(overrides: Partial<QuestionContent> = {}): QuestionContent {
  return {
    type: "single",
    section: "reception-registration",
    correct: ["b"],
    zh: { stem: "业主来电报修，先做什么？", options: ["直接派单给工程部", "问候并确认需求", "先查业主欠费"], explanation: "先问候、再确认需求。" },
    en: null,
    ...overrides,
  };
}

const codes = (content: QuestionContent, others: Array<{ id: string; stem: string }> = []) =>
  checkQuestion(content, SECTIONS, others).map((p) => `${p.field}:${p.code}`);

describe("checkQuestion", () => {
  it("passes a sound question of every type", () => {
    // Arrange
    const questions: QuestionContent[] = [
      single(),
      single({
        type: "best-reply",
        correct: ["c"],
        zh: { stem: "业主说：“又停水！”", options: ["您别急", "不归我们管", "我马上查，十分钟回您", "去问自来水公司"], explanation: "先回应、再承诺。" },
      }),
      single({
        type: "multiple",
        correct: ["a", "c"],
        zh: { stem: "哪些要登记？", options: ["来电时间", "天气", "报修内容", "星座"], explanation: "时间和内容。" },
      }),
      single({ type: "truefalse", correct: ["a"], zh: { stem: "接待要先问候。", options: ["正确", "错误"], explanation: "是的。" } }),
      single({ type: "order", correct: ["a", "b", "c"], zh: { stem: "排序：", options: ["止损", "维修", "回访"], explanation: "先止损。" } }),
    ];
    // Act / Assert
    for (const q of questions) expect(codes(q), q.type).toEqual([]);
  });

  it("refuses a question without an explanation, a stem or a keyed answer", () => {
    expect(codes(single({ zh: { ...single().zh, explanation: "" } }))).toEqual(["zh.explanation:required"]);
    expect(codes(single({ zh: { ...single().zh, stem: "" } }))).toEqual(["zh.stem:required"]);
    expect(codes(single({ correct: [] }))).toEqual(["correct:keyMissing"]);
  });

  it("counts keys by type: one for single choice, two or more but not all for multiple, none to tick for order", () => {
    expect(codes(single({ correct: ["a", "b"] }))).toEqual(["correct:keyCount"]);
    const multiple = single({ type: "multiple", zh: { stem: "哪些？", options: ["甲", "乙", "丙", "丁"], explanation: "因为。" } });
    expect(codes({ ...multiple, correct: ["a"] })).toEqual(["correct:keyCount"]);
    expect(codes({ ...multiple, correct: ["a", "b", "c", "d"] })).toEqual(["correct:keyCount"]);
    expect(codes({ ...multiple, correct: ["a", "d"] })).toEqual([]);
    const order = single({ type: "order", zh: { stem: "排序：", options: ["止损", "维修", "回访"], explanation: "先止损。" } });
    expect(codes({ ...order, correct: ["b", "a", "c"] })).toEqual(["correct:keyCount"]);
  });

  it("refuses a key on an option that is not there", () => {
    expect(codes(single({ correct: ["?"] }))).toEqual(["correct:keyOnEmpty"]);
  });

  it("refuses empty, duplicate and too many or too few options, each at its field", () => {
    expect(codes(single({ zh: { ...single().zh, options: ["甲", "", "丙"] } }))).toEqual(["zh.option.1:optionEmpty"]);
    expect(codes(single({ zh: { ...single().zh, options: ["甲", "乙", " 甲 "] } }))).toEqual(["zh.option.2:optionDuplicate"]);
    expect(codes(single({ zh: { ...single().zh, options: ["甲", "乙"] } }))).toEqual(["zh.options:optionCount"]);
    expect(codes(single({ zh: { ...single().zh, options: ["甲", "乙", "丙", "丁", "戊", "己"] } }))).toEqual(["zh.options:optionCount"]);
  });

  it("refuses over-long text, at the limit's edge", () => {
    const at = (n: number) => "字".repeat(n);
    expect(codes(single({ zh: { ...single().zh, stem: at(LIMITS.stem) } }))).toEqual([]);
    expect(codes(single({ zh: { ...single().zh, stem: at(LIMITS.stem + 1) } }))).toEqual(["zh.stem:tooLong"]);
    expect(codes(single({ zh: { ...single().zh, explanation: at(LIMITS.explanation + 1) } }))).toEqual(["zh.explanation:tooLong"]);
    expect(codes(single({ zh: { ...single().zh, options: ["甲", at(LIMITS.option + 1), "丙"] } }))).toEqual(["zh.option.1:tooLong"]);
  });

  it("refuses a single-choice or best-reply key that is the uniquely longest option by far, in either language", () => {
    // Arrange: the key three times the length of every other option.
    const longKey = single({ correct: ["b"], zh: { ...single().zh, options: ["派单", "问候业主并确认需求", "查欠费"] } });
    // Act / Assert
    expect(codes(longKey)).toEqual(["zh.option.1:keyStandsOut"]);
    // Longest, but not by far: allowed, as in the built-in banks.
    expect(codes(single({ zh: { ...single().zh, options: ["直接派单给工程部", "问候并确认需求后登记", "先查业主欠费情况"] } }))).toEqual([]);
    // A multiple-choice question is not judged by this rule.
    expect(codes({ ...longKey, type: "multiple", correct: ["a", "b"], zh: { ...longKey.zh, options: [...longKey.zh.options, "丁"] } })).toEqual([]);
    const english = single({
      en: { stem: "First?", options: ["Dispatch", "Greet the owner, then confirm what they need", "Check fees"], explanation: "Greet first." },
    });
    expect(codes(english)).toEqual(["en.option.1:keyStandsOut"]);
  });

  it("wants the English whole once any of it is written", () => {
    const partial = single({ en: { stem: "What first?", options: ["Dispatch", "", "Check fees"], explanation: "" } });
    expect(codes(partial)).toEqual(["en.explanation:englishIncomplete", "en.option.1:englishIncomplete"]);
  });

  it("wants a section of the module's own", () => {
    expect(codes(single({ section: "no-such-section" }))).toEqual(["section:section"]);
  });

  it("refuses a stem another question of the module already has, however it is spaced", () => {
    expect(codes(single(), [{ id: "cp-01", stem: "业主来电报修，先做什么？ " }])).toEqual(["zh.stem:duplicateQuestion"]);
    expect(checkQuestion(single(), SECTIONS, [{ id: "cp-01", stem: "业主来电报修，先做什么？" }])[0].detail).toBe("cp-01");
  });
});

describe("contentFromForm", () => {
  const form = (fields: Record<string, string>) => (name: string) => fields[name] ?? "";

  it("drops empty rows and keeps the key on its option", () => {
    // Arrange: options typed in rows 1, 3 and 4; the key on row 4 ("d").
    const fields = form({
      section: "emergency-plans",
      "zh.stem": " 题干 ",
      "zh.option.0": "甲",
      "zh.option.2": "丙",
      "zh.option.3": "丁",
      "zh.explanation": "因为。",
    });
    // Act
    const content = contentFromForm("single", fields, ["d"]);
    // Assert
    expect(content).toEqual({
      type: "single",
      section: "emergency-plans",
      correct: ["c"],
      zh: { stem: "题干", options: ["甲", "丙", "丁"], explanation: "因为。" },
      en: null,
    });
  });

  it("keeps a key on an empty row as a key to nothing, which the check reports", () => {
    const content = contentFromForm("single", form({ "zh.option.0": "甲", "zh.option.1": "乙", "zh.option.2": "丙" }), ["e"]);
    expect(content.correct).toEqual(["?"]);
  });

  it("gives true/false its fixed words and order questions their written order as the key", () => {
    expect(contentFromForm("truefalse", form({ "en.stem": "Greet first." }), ["b"])).toMatchObject({
      correct: ["b"],
      zh: { options: ["正确", "错误"] },
      en: { options: ["True", "False"] },
    });
    expect(contentFromForm("order", form({ "zh.option.0": "一", "zh.option.1": "二", "zh.option.2": "三" }), ["a"]).correct).toEqual(["a", "b", "c"]);
  });

  it("removes invisible controls and direction overrides from what was typed", () => {
    expect(cleanText("a\u202Eb\u0000c\r\nd\u2066")).toBe("abc\nd");
    expect(contentFromForm("single", form({ "zh.stem": "\u202E题干" }), []).zh.stem).toBe("题干");
  });
});

describe("copyOfBuiltIn", () => {
  it("keeps the words, key and section, and drops the section link from the explanation", () => {
    const q: Question = {
      id: "cp-01",
      type: "single",
      stem: "题干",
      options: [
        { id: "a", text: "甲" },
        { id: "b", text: "乙" },
        { id: "c", text: "丙" },
      ],
      correct: ["b"],
      explanation: "先问候。见[接待与登记](/learn/core-process#reception-registration)。",
      source: { module: "core-process", section: "reception-registration" },
    };
    expect(copyOfBuiltIn(q, undefined)).toEqual({
      type: "single",
      section: "reception-registration",
      correct: ["b"],
      zh: { stem: "题干", options: ["甲", "乙", "丙"], explanation: "先问候。见接待与登记。" },
      en: null,
    });
  });
});

describe("versions", () => {
  const by = { id: "trainer1", name: "王建国" };
  const fresh = (): VersionedQuestion => ({ draft: single(), versions: [], retiredAt: null });

  it("numbers versions from 1, each a copy that later changes do not touch", () => {
    // Arrange
    const q = fresh();
    const content = single();
    // Act
    const v1 = publishVersion(q, content, by, new Date("2026-12-01T00:00:00Z"));
    content.zh.stem = "改过的题干";
    const v2 = publishVersion(q, content, by, new Date("2026-12-02T00:00:00Z"));
    // Assert
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(versionOf(q, 1)!.content.zh.stem).toBe("业主来电报修，先做什么？");
    expect(latestVersion(q)!.content.zh.stem).toBe("改过的题干");
  });

  it("rolls back by publishing an earlier version's text as a new version, the history kept", () => {
    const q = fresh();
    publishVersion(q, single(), by, new Date());
    publishVersion(q, single({ correct: ["a"] }), by, new Date());
    const v3 = publishVersion(q, versionOf(q, 1)!.content, by, new Date(), 1);
    expect(q.versions.map((v) => [v.version, v.content.correct.join(), v.rolledBackFrom])).toEqual([
      [1, "b", null],
      [2, "a", null],
      [3, "b", 1],
    ]);
    expect(v3).toBe(latestVersion(q));
  });

  it("draws only published, unretired questions, and says where each stands", () => {
    const q = fresh();
    expect([isDrawable(q), questionStatus(q)]).toEqual([false, "draft"]);
    publishVersion(q, single(), by, new Date());
    q.draft = null;
    expect([isDrawable(q), questionStatus(q)]).toEqual([true, "published"]);
    q.draft = single();
    expect(questionStatus(q)).toBe("changed");
    q.retiredAt = new Date().toISOString();
    expect([isDrawable(q), questionStatus(q)]).toEqual([false, "retired"]);
  });
});

describe("retyped and emptyContent", () => {
  it("keep the words and drop the key when the type changes", () => {
    const tf = retyped(single(), "truefalse");
    expect(tf).toMatchObject({ type: "truefalse", correct: [], zh: { stem: single().zh.stem, options: ["正确", "错误"] } });
    expect(retyped(tf, "single").zh.options).toEqual([]);
    expect(emptyContent("truefalse").zh.options).toEqual(["正确", "错误"]);
  });
});
