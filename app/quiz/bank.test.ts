import { describe, expect, it } from "vitest";
import { parseBank, QuizBankError } from "./bank";

const bank = (body: string) => `---\nmodule: core-process\n---\n\n${body}`;
const Q = (head: string, options: string, explanation = "> 因为……见[接待与登记](/learn/core-process#reception-registration)。") =>
  `## ${head}\n\n题干？\n\n${options}\n\n${explanation}\n`;

describe("parseBank", () => {
  it("parses every question type", () => {
    const parsed = parseBank(
      bank(
        [
          Q("cp-01 · single", "- [ ] 甲\n- [x] 乙\n- [ ] 丙"),
          Q("cp-02 · multiple", "- [x] 甲\n- [ ] 乙\n- [x] 丙\n- [ ] 丁"),
          Q("cp-03 · truefalse", "- [ ] 正确\n- [x] 错误"),
          Q("cp-04 · order", "- [ ] 初步止损\n- [ ] 专业维修\n- [ ] 后续跟进"),
          Q("cp-05 · best-reply", "- [ ] 一\n- [ ] 二\n- [x] 三\n- [ ] 四"),
        ].join("\n"),
      ),
      "x.md",
      "zh-CN",
    );
    expect(parsed.questions.map((q) => [q.id, q.type, q.correct.join("")])).toEqual([
      ["cp-01", "single", "b"],
      ["cp-02", "multiple", "ac"],
      ["cp-03", "truefalse", "b"],
      ["cp-04", "order", "abc"],
      ["cp-05", "best-reply", "c"],
    ]);
    expect(parsed.questions[3].options.map((o) => o.text)).toEqual(["初步止损", "专业维修", "后续跟进"]);
    expect(parsed.questions[0].source).toEqual({ module: "core-process", section: "reception-registration" });
  });

  it.each([
    ["a single with two answers", Q("cp-01 · single", "- [x] 甲\n- [x] 乙\n- [ ] 丙"), /cp-01: single needs exactly one \[x\]/],
    ["a multiple with one answer", Q("cp-01 · multiple", "- [x] 甲\n- [ ] 乙\n- [ ] 丙\n- [ ] 丁"), /two or more/],
    ["an order with a tick", Q("cp-01 · order", "- [x] 甲\n- [ ] 乙\n- [ ] 丙"), /all \[ \]/],
    ["a truefalse with other words", Q("cp-01 · truefalse", "- [x] 对\n- [ ] 错"), /"正确" then "错误"/],
    ["an unknown type", Q("cp-01 · essay", "- [x] 甲\n- [ ] 乙\n- [ ] 丙"), /unknown type "essay"/],
    ["a missing explanation", Q("cp-01 · single", "- [x] 甲\n- [ ] 乙\n- [ ] 丙", ""), /exactly one blockquote/],
    ["an explanation without a link", Q("cp-01 · single", "- [x] 甲\n- [ ] 乙\n- [ ] 丙", "> 因为。"), /must link/],
    ["a plain list", Q("cp-01 · single", "- 甲\n- 乙\n- 丙"), /task list/],
    ["a bad heading", Q("第一题", "- [x] 甲\n- [ ] 乙\n- [ ] 丙"), /heading must be/],
  ])("refuses %s, naming the file and the question", (_name, body, problem) => {
    expect(() => parseBank(bank(body), "content/quizzes/core-process/zh-CN.md", "zh-CN")).toThrow(QuizBankError);
    expect(() => parseBank(bank(body), "content/quizzes/core-process/zh-CN.md", "zh-CN")).toThrow(problem);
    expect(() => parseBank(bank(body), "content/quizzes/core-process/zh-CN.md", "zh-CN")).toThrow(/content\/quizzes\/core-process\/zh-CN\.md/);
  });

  it("refuses a duplicate id", () => {
    const body = Q("cp-01 · single", "- [x] 甲\n- [ ] 乙\n- [ ] 丙") + Q("cp-01 · single", "- [x] 甲\n- [ ] 乙\n- [ ] 丙");
    expect(() => parseBank(bank(body), "x.md", "zh-CN")).toThrow(/cp-01: id used twice/);
  });
});
