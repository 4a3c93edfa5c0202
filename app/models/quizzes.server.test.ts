import { afterEach, describe, expect, it } from "vitest";
import { STORES, useStore } from "../../tests/support/stores";
import { getBanks } from "~/quiz/banks.server";
import { seededRandom } from "~/quiz/draw";
import { quizAttemptsStore } from "./quiz-attempts-store.server";
import { findQuizAttemptOwner, getQuizAttempt, getQuizState, quizRules, startQuiz, submitQuiz } from "./quizzes.server";
import { createTeam } from "./teams.server";
import { createUser } from "./users.server";

afterEach(() => {
  delete process.env.QUIZ_PASS_MARK;
  delete process.env.QUIZ_COOLDOWN_MINUTES;
});

async function trainee() {
  const team = await createTeam("阳光花园");
  if (!team.ok) throw new Error("setup");
  const created = await createUser({ username: "quiz01", displayName: "测验", password: "password123", role: "trainee", teamId: team.team.id });
  if (!created.ok) throw new Error("setup");
  return created.user.id;
}

/** Answers to a started attempt with `right` questions right and the rest wrong. */
function answersTo(attempt: { questions: Array<{ module: string; id: string }> }, quiz: "core-process", right: number) {
  const bank = getBanks("zh-CN")[quiz].questions;
  return Object.fromEntries(
    attempt.questions.map((d, i) => {
      const q = bank.find((x) => x.id === d.id)!;
      const single = q.type === "single" || q.type === "truefalse" || q.type === "best-reply";
      const wrong = single ? q.options.find((o) => !q.correct.includes(o.id))!.id : [...q.correct].reverse().slice(0, q.type === "order" ? undefined : 1);
      return [`${d.module}/${d.id}`, i < right ? (single ? q.correct[0] : q.correct) : wrong];
    }),
  );
}

/** Answers a started attempt with `right` questions right and the rest wrong. */
async function answer(userId: string, quiz: "core-process", at: Date, right: number) {
  const started = await startQuiz(userId, quiz, at, seededRandom(3));
  if (!started.ok) throw new Error(started.error);
  const submitted = await submitQuiz(userId, started.attempt.id, answersTo(started.attempt, quiz, right), at);
  if (!submitted.ok) throw new Error(submitted.error);
  return submitted.attempt;
}

describe.each(STORES)("quiz rules (%s)", (store) => {
  useStore(store);

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

describe.each(STORES)("quiz attempts (%s)", (store) => {
  useStore(store);
  const at = new Date("2026-03-02T02:00:00Z");

  it("keep what was drawn, answered and graded, as it was handed in", async () => {
    // Arrange
    const userId = await trainee();
    const started = await startQuiz(userId, "core-process", at, seededRandom(5));
    if (!started.ok) throw new Error(started.error);
    // Act
    const submitted = await submitQuiz(userId, started.attempt.id, answersTo(started.attempt, "core-process", 7), new Date(at.getTime() + 60_000));
    if (!submitted.ok) throw new Error(submitted.error);
    // Assert
    expect(await getQuizAttempt(userId, started.attempt.id)).toEqual(submitted.attempt);
    expect(submitted.attempt.questions).toEqual(started.attempt.questions);
    expect(submitted.attempt.result!.perQuestion.map((p) => p.correct)).toEqual([true, true, true, true, true, true, true, false]);
    expect(await findQuizAttemptOwner(started.attempt.id)).toEqual({ userId, quiz: "core-process" });
    expect(await getQuizAttempt(userId, `${userId}.nosuchattempt`)).toBeNull();
    expect(await quizAttemptsStore().passes(userId)).toEqual([{ quiz: "core-process", at: "2026-03-02T02:01:00.000Z" }]);
  });

  it("start once when a start is sent twice at once", async () => {
    const userId = await trainee();
    const [first, second] = await Promise.all([startQuiz(userId, "core-process", at, seededRandom(1)), startQuiz(userId, "core-process", at, seededRandom(2))]);
    if (!first.ok || !second.ok) throw new Error("not started");
    expect(second.attempt).toEqual(first.attempt);
    expect((await quizAttemptsStore().ofQuiz(userId, "core-process")).map((a) => a.id)).toEqual([first.attempt.id]);
  });

  it("grade and record an attempt handed in twice at once (two servers) once", async () => {
    // Arrange
    const userId = await trainee();
    const started = await startQuiz(userId, "core-process", at, seededRandom(3));
    if (!started.ok) throw new Error(started.error);
    const later = new Date(at.getTime() + 60_000);
    // Act: one hand-in with every answer right, one with none.
    const results = await Promise.all([
      submitQuiz(userId, started.attempt.id, answersTo(started.attempt, "core-process", 8), later),
      submitQuiz(userId, started.attempt.id, answersTo(started.attempt, "core-process", 0), later),
    ]);
    // Assert: one was graded and recorded; the other was told it was handed in already.
    const graded = results.filter((r) => r.ok);
    expect(graded).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "already-submitted" }]);
    const stored = await getQuizAttempt(userId, started.attempt.id);
    expect(stored).toEqual(graded[0].ok && graded[0].attempt);
    expect(await getQuizState(userId, "core-process", later)).toMatchObject({ submittedCount: 1 });
  });

  it("refuse a hand-in with answers missing, recording nothing", async () => {
    const userId = await trainee();
    const started = await startQuiz(userId, "core-process", at, seededRandom(3));
    if (!started.ok) throw new Error(started.error);
    const answers = answersTo(started.attempt, "core-process", 8);
    const first = Object.keys(answers)[0];
    delete answers[first];
    expect(await submitQuiz(userId, started.attempt.id, answers, at)).toEqual({ ok: false, error: "missing", keys: [first] });
    expect(await getQuizAttempt(userId, started.attempt.id)).toEqual(started.attempt);
    expect(await submitQuiz(userId, `${userId}.nosuchattempt`, answers, at)).toEqual({ ok: false, error: "not-found" });
  });
});
