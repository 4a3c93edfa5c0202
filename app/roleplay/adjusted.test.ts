import { describe, expect, it } from "vitest";
import { standingOf } from "./adjusted";

const judged = {
  outcome: "resolved" as const,
  endingSummary: { zh: "业主满意地挂了电话。", en: "The owner rang off satisfied." },
  critical: [],
  scores: { listening: 82, empathy: 75, wording: 71 },
  passMarks: { listening: 70, empathy: 70, wording: 70 },
};
const change = (dimension: "listening" | "empathy" | "wording", to: number, at: string) => ({ dimension, to, at });

describe("an attempt's standing", () => {
  it("is the engine's verdict and scores while no trainer has changed a score", () => {
    expect(standingOf(judged, [])).toMatchObject({ scores: judged.scores, passed: true, adjusted: false, passMarks: judged.passMarks });
    expect(standingOf({ ...judged, scores: { ...judged.scores, empathy: 40 } }, []).passed).toBe(false);
  });

  it("applies the pass rule to the changed scores, the latest change of a dimension counting", () => {
    const lowered = standingOf(judged, [change("wording", 60, "2026-11-02T10:00:00Z")]);
    expect(lowered).toMatchObject({ scores: { listening: 82, empathy: 75, wording: 60 }, passed: false, adjusted: true });
    // Recorded out of order: the later change wins.
    const raisedAgain = standingOf(judged, [change("wording", 72, "2026-11-03T10:00:00Z"), change("wording", 60, "2026-11-02T10:00:00Z")]);
    expect(raisedAgain).toMatchObject({ scores: { wording: 72 }, passed: true });
  });

  it("gives the reasons of the changed scores, not the engine's", () => {
    const weak = { ...judged, scores: { listening: 31, empathy: 40, wording: 71 } };
    expect(standingOf(weak, []).reasons.map((r) => r.zh)).toEqual(["倾听 31 分，低于通过线 70 分。", "共情 40 分，低于通过线 70 分。"]);
    const raised = standingOf(weak, [change("listening", 75, "2026-11-02T10:00:00Z"), change("empathy", 75, "2026-11-02T10:01:00Z")]);
    expect(raised.passed).toBe(true);
    expect(raised.reasons.map((r) => r.zh)).toEqual(["问题得到妥善处理，三项得分均达到通过线，且没有严重错误。"]);
    const lowered = standingOf(judged, [change("empathy", 50, "2026-11-02T10:00:00Z")]);
    expect(lowered.reasons.map((r) => r.en)).toEqual(["Empathy 50, below the pass mark of 70."]);
  });

  it("names a critical error made at several turns once", () => {
    const reason = { zh: "给被困人员出了危险的主意。", en: "Unsafe advice to the trapped." };
    const twice = { ...judged, critical: [1, 2].map((n) => ({ move: "act:unsafe-advice", turn: `t${n}`, reason })) };
    expect(standingOf(twice, []).reasons.map((r) => r.zh)).toEqual(["严重错误：给被困人员出了危险的主意。"]);
  });

  it("judges by the attempt's own pass marks, 70 each for attempts judged before they were kept", () => {
    const strict = { ...judged, passMarks: { listening: 80, empathy: 70, wording: 70 } };
    expect(standingOf(strict, [change("listening", 78, "2026-11-02T10:00:00Z")]).passed).toBe(false);
    const { passMarks: _, ...older } = judged;
    expect(standingOf(older, [change("listening", 78, "2026-11-02T10:00:00Z")])).toMatchObject({
      passed: true,
      passMarks: { listening: 70, empathy: 70, wording: 70 },
    });
  });

  it("never passes a call that was not resolved or had a critical error, whatever the scores, and says why", () => {
    const highs = [change("listening", 95, "2026-11-02T10:00:00Z")];
    const escalated = standingOf({ ...judged, outcome: "escalated" }, highs);
    expect(escalated.passed).toBe(false);
    // The ending's own summary is shown above the reasons; the reason names the outcome, once.
    expect(escalated.reasons.map((r) => r.zh)).toEqual(["结局是投诉升级：只有问题得到妥善处理的通话才算通过。"]);
    const critical = standingOf(
      { ...judged, critical: [{ move: "promise-compensation", turn: null, reason: { zh: "承诺赔偿", en: "Promised compensation" } }] },
      highs,
    );
    expect(critical.passed).toBe(false);
    expect(critical.reasons.map((r) => r.en)).toEqual(["Critical error: Promised compensation"]);
  });
});
