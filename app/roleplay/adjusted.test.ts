import { describe, expect, it } from "vitest";
import { standingOf } from "./adjusted";

const judged = {
  passed: true,
  outcome: "resolved" as const,
  critical: [],
  scores: { listening: 82, empathy: 75, wording: 71 },
  passMarks: { listening: 70, empathy: 70, wording: 70 },
};
const change = (dimension: "listening" | "empathy" | "wording", to: number, at: string) => ({ dimension, to, at });

describe("an attempt's standing", () => {
  it("is the engine's verdict and scores while no trainer has changed a score", () => {
    expect(standingOf(judged, [])).toEqual({ scores: judged.scores, passed: true, adjusted: false });
    expect(standingOf({ ...judged, passed: false }, []).passed).toBe(false);
  });

  it("applies the pass rule to the changed scores, the latest change of a dimension counting", () => {
    const lowered = standingOf(judged, [change("wording", 60, "2026-11-02T10:00:00Z")]);
    expect(lowered).toEqual({ scores: { listening: 82, empathy: 75, wording: 60 }, passed: false, adjusted: true });
    // Recorded out of order: the later change wins.
    const raisedAgain = standingOf(judged, [change("wording", 72, "2026-11-03T10:00:00Z"), change("wording", 60, "2026-11-02T10:00:00Z")]);
    expect(raisedAgain).toMatchObject({ scores: { wording: 72 }, passed: true });
  });

  it("judges by the attempt's own pass marks, 70 each for attempts judged before they were kept", () => {
    const strict = { ...judged, passMarks: { listening: 80, empathy: 70, wording: 70 } };
    expect(standingOf(strict, [change("listening", 78, "2026-11-02T10:00:00Z")]).passed).toBe(false);
    const { passMarks: _, ...older } = judged;
    expect(standingOf(older, [change("listening", 78, "2026-11-02T10:00:00Z")]).passed).toBe(true);
  });

  it("never passes a call that was not resolved or had a critical error, whatever the scores", () => {
    const highs = [change("listening", 95, "2026-11-02T10:00:00Z")];
    expect(standingOf({ ...judged, passed: false, outcome: "escalated" }, highs).passed).toBe(false);
    expect(standingOf({ ...judged, passed: false, critical: [{ move: "promise-compensation", turn: null, reason: { zh: "", en: "" } }] }, highs).passed).toBe(
      false,
    );
  });
});
