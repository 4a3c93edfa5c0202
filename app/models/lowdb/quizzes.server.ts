import { quizAttemptsFile } from "~/store/db.server";
import type { QuizAttemptsBackend } from "../store-backends";

/** Quiz attempts in lowdb: quizzes/<userId>.json, one file per trainee, changed in synchronous updates. */
export const lowdbQuizAttempts: QuizAttemptsBackend = {
  async ofQuiz(userId, quiz) {
    return structuredClone((await quizAttemptsFile(userId)).data.quizAttempts.filter((a) => a.quiz === quiz));
  },
  async get(userId, attemptId) {
    const attempt = (await quizAttemptsFile(userId)).data.quizAttempts.find((a) => a.id === attemptId);
    return attempt ? structuredClone(attempt) : null;
  },
  async start(userId, attempt) {
    const file = await quizAttemptsFile(userId);
    return file.update((data) => {
      // A double-clicked start finds the attempt the first click made.
      const existing = data.quizAttempts.find((a) => a.quiz === attempt.quiz && !a.submittedAt);
      if (existing) return structuredClone(existing);
      data.quizAttempts.push(attempt);
      return structuredClone(attempt);
    });
  },
  async submit(userId, attemptId, grade) {
    const file = await quizAttemptsFile(userId);
    return file.update((data) => {
      const attempt = data.quizAttempts.find((a) => a.id === attemptId) ?? null;
      const { record, result } = grade(attempt && structuredClone(attempt));
      if (attempt && record) Object.assign(attempt, record);
      return result;
    });
  },
  async passes(userId) {
    return (await quizAttemptsFile(userId)).data.quizAttempts
      .filter((a) => a.result?.passed && a.submittedAt)
      .map((a) => ({ quiz: a.quiz, at: a.submittedAt! }));
  },
};
