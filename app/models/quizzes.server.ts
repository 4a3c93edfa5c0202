import { randomInt } from "node:crypto";
import { MODULE_SLUGS, type ModuleSlug } from "~/courseware/modules";
import { renderMarkdown } from "~/courseware/markdown.server";
import type { Lang } from "~/i18n/lang";
import type { Question } from "~/quiz/bank";
import { getBanks } from "~/quiz/banks.server";
import { ORG_QUESTION_ID } from "~/quiz/authoring";
import { getCourseware } from "~/courseware/courseware.server";
import { drawableOrgQuestions, orgQuestionLookup } from "./quiz-authoring.server";
import { drawAcrossBanks, drawWeighted, shuffle, type Random } from "~/quiz/draw";
import { gradeQuiz, minimumCorrect } from "~/quiz/grade";
import { settings } from "~/config.server";
import { quizAttemptsStore } from "./quiz-attempts-store.server";
import type { QuizSubmission } from "./store-backends";
import { newAttemptId, ownerIdOf } from "./roleplay.server";
import { userExists } from "./users.server";
import type { QuizAnswer, QuizAttemptRow } from "~/store/schema";
import { issueCertificateIfEligible } from "./certificates.server";
import { FINAL_EXAM } from "~/quiz/ids";

export { FINAL_EXAM };
export const MODULE_QUIZ_SIZE = 8;
export const FINAL_EXAM_SIZE = 20;

export type QuizId = ModuleSlug | typeof FINAL_EXAM;

export function isQuizId(value: string): value is QuizId {
  return value === FINAL_EXAM || (MODULE_SLUGS as readonly string[]).includes(value);
}

/** What a quiz is taken under: what drawing, grading and the cooldown enforce, and what the pages tell the trainee. */
export interface QuizRules {
  questions: number;
  /** Share of questions to answer correctly (0–1). */
  passMark: number;
  /** Least right answers that pass. */
  minimumCorrect: number;
  /** Wait after a failed attempt before the next. */
  cooldownMinutes: number;
}

export function quizRules(quiz: QuizId): QuizRules {
  const questions = quiz === FINAL_EXAM ? FINAL_EXAM_SIZE : MODULE_QUIZ_SIZE;
  const passMark = settings.quizPassMark();
  return { questions, passMark, minimumCorrect: minimumCorrect(questions, passMark), cooldownMinutes: settings.quizCooldownMinutes() };
}

const cryptoRandom: Random = () => randomInt(0, 2 ** 32) / 2 ** 32;

const keyOf = (q: { module: string; id: string }) => `${q.module}/${q.id}`;

type DrawnQuestion = QuizAttemptRow["questions"][number];
type QuestionLookup = (drawn: DrawnQuestion, lang: Lang) => Question;

/**
 * Finds drawn questions: built-in ones in the banks, the organisation's at the version drawn. Resolves once the
 * organisation's questions among `questions` are read; the lookup itself is synchronous (it runs inside store updates).
 */
async function questionLookup(questions: readonly DrawnQuestion[]): Promise<QuestionLookup> {
  const org = await orgQuestionLookup(questions.filter((d) => ORG_QUESTION_ID.test(d.id)).map((d) => d.id));
  return (drawn, lang) => {
    const q = ORG_QUESTION_ID.test(drawn.id)
      ? org(drawn.module, drawn.id, drawn.version, lang)
      : getBanks(lang)[drawn.module as ModuleSlug]?.questions.find((x) => x.id === drawn.id);
    if (!q) throw new Error(`question ${drawn.module}/${drawn.id} is no longer in the bank`);
    return q;
  };
}

export interface QuizState {
  active: QuizAttemptRow | null;
  lastSubmitted: QuizAttemptRow | null;
  passedEver: boolean;
  /** How many attempts were handed in. */
  submittedCount: number;
  /** The highest score handed in (the latest of equals). */
  best: { id: string; percent: number; passed: boolean } | null;
  /** When a failed attempt's cooldown ends (ISO), if it has not yet. */
  cooldownUntil: string | null;
}

export async function getQuizState(userId: string, quiz: QuizId, now: Date): Promise<QuizState> {
  const mine = await quizAttemptsStore().ofQuiz(userId, quiz);
  const active = mine.find((a) => !a.submittedAt) ?? null;
  const submitted = mine.filter((a) => a.submittedAt).sort((a, b) => b.submittedAt!.localeCompare(a.submittedAt!));
  const last = submitted[0] ?? null;
  let cooldownUntil: string | null = null;
  if (last && !last.result!.passed) {
    const until = new Date(new Date(last.submittedAt!).getTime() + quizRules(quiz).cooldownMinutes * 60_000);
    if (until > now) cooldownUntil = until.toISOString();
  }
  const best = submitted.reduce<QuizAttemptRow | null>((top, a) => (!top || a.result!.percent > top.result!.percent ? a : top), null);
  return {
    active,
    lastSubmitted: last,
    passedEver: submitted.some((a) => a.result!.passed),
    submittedCount: submitted.length,
    best: best && { id: best.id, percent: best.result!.percent, passed: best.result!.passed },
    cooldownUntil,
  };
}

