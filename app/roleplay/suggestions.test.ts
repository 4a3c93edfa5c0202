import { describe, expect, it } from "vitest";
import { readAllScenarios } from "./scenario-files.server";
import { isCounterExample, sortSuggestions } from "./suggestions";

const scenarios = readAllScenarios();
const total = (s: { scores: { listening: number; empathy: number; wording: number } }) => s.scores.listening + s.scores.empathy + s.scores.wording;

describe("suggested replies", () => {
  it("tell the angry owner's counter-examples from the replies to use", () => {
    const script = scenarios.find((s) => s.id === "angry-owner")!;
    const opening = script.turns[script.start];
    const { usable, counterExamples } = sortSuggestions(opening, script.pass);
    expect(usable.map((s) => s.suggestion.text)).toContain(
      "刘女士您好，真是抱歉，同一个问题让您报了三次，换谁都会生气。我跟您确认一下：是3栋1202卫生间天花板又漏水了，对吗？",
    );
    expect(counterExamples.map((s) => s.suggestion.text)).toContain("好的，我给您登记一下，我们尽快安排师傅。");
  });

  it("weigh the scores as the step does: a safety instruction with little sympathy is still a reply to use", () => {
    const turn = { assess: { listening: 1, empathy: 0.2, wording: 1.4 } };
    const pass = { listening: 70, empathy: 70, wording: 70 };
    const suggestion = { text: "先别开门", moves: [], feedback: { zh: "", en: "" } };
    expect(isCounterExample({ ...suggestion, scores: { listening: 82, empathy: 55, wording: 92 } }, turn, pass)).toBe(false);
    expect(isCounterExample({ ...suggestion, scores: { listening: 45, empathy: 35, wording: 60 } }, turn, pass)).toBe(true);
    expect(
      isCounterExample(
        { ...suggestion, scores: { listening: 82, empathy: 55, wording: 92 } },
        { assess: { listening: 1, empathy: 1, wording: 1 } },
        { ...pass, empathy: 90 },
      ),
    ).toBe(true);
  });

  for (const script of scenarios) {
    it(`${script.id}: every turn with suggestions keeps one to use, and its best one is among them`, () => {
      for (const [name, turn] of Object.entries(script.turns)) {
        if (!turn.suggestions.length) continue;
        const { usable, counterExamples } = sortSuggestions(turn, script.pass);
        expect(usable.length, name).toBeGreaterThan(0);
        expect(usable.length + counterExamples.length, name).toBe(turn.suggestions.length);
        const best = Math.max(...turn.suggestions.map(total));
        expect(
          usable.some((s) => total(s.suggestion) === best),
          name,
        ).toBe(true);
        // Every counter-example scores below every reply to use: the line between them is not a matter of a point.
        for (const bad of counterExamples) for (const good of usable) expect(total(bad.suggestion), name).toBeLessThan(total(good.suggestion));
      }
    });
  }
});
