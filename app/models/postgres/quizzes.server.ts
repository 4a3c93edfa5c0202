import type pg from "pg";
import { query, transaction } from "~/store/postgres/pool.server";
import type { QuizAnswer, QuizAttemptRow } from "~/store/schema";
import type { QuizAttemptsBackend } from "../store-backends";

interface AttemptRow {
  id: string;
  quiz: string;
  started_at: Date;
  submitted_at: Date | null;
  correct: number | null;
  total: number | null;
  percent: number | null;
  passed: boolean | null;
  pass_mark: number | null;
}

interface QuestionRow {
  attempt_id: string;
  module: string;
  question_id: string;
  version: number | null;
  option_order: string[];
  answer: QuizAnswer | null;
  is_correct: boolean | null;
}

const ATTEMPT_COLUMNS = "id, quiz, started_at, submitted_at, correct, total, percent, passed, pass_mark";
const QUESTION_COLUMNS = "attempt_id, module, question_id, version, option_order, answer, is_correct";
/** Started first, first; attempts started at the same moment in the order they were handed in. */
const ORDER = "ORDER BY started_at, submitted_at NULLS LAST, id";

const keyOf = (q: { module: string; question_id: string }) => `${q.module}/${q.question_id}`;

/** An attempt as lowdb keeps it: the drawn questions in order, the answers by question key once handed in, the grade. */
function toAttemptRow(a: AttemptRow, questions: QuestionRow[]): QuizAttemptRow {
  const submitted = a.submitted_at !== null;
  return {
    id: a.id,
    quiz: a.quiz,
    startedAt: a.started_at.toISOString(),
    submittedAt: a.submitted_at?.toISOString() ?? null,
    questions: questions.map((q) => ({
      module: q.module,
      id: q.question_id,
      ...(q.version === null ? {} : { version: q.version }),
      optionOrder: q.option_order,
    })),
    answers: submitted ? Object.fromEntries(questions.flatMap((q) => (q.answer === null ? [] : [[keyOf(q), q.answer]]))) : null,
    result:
      a.passed === null
        ? null
        : {
            correct: a.correct!,
            total: a.total!,
            percent: a.percent!,
            passed: a.passed,
            passMark: a.pass_mark!,
            perQuestion: questions.map((q) => ({ key: keyOf(q), correct: q.is_correct ?? false })),
          },
  };
}

/** A pooled connection in a transaction, or the pool itself (one statement each). */
type Runner = { query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> };

/** The attempts chosen by `where` (on quiz_attempts, user_id = $1 always among it), each with its questions. */
async function attempts(db: Runner, where: string, values: unknown[], lock = ""): Promise<QuizAttemptRow[]> {
  const { rows } = await db.query<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts WHERE ${where} ${ORDER} ${lock}`, values);
  if (!rows.length) return [];
  const questions = await db.query<QuestionRow>(
    `SELECT ${QUESTION_COLUMNS} FROM quiz_attempt_questions WHERE attempt_id = ANY($1::text[]) ORDER BY attempt_id, position`,
    [rows.map((r) => r.id)],
  );
  const byAttempt = new Map<string, QuestionRow[]>();
  for (const q of questions.rows) byAttempt.set(q.attempt_id, [...(byAttempt.get(q.attempt_id) ?? []), q]);
  return rows.map((a) => toAttemptRow(a, byAttempt.get(a.id) ?? []));
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * Quiz attempts in PostgreSQL: quiz_attempts, one row per attempt (the grade in columns), and quiz_attempt_questions,
 * one row per drawn question (its answer once handed in). A trainee has at most one attempt of a quiz open (a
 * partial unique index), and an attempt is handed in once: its row is locked while it is graded and recorded, and
 * the record is written only where it is still not handed in.
 */
export const postgresQuizAttempts: QuizAttemptsBackend = {
  ofQuiz: (userId, quiz) => attempts({ query }, "user_id = $1 AND quiz = $2", [userId, quiz]),
  async get(userId, attemptId) {
    return (await attempts({ query }, "user_id = $1 AND id = $2", [userId, attemptId]))[0] ?? null;
  },
  async start(userId, attempt) {
    for (;;) {
      const stored = await transaction(async (client) => {
        const inserted = await client.query(
          `INSERT INTO quiz_attempts (id, user_id, quiz, started_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id, quiz) WHERE submitted_at IS NULL DO NOTHING`,
          [attempt.id, userId, attempt.quiz, attempt.startedAt],
        );
        if (inserted.rowCount === 1) {
          await client.query(
            `INSERT INTO quiz_attempt_questions (attempt_id, position, module, question_id, version, option_order)
             SELECT $1, q.n::int - 1, q.e ->> 'module', q.e ->> 'id', (q.e ->> 'version')::int,
                    ARRAY(SELECT o.id FROM jsonb_array_elements_text(q.e -> 'option_order') WITH ORDINALITY AS o (id, n) ORDER BY o.n)
             FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS q (e, n)`,
            [
              attempt.id,
              JSON.stringify(attempt.questions.map((q) => ({ module: q.module, id: q.id, version: q.version ?? null, option_order: q.optionOrder }))),
            ],
          );
          return structuredClone(attempt);
        }
        // The attempt open already (a start sent twice): the one the first start made, committed before this saw it.
        return (await attempts(client, "user_id = $1 AND quiz = $2 AND submitted_at IS NULL", [userId, attempt.quiz]))[0] ?? null;
      });
      // Null only if the open attempt was handed in between the two statements: this start may draw after all.
      if (stored) return stored;
    }
  },
  submit: (userId, attemptId, grade) =>
    transaction(async (client) => {
      // The attempt's row is locked until this commits: a second hand-in (on any server) waits, then finds it handed in.
      const attempt = (await attempts(client, "user_id = $1 AND id = $2", [userId, attemptId], "FOR UPDATE"))[0] ?? null;
      const { record, result } = grade(attempt);
      if (!attempt || !record) return result;
      const { submittedAt, answers, result: r } = record;
      const updated = await client.query(
        `UPDATE quiz_attempts SET submitted_at = $3, correct = $4, total = $5, percent = $6, passed = $7, pass_mark = $8
         WHERE user_id = $1 AND id = $2 AND submitted_at IS NULL`,
        [userId, attemptId, submittedAt, r.correct, r.total, r.percent, r.passed, r.passMark],
      );
      if (updated.rowCount !== 1) throw new Error(`quiz attempt ${attemptId} was handed in meanwhile`);
      const correct = new Map(r.perQuestion.map((p) => [p.key, p.correct]));
      const keys = attempt.questions.map((q) => `${q.module}/${q.id}`);
      await client.query(
        `UPDATE quiz_attempt_questions q SET answer = given.answer, is_correct = given.is_correct
         FROM unnest($2::int[], $3::jsonb[], $4::boolean[]) AS given (position, answer, is_correct)
         WHERE q.attempt_id = $1 AND q.position = given.position`,
        [attemptId, keys.map((_, i) => i), keys.map((k) => json(answers[k])), keys.map((k) => correct.get(k) ?? false)],
      );
      return result;
    }),
  async passes(userId) {
    const { rows } = await query<{ quiz: string; submitted_at: Date }>(
      `SELECT quiz, submitted_at FROM quiz_attempts WHERE user_id = $1 AND passed AND submitted_at IS NOT NULL ${ORDER}`,
      [userId],
    );
    return rows.map((r) => ({ quiz: r.quiz, at: r.submitted_at.toISOString() }));
  },
};