export type StartQuizResult = { ok: true; attempt: QuizAttemptRow } | { ok: false; error: "cooldown"; until: string };

/** Draws a quiz: its number of questions from the module's bank (across all banks for the final exam), options shuffled. */
export async function startQuiz(userId: string, quiz: QuizId, now: Date, random: Random = cryptoRandom): Promise<StartQuizResult> {
  const state = await getQuizState(userId, quiz, now);
  if (state.active) return { ok: true, attempt: state.active };
  if (state.cooldownUntil) return { ok: false, error: "cooldown", until: state.cooldownUntil };
  const banks = getBanks("zh-CN");
  const modules = quiz === FINAL_EXAM ? MODULE_SLUGS : [quiz];
  // The organisation's published questions stand beside the built-in bank of their module.
  const org = await drawableOrgQuestions(modules);
  const pool = modules.flatMap((module) => [
    ...banks[module].questions.map((q) => ({ key: keyOf({ module, id: q.id }), bank: module, module, q, version: undefined })),
    ...org
      .filter((o) => o.module === module)
      .map((o) => ({ key: keyOf({ module, id: o.question.id }), bank: module, module, q: o.question, version: o.version })),
  ]);
  const seen = new Set(state.lastSubmitted?.questions.map(keyOf) ?? []);
  const size = quizRules(quiz).questions;
  const drawn = quiz === FINAL_EXAM ? drawAcrossBanks(pool, size, seen, random) : drawWeighted(pool, size, seen, random);
  const attempt: QuizAttemptRow = {
    id: newAttemptId(userId),
    quiz,
    startedAt: now.toISOString(),
    submittedAt: null,
    questions: drawn.map((d) => ({
      module: d.module,
      id: d.q.id,
      ...(d.version === undefined ? {} : { version: d.version }),
      optionOrder: shuffle(
        d.q.options.map((o) => o.id),
        random,
      ),
    })),
    answers: null,
    result: null,
  };
  // A double-clicked start (or one sent to two servers) finds the attempt the first one made.
  return { ok: true, attempt: await quizAttemptsStore().start(userId, attempt) };
}

/** Who took a quiz attempt (the id names its trainee, as role-play attempt ids do); null if it does not exist. */
export async function findQuizAttemptOwner(attemptId: string): Promise<{ userId: string; quiz: string } | null> {
  const userId = ownerIdOf(attemptId);
  if (!userId || !(await userExists(userId))) return null;
  const attempt = await quizAttemptsStore().get(userId, attemptId);
  return attempt ? { userId, quiz: attempt.quiz } : null;
}

export async function getQuizAttempt(userId: string, attemptId: string): Promise<QuizAttemptRow | null> {
  return quizAttemptsStore().get(userId, attemptId);
}

/** The drawn questions as the trainee sees them before grading: no answer, no explanation. */
export async function questionsForTaking(attempt: QuizAttemptRow, lang: Lang) {
  const question = await questionLookup(attempt.questions);
  return attempt.questions.map((drawn) => questionForTaking(drawn, question(drawn, lang)));
}

/** One question as the trainee sees it before grading, with its options in the order drawn. */
export function questionForTaking(drawn: Pick<DrawnQuestion, "module" | "id" | "optionOrder">, q: Question) {
  return {
    key: keyOf(drawn),
    type: q.type,
    stemHtml: renderMarkdown(q.stem),
    options: drawn.optionOrder.map((id) => ({ id, text: q.options.find((o) => o.id === id)!.text })),
  };
}
export type QuestionForTaking = ReturnType<typeof questionForTaking>;

/** A submitted attempt's questions, graded: the answer key and the explanation may now be shown. */
export async function gradedQuestions(attempt: QuizAttemptRow, lang: Lang) {
  const question = await questionLookup(attempt.questions);
  const perQuestion = new Map(attempt.result?.perQuestion.map((p) => [p.key, p.correct]));
  return attempt.questions.map((drawn) =>
    questionGraded(drawn, question(drawn, lang), attempt.answers?.[keyOf(drawn)], perQuestion.get(keyOf(drawn)) ?? false, lang),
  );
}

/**
 * One graded question. A built-in explanation links to its section in its own words; an organisation question
 * keeps its section apart, and the link is shown under its explanation.
 */
