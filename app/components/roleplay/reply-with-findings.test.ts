import { describe, expect, it } from "vitest";
import { scoreReply } from "~/scoring/test-scorer";
import { findingItems, type ShownFinding } from "./reply-with-findings";

const shown = (reply: string): ShownFinding[] => scoreReply(reply, { emotion: 80 }).findings.map((f) => ({ ...f, message: f.message.zh }));

describe("the findings a trainee reads", () => {
  it("are one item per rule on the same words, with each dimension's points", () => {
    const findings = shown("这个不归我们管，你找楼上去。");
    const taboo = findings.filter((f) => f.rule === "taboo.not-our-business");
    expect(taboo.map((f) => f.dimension).sort()).toEqual(["empathy", "listening", "wording"]);
    const items = findingItems(findings);
    const item = items.filter((i) => i.rule === "taboo.not-our-business");
    expect(item).toHaveLength(1);
    expect(item[0].effects).toEqual(taboo.map((f) => ({ dimension: f.dimension, delta: f.delta })));
    expect(items.length).toBeLessThan(findings.length);
  });

  it("keep apart what one rule says about different things: each missing fact is its own item", () => {
    const findings = scoreReply("这个不归我们管，你找楼上去。", { emotion: 80, facts: [["3栋1202"], ["漏水"], ["第三次"]] }).findings.map((f) => ({ ...f, message: f.message.zh }));
    const missing = findingItems(findings).filter((i) => i.rule === "listening.fact-missing");
    expect(missing.map((i) => i.message)).toHaveLength(3);
    expect(missing.every((i) => i.effects.length === 1)).toBe(true);
  });

  it("keep one item per place when a rule fires on different words", () => {
    const findings = shown("你好，你把你的房号告诉我。");
    const youItems = findingItems(findings).filter((i) => i.rule === "empathy.informal-you");
    expect(youItems.length).toBeGreaterThan(1);
    expect(new Set(youItems.map((i) => i.start)).size).toBe(youItems.length);
  });

});
