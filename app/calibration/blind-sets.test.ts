import { describe, expect, it } from "vitest";
import { readLexicon } from "~/scoring/lexicon-files.server";
import { DIMENSIONS } from "~/scoring/types";
import { readCallDisagreements } from "./blind-calls";
import { readBlindReplies, readSecondOpinions } from "./blind-replies";
import { computeFigures } from "./figures";

/**
 * The line the scorer holds on the blind sets (written and labelled by people who never saw the rules). The
 * held-out half is only ever reported: these floors are what it reached when the recogniser was last changed,
 * so a change that makes the scorer agree less with trainers fails here. Targets (issue 16) are higher:
 * `npm run calibration` prints both.
 */
const figures = computeFigures(readLexicon());

const disagreements = readCallDisagreements();

describe("the blind sets", () => {
  it("are big enough and split by situation: nothing held out is tuned on", () => {
    expect(figures.replies.tune.count + figures.replies.heldout.count).toBeGreaterThanOrEqual(600);
  });

  it("have a second trainer's labels of every held-out reply and of nothing else (what a trainer reaches is read from them)", () => {
    const heldout = new Set(readBlindReplies("heldout").map((r) => r.id));
    const second = readSecondOpinions();
    expect(second.filter((s) => !heldout.has(s.id))).toEqual([]);
    expect(new Set(second.map((s) => s.id)).size).toBe(heldout.size);
  });

  it.each([
    ["k14", 54, 5],
    ["k15", 41, 2],
  ] as const)(
    "held-out critical errors, round %s: the scorer flags at least %i, and false alarms no more than %i, as when last tuned",
    (round, flagged, falseAlarms) => {
      const figuresOfRound = figures.criticals.heldout.rounds[round];
      expect(figuresOfRound.critical + figuresOfRound.safe).toBeGreaterThanOrEqual(140);
      expect(figuresOfRound.flagged).toBeGreaterThanOrEqual(flagged);
      expect(figuresOfRound.falseAlarms).toBeLessThanOrEqual(falseAlarms);
    },
  );

  it.each(DIMENSIONS)("held-out replies: %s agrees with trainers at least as well as when last tuned", (d) => {
    expect(figures.replies.heldout.byDimension[d].spearman).toBeGreaterThanOrEqual(0.78);
    expect(figures.replies.heldout.byDimension[d].sameBand).toBeGreaterThanOrEqual(0.71);
  });

  it("passes the expert calls trainers passed, and fails every expert or poor call trainers failed (tuned half)", () => {
    // The verdict is the blind labeller's, not the writer's intent: an "expert" call that disclosed a neighbour's
    // illness was failed by the trainer and must fail here. "Decent" calls sit near the line by design. The held-out
    // half is only reported (`npm run calibration`): a round is held out from the day it is written, and its
    // disagreements are what the next change is measured by, not tuned away.
    for (const r of figures.calls.tune.replayed) {
      if (!r.result) continue;
      const where = `${r.call.id} ${r.call.scenario}: ${r.result.ending}, ${JSON.stringify(r.result.scores)} ${r.result.critical.map((c) => c.move).join(",")}`;
      if (r.call.writer === "decent" || disagreements[r.call.id]) continue;
      expect(r.result.passed, where).toBe(r.call.verdict === "pass");
    }
  });

  it("finds most acts in clauses written by people who never saw the patterns, with few false alarms", () => {
    const { heldout } = figures.clauses;
    expect(heldout.found / heldout.positives).toBeGreaterThanOrEqual(0.57);
    expect(heldout.falseAlarms / heldout.nearMisses).toBeLessThanOrEqual(0.22);
  });

  it("writes down only disagreements that still disagree", () => {
    const replayed = [...figures.calls.tune.replayed, ...figures.calls.heldout.replayed];
    for (const id of Object.keys(disagreements)) {
      const r = replayed.find((x) => x.call.id === id);
      expect(r, `${id} is not in the blind calls`).toBeDefined();
      if (r?.result) expect(r.result.passed === (r.call.verdict === "pass"), `${id} now agrees: remove it from call-disagreements.json`).toBe(false);
    }
  });
});
