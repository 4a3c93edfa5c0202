import { describe, expect, it } from "vitest";
import { readAllScenarios } from "~/roleplay/scenario-files.server";
import { readLexicon } from "~/scoring/lexicon-files.server";
import { createReplyScorer } from "~/scoring/score-reply";
import { readBlindReplies } from "./blind-replies";
import { fitPoints, labelTarget } from "./fit";
import { readCalibration } from "./labelled-sets";

describe("fitting the points to trainers' labels", () => {
  const lexicon = readLexicon();
  const input = {
    lexicon,
    score: createReplyScorer(lexicon, { keepSilent: true }),
    scripts: new Map(readAllScenarios().map((s) => [s.id, s])),
    blind: readBlindReplies("tune").slice(0, 120),
    labelled: readCalibration().replies.slice(0, 60),
  };

  it("gives the same points from the same labels, each within its sign", () => {
    const first = fitPoints(input, 0.002, 20);
    const second = fitPoints(input, 0.002, 20);
    expect([...second.theta]).toEqual([...first.theta]);
    for (const [id, value] of first.theta) {
      const { sign } = first.params.get(id)!;
      expect(sign > 0 ? value >= 0 : value <= 0, id).toBe(true);
    }
  });

  it("reads a 1–5 label on the score's scale: 3 is the middle band, 4 and 5 the top one", () => {
    expect(labelTarget(1)).toBe(0);
    expect(labelTarget(3)).toBeGreaterThanOrEqual(45);
    expect(labelTarget(3)).toBeLessThan(75);
    expect(labelTarget(4)).toBeGreaterThanOrEqual(75);
    expect(labelTarget(2.5)).toBeLessThanOrEqual(45);
  });
});
