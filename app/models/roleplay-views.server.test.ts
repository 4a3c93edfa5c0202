import path from "node:path";
import { describe, expect, it } from "vitest";
import { readScenarioFile } from "~/roleplay/scenario-files.server";
import { STORES } from "../../tests/support/stores";
import { startAttempt } from "./roleplay.server";
import { finishRudely, testTrainer as trainer, useAttemptStore } from "../../tests/support/roleplay-attempts";
import { bestAttempt, listScenariosFor, playView, scenarioHistory } from "./roleplay-views.server";
import { adjustScore } from "./review.server";

const script = readScenarioFile(path.resolve("scenarios/angry-owner.yaml"));

describe.each(STORES)("role-play views (%s)", (store) => {
  useAttemptStore(store, { trainees: ["trainee0101", "trainee0102", "trainee0103", "trainee0104"] });

  describe("a trainee's history of a scenario", () => {
    it("lists each finished call newest first, with a trainer's changes and comments counted", async () => {
      const first = await finishRudely("trainee0101", script, "practice", new Date("2026-11-20T09:00:00Z"));
      const second = await finishRudely("trainee0101", script, "assessment", new Date("2026-11-21T09:00:00Z"));
      await startAttempt("trainee0101", script, "practice", new Date("2026-11-22T09:00:00Z")); // in progress: not listed
      expect(await adjustScore("trainee0101", second, "empathy", 90, "复核录音后调整", trainer, new Date("2026-11-23T09:00:00Z"))).toMatchObject({ ok: true });

      const history = await scenarioHistory("trainee0101", "angry-owner");
      expect(history.map((h) => h.attemptId)).toEqual([second, first]);
      expect(history[0]).toMatchObject({ mode: "assessment", adjusted: true, passed: false, scores: { empathy: 90 }, comments: 0 });
      expect(history[1]).toMatchObject({ mode: "practice", adjusted: false, passed: false });
      expect(await scenarioHistory("trainee0101", "lift-entrapment")).toEqual([]);
      expect(await scenarioHistory("trainee0102", "angry-owner")).toEqual([]);

      // The scenario list shows the changed scores too.
      const listed = (await listScenariosFor("trainee0101", "zh-CN")).find((s) => s.id === "angry-owner")!;
      expect(listed.finishedCount).toBe(2);
      expect(listed.best?.scores.empathy).toBe(90);
    });
  });

  describe("the best attempt", () => {
    const attempt = (mode: "practice" | "assessment", passed: boolean, total: number) => ({
      mode,
      standing: { passed, adjusted: false, scores: { listening: total / 3, empathy: total / 3, wording: total / 3 } },
    });

    it("is a passed assessment before a passed practice, and either before a higher failed score", () => {
      const failedHigh = attempt("assessment", false, 270);
      const passedPractice = attempt("practice", true, 240);
      const passedAssessment = attempt("assessment", true, 213);
      expect(bestAttempt([failedHigh, passedPractice, passedAssessment])).toBe(passedAssessment);
      expect(bestAttempt([failedHigh, passedPractice])).toBe(passedPractice);
      expect(bestAttempt([attempt("practice", false, 150), failedHigh])).toBe(failedHigh);
      expect(bestAttempt([])).toBeNull();
    });
  });

  describe("the play page's suggested replies", () => {
    it("in practice: replies to use, and the counter-examples apart with why, never their scores", async () => {
      const attempt = await startAttempt("trainee0103", script, "practice", new Date("2026-11-20T09:00:00Z"));
      const { current } = playView(attempt, script, "zh-CN");
      const authored = script.turns[script.start].suggestions;
      expect(current!.suggestions.map((s) => s.text)).toEqual([authored[0].text]);
      expect(current!.counterExamples.map((s) => s.text)).toEqual(authored.slice(1).map((s) => s.text));
      expect(current!.counterExamples[0].why).toBe(authored[1].feedback.zh);
      expect(JSON.stringify(current)).not.toContain("scores");
      expect(JSON.stringify(current)).not.toContain(authored[0].feedback.zh);
    });

    it("in assessment: none of them, as before", async () => {
      const attempt = await startAttempt("trainee0104", script, "assessment", new Date("2026-11-20T09:00:00Z"));
      const { current } = playView(attempt, script, "zh-CN");
      expect(current).toMatchObject({ hint: null, suggestions: [], counterExamples: [] });
    });
  });
});
