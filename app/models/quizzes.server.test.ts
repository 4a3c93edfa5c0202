import { afterEach, describe, expect, it } from "vitest";
import { withTempDataDir } from "../../tests/support/data-dir";
import { getBanks } from "~/quiz/banks.server";
import { seededRandom } from "~/quiz/draw";
import { getQuizState, quizRules, startQuiz, submitQuiz } from "./quizzes.server";
import { createUser } from "./users.server";

withTempDataDir();

afterEach(() => {
  delete process.env.QUIZ_PASS_MARK;
  delete process.env.QUIZ_COOLDOWN_MINUTES;
});

async function trainee() {
  const created = await createUser({ username: "quiz01", displayName: "测验", password: "password123", role: "trainee", teamId: "team000001" });
  if (!created.ok) throw new Error("setup");
  return created.user.id;
}

/** Answers a started attempt with `right` questions right and the rest wrong. */
async function answer(userId: string, quiz: "core-process", at: Date, right: number) {
  const started = await startQuiz(userId, quiz, at, seededRandom(3));
  if (!started.ok) throw new Error(started.error);
  const bank = getBanks("zh-CN")[quiz].questions;
  const answers = Object.fromEntries(
    started.attempt.questions.map((d, i) => {
      const q = bank.find((x) => x.id === d.id)!;
      const single = q.type === "single" || q.type === "truefalse" || q.type === "best-reply";
      const wrong = single ? q.options.find((o) => !q.correct.includes(o.id))!.id : [...q.correct].reverse().slice(0, q.type === "order" ? undefined : 1);
      return [`${d.module}/${d.id}`, i < right ? (single ? q.correct[0] : q.correct) : wrong];
    }),
  );
  const submitted = await submitQuiz(userId, started.attempt.id, answers, at);
  if (!submitted.ok) throw new Error(submitted.error);
  return submitted.attempt;
}

describe("quiz rules", () => {
  it("are the settings the drawing, the grading and the cooldown use", async () => {
    process.env.QUIZ_PASS_MARK = "0.75";
    process.env.QUIZ_COOLDOWN_MINUTES = "30";
    expect(quizRules("core-process")).toEqual({ questions: 8, passMark: 0.75, minimumCorrect: 6, cooldownMinutes: 30 });
    expect(quizRules("final")).toMatchObject({ questions: 20, minimumCorrect: 15 });
    const userId = await trainee();
    const at = new Date("2026-03-02T02:00:00Z");
    const failed = await answer(userId, "core-process", at, 5);
    expect(failed.questions).toHaveLength(8);
    expect(failed.result).toMatchObject({ correct: 5, passed: false, passMark: 0.75 });
    const state = await getQuizState(userId, "core-process", at);
    expect(state.cooldownUntil).toBe("2026-03-02T02:30:00.000Z");
    expect(await getQuizState(userId, "core-process", new Date("2026-03-02T02:30:00Z"))).toMatchObject({ cooldownUntil: null });
    const passed = await answer(userId, "core-process", new Date("2026-03-02T02:31:00Z"), 6);
    expect(passed.result).toMatchObject({ correct: 6, passed: true });
  });

  it("count the attempts handed in and keep the best", async () => {
    process.env.QUIZ_COOLDOWN_MINUTES = "0";
    const userId = await trainee();
    expect(await getQuizState(userId, "core-process", new Date("2026-03-02T02:00:00Z"))).toMatchObject({ submittedCount: 0, best: null });
    await answer(userId, "core-process", new Date("2026-03-02T02:00:00Z"), 6);
    const best = await answer(userId, "core-process", new Date("2026-03-02T02:10:00Z"), 7);
    await answer(userId, "core-process", new Date("2026-03-02T02:20:00Z"), 4);
    const state = await getQuizState(userId, "core-process", new Date("2026-03-02T02:30:00Z"));
    expect(state.submittedCount).toBe(3);
    expect(state.best).toEqual({ id: best.id, percent: 88, passed: true });
    expect(state.lastSubmitted?.result?.correct).toBe(4);
  });
});
