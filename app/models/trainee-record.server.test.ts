import path from "node:path";
import { describe, expect, it } from "vitest";
import { getBanks } from "~/quiz/banks.server";
import { seededRandom } from "~/quiz/draw";
import { readScenarioFile } from "~/roleplay/scenario-files.server";
import type { QuizAnswer } from "~/store/schema";
import { finishRudely, testTrainer as trainer, useAttemptStore } from "../../tests/support/roleplay-attempts";
import { STORES } from "../../tests/support/stores";
import { teamWithTrainees } from "../../tests/support/teams";
import { getCourseware } from "~/courseware/courseware.server";
import { createAssignment } from "./assignments.server";
import { startQuiz, submitQuiz } from "./quizzes.server";
import { addComment } from "./review.server";
import { traineeRecord } from "./trainee-record.server";
import { getUserById } from "./users.server";

const script = readScenarioFile(path.resolve("scenarios/angry-owner.yaml"));
const day = (d: number) => new Date(`2026-11-${String(d).padStart(2, "0")}T09:00:00Z`);

/** Takes a quiz answering every question with an option that is not the key (an order question in the order drawn). */
async function failQuiz(userId: string, quiz: "service-overview", at: Date) {
  const started = await startQuiz(userId, quiz, at, seededRandom(3));
  if (!started.ok) throw new Error("quiz");
  const banks = getBanks("zh-CN");
  const answers: Record<string, QuizAnswer> = {};
  for (const d of started.attempt.questions) {
    const q = banks[d.module as keyof typeof banks].questions.find((x) => x.id === d.id)!;
    const wrong = d.optionOrder.find((id) => !q.correct.includes(id)) ?? d.optionOrder[0];
    answers[`${d.module}/${d.id}`] = q.type === "order" ? [...d.optionOrder] : q.type === "multiple" ? [wrong] : wrong;
  }
  const submitted = await submitQuiz(userId, started.attempt.id, answers, at);
  if (!submitted.ok) throw new Error(submitted.error);
}

describe.each(STORES)("a trainee's record (%s)", (store) => {
  // On PostgreSQL the trainer who comments and assigns is stored first (foreign keys).
  useAttemptStore(store);

  it("names quizzes by title, lists every module's reading, the calls, the tasks with their state and the coaching; nothing where nothing is", async () => {
    const { teamId, ids } = await teamWithTrainees("李晓雨");
    const [id] = ids;
    const empty = await traineeRecord((await getUserById(id))!, "zh-CN", day(1));
    expect(empty).toMatchObject({ certificates: [], quizzes: [], attempts: [], assignments: [], coaching: [] });
    expect(empty.reading.map((r) => r.state)).toEqual(Array(6).fill("not-started"));

    await failQuiz(id, "service-overview", day(2));
    const call = await finishRudely(id, script, "practice", day(3));
    await addComment(id, call, 1, "先道歉。", trainer, day(4));
    // Practised before the task was set: done all the same.
    await createAssignment(
      { kind: "scenario", target: "angry-owner", mode: "practice", audience: { type: "team", teamId }, dueAt: day(20).toISOString(), note: "" },
      trainer,
      day(5),
    );
    await createAssignment(
      { kind: "module", target: "core-process", mode: null, audience: { type: "trainee", userId: id }, dueAt: day(6).toISOString(), note: "" },
      trainer,
      day(5),
    );

    const record = await traineeRecord((await getUserById(id))!, "en", day(10));
    const title = getCourseware("en").find((mod) => mod.slug === "service-overview")!.title;
    expect(record.quizzes).toEqual([expect.objectContaining({ quiz: "service-overview", title, passed: false })]);
    expect(record.attempts.map((a) => a.attemptId)).toEqual([call]);
    expect(record.assignments.map((a) => [a.kind, a.state])).toEqual([
      ["module", "overdue"],
      ["scenario", "done"],
    ]);
    expect(record.coaching).toEqual([expect.objectContaining({ kind: "comment", text: "先道歉。", attemptId: call })]);
    expect(record.certification).toEqual({ state: "in-progress", expiresAt: null, done: 0, total: 15 });
  });
});
