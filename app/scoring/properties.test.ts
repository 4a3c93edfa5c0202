import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreReply } from "../../tests/support/scorer";

// Replies built from a mix of lexicon-relevant fragments and arbitrary text, so the rules actually fire.
const fragments = fc.constantFrom(
  "您好",
  "你",
  "抱歉",
  "不知道",
  "不知道您",
  "这不是我们的责任",
  "3栋1202",
  "三栋一二零二",
  "尽快",
  "30分钟内",
  "低压断路器脱扣",
  "配电箱跳闸",
  "理解您着急",
  "？",
  "，",
  "。",
  " ",
  "\u0000",
  "🙂",
  "𠀀",
  "ＡＢＣ",
  "不好意思",
  "把门扒开",
  "請放心",
);
const reply = fc.array(fc.oneof(fragments, fc.string(), fc.string({ unit: "binary", maxLength: 20 })), { maxLength: 30 }).map((parts) => parts.join(""));
const turn = fc.record(
  {
    owner: fc.string(),
    facts: fc.array(fc.array(fc.oneof(fc.constantFrom("3栋1202", "漏水", ""), fc.string()), { minLength: 1, maxLength: 3 }), { maxLength: 4 }),
    ask: fc.array(fc.constantFrom("房号", "联系电话", "被困人数", "未知主题"), { maxLength: 3 }),
    emotion: fc.integer({ min: 0, max: 100 }),
    requiredMoves: fc.array(fc.constantFrom("apologise", "give-time", "no-such-move"), { maxLength: 2 }),
    forbiddenMoves: fc.array(fc.constantFrom("tell-force-doors", "promise-compensation"), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

describe("scoreReply properties", () => {
  it("always gives integer scores in 0–100", () => {
    fc.assert(
      fc.property(reply, turn, (text, t) => {
        const result = scoreReply(text, t);
        for (const score of [result.listening, result.empathy, result.wording]) {
          expect(Number.isInteger(score)).toBe(true);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("always puts spans inside the reply", () => {
    fc.assert(
      fc.property(reply, turn, (text, t) => {
        for (const f of scoreReply(text, t).findings) {
          expect(Number.isInteger(f.start) && Number.isInteger(f.end)).toBe(true);
          expect(0 <= f.start && f.start <= f.end && f.end <= text.length).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("always gives the same output for the same input", () => {
    fc.assert(
      fc.property(reply, turn, (text, t) => {
        expect(scoreReply(text, t)).toEqual(scoreReply(text, structuredClone(t)));
      }),
      { numRuns: 200 },
    );
  });
});