export function questionGraded(
  drawn: Pick<DrawnQuestion, "module" | "id" | "optionOrder">,
  q: Question,
  answer: QuizAnswer | undefined,
  correct: boolean,
  lang: Lang,
) {
  const text = (id: string) => q.options.find((o) => o.id === id)?.text ?? id;
  const chosen = answer === undefined ? [] : Array.isArray(answer) ? answer : [answer];
  const section = ORG_QUESTION_ID.test(q.id)
    ? getCourseware(lang)
        .find((m) => m.slug === q.source.module)
        ?.sections.find((s) => s.id === q.source.section)
    : undefined;
  return {
    key: keyOf(drawn),
    type: q.type,
    stemHtml: renderMarkdown(q.stem),
    options: drawn.optionOrder.map((id) => ({ id, text: text(id), correct: q.correct.includes(id), chosen: chosen.includes(id) })),
    yourAnswer: chosen.map(text),
    correctAnswer: q.correct.map(text),
    correct,
    explanationHtml: renderMarkdown(q.explanation),
    sectionLink: section ? { href: `/learn/${q.source.module}#${section.id}`, title: section.title } : null,
  };
}
export type GradedQuestion = ReturnType<typeof questionGraded>;

export type SubmitResult =
  | { ok: true; attempt: QuizAttemptRow }
  | { ok: false; error: "not-found" | "already-submitted" }
  | { ok: false; error: "missing"; keys: string[] }
  | { ok: false; error: "not-drawn"; keys: string[] }
  | { ok: false; error: "invalid"; keys: string[] };

/**
 * Grades and records an attempt's answers, once (a hand-in sent twice, or to two servers, is graded and recorded
 * by the first; the second is told it was handed in already). Answers to questions that were not drawn, missing
 * answers and malformed answers are refused and nothing is recorded.
 */
export async function submitQuiz(userId: string, attemptId: string, submitted: Record<string, QuizAnswer>, now: Date): Promise<SubmitResult> {
  let answers = submitted;
  // The questions drawn never change: the organisation's among them are read before the hand-in's one step.
  const question = await questionLookup((await quizAttemptsStore().get(userId, attemptId))?.questions ?? []);
  const result = await quizAttemptsStore().submit(userId, attemptId, (attempt): { record: QuizSubmission | null; result: SubmitResult } => {
    const refuse = (refusal: SubmitResult) => ({ record: null, result: refusal });
    if (!attempt) return refuse({ ok: false, error: "not-found" });
    if (attempt.submittedAt) return refuse({ ok: false, error: "already-submitted" });
    const passMark = quizRules(attempt.quiz as QuizId).passMark;
    // A form sends one ticked box of a multiple-choice question as a plain value: read it as a list of one.
    for (const d of attempt.questions) {
      const key = keyOf(d);
      const type = question(d, "zh-CN").type;
      if ((type === "multiple" || type === "order") && typeof answers[key] === "string") answers = { ...answers, [key]: [answers[key] as string] };
    }
    const drawnKeys = attempt.questions.map(keyOf);
    const notDrawn = Object.keys(answers).filter((k) => !drawnKeys.includes(k));
    if (notDrawn.length) return refuse({ ok: false, error: "not-drawn", keys: notDrawn });
    const missing = drawnKeys.filter((k) => answers[k] === undefined || (Array.isArray(answers[k]) && answers[k].length === 0) || answers[k] === "");
    if (missing.length) return refuse({ ok: false, error: "missing", keys: missing });
    const invalid = attempt.questions
      .filter((d) => {
        const a = answers[keyOf(d)];
        const ids = Array.isArray(a) ? a : [a];
        const q = question(d, "zh-CN");
        const single = q.type === "single" || q.type === "truefalse" || q.type === "best-reply";
        if (single !== !Array.isArray(a)) return true;
        if (ids.some((id) => !d.optionOrder.includes(id))) return true;
        return q.type === "order" && (ids.length !== d.optionOrder.length || new Set(ids).size !== ids.length);
      })
      .map(keyOf);
    if (invalid.length) return refuse({ ok: false, error: "invalid", keys: invalid });
    const questions = attempt.questions.map((d) => {
      const q = question(d, "zh-CN");
      return { id: keyOf(d), type: q.type, correct: q.correct };
    });
    const grade = gradeQuiz(questions, answers, passMark);
    const record: QuizSubmission = {
      submittedAt: now.toISOString(),
      answers,
      result: {
        correct: grade.correct,
        total: grade.total,
        percent: grade.percent,
        passed: grade.passed,
        passMark,
        perQuestion: grade.perQuestion.map((p) => ({ key: p.id, correct: p.correct })),
      },
    };
    return { record, result: { ok: true, attempt: structuredClone({ ...attempt, ...record }) } };
  });
  if (result.ok && result.attempt.result?.passed) await issueCertificateIfEligible(userId, now);
  return result;
}

/** Each quiz with the trainee's standing: for /quiz and the home checklist. */
export async function listQuizzesFor(userId: string, now: Date) {
  const quizzes: QuizId[] = [...MODULE_SLUGS, FINAL_EXAM];
  return Promise.all(quizzes.map(async (quiz) => ({ quiz, ...(await getQuizState(userId, quiz, now)) })));
}
