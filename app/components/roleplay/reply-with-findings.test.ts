import { describe, expect, it } from "vitest";
import { scoreReply } from "../../../tests/support/scorer";
import { findingItems, type ShownFinding } from "./reply-with-findings";

const shown = (reply: string): ShownFinding[] => scoreReply(reply, { emotion: 80 }).findings.map((f) => ({ ...f, message: f.message.zh }));

describe("the findings a trainee reads", () => {
  it("are one item per rule on the same words, with each dimension's points", () => {
    const findings = shown("这个不归我们管，你找楼上去。");
    const taboo = findings.filter((f) => f.rule === "brush-off");
    expect(taboo.map((f) => f.dimension).sort()).toEqual(["empathy", "listening", "wording"]);
    const items = findingItems(findings);
    const item = items.filter((i) => i.rule === "brush-off");
    expect(item).toHaveLength(1);
    expect(item[0].effects).toEqual(taboo.map((f) => ({ dimension: f.dimension, delta: f.delta })));
    expect(items.length).toBeLessThan(findings.length);
  });

  it("name every missing fact in one item, with a restatement built from the owner's words", () => {
    const owner = "我家卫生间天花板又漏水了，这都第三次了！3栋1202。";
    const findings = scoreReply("这个不归我们管，你找楼上去。", { owner, emotion: 80, facts: [["3栋1202"], ["漏水"], ["第三次"]] }).findings.map((f) => ({
      ...f,
      message: f.message.zh,
    }));
    const missing = findingItems(findings).filter((i) => i.rule === "listening.fact-missing");
    expect(missing).toHaveLength(1);
    expect(missing[0].message).toBe("没有复述或确认关键信息「3栋1202、漏水、第三次」。");
    expect(missing[0].suggestion).toBe("您是说您家卫生间天花板又漏水了，这都第三次了，3栋1202，对吗？");
  });

  it("say a fault once, at its first place, however often the words recur", () => {
    const findings = shown("你好，你把你的房号告诉我。");
    const youItems = findingItems(findings).filter((i) => i.rule === "informal-you");
    expect(youItems).toHaveLength(1);
    expect(youItems[0].start).toBe(3);
  });
});
