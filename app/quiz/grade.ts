import type { Question } from "./bank";

/** Grading, one pure function per question type, decided on the server. */

export type AnswerValue = string | string[];

export function isCorrect(question: Pick<Question, "type" | "correct">, answer: AnswerValue | undefined): boolean {
  if (answer === undefined) return false;
  switch (question.type) {
    case "single":
    case "truefalse":
    case "best-reply":
      return typeof answer === "string" && answer === question.correct[0];
    case "multiple": {
      if (!Array.isArray(answer)) return false;
      const chosen = [...new Set(answer)].sort();
      return chosen.length === question.correct.length && chosen.every((id, i) => id === [...question.correct].sort()[i]);
    }
    case "order":
      return Array.isArray(answer) && answer.length === question.correct.length && answer.every((id, i) => id === question.correct[i]);
  }
}

export interface QuizGrade {
  correct: number;
  total: number;
  /** 0–100, rounded. */
  percent: number;
  passed: boolean;
  perQuestion: Array<{ id: string; correct: boolean }>;
}

/** The fewest right answers out of `total` that pass: the pass rule, stated once for grading and for the pages. */
export function minimumCorrect(total: number, passMark: number): number {
  return Math.max(0, Math.ceil(total * passMark - 1e-9));
}

export function gradeQuiz(
  questions: ReadonlyArray<Pick<Question, "id" | "type" | "correct">>,
  answers: Record<string, AnswerValue>,
  passMark: number,
): QuizGrade {
  const perQuestion = questions.map((q) => ({ id: q.id, correct: isCorrect(q, answers[q.id]) }));
  const correct = perQuestion.filter((p) => p.correct).length;
  const total = questions.length;
  return { correct, total, percent: Math.round((100 * correct) / total), passed: correct >= minimumCorrect(total, passMark), perQuestion };
}
