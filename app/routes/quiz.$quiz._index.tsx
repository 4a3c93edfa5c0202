import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { getCourseware } from "~/courseware/courseware.server";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import {
  FINAL_EXAM,
  findQuizAttemptOwner,
  getQuizAttempt,
  getQuizState,
  isQuizId,
  questionsForTaking,
  quizRules,
  startQuiz,
  submitQuiz,
  type QuizId,
} from "~/models/quizzes.server";
import { Countdown } from "~/components/countdown";
import { QuizQuestionFields } from "~/components/quiz-question";
import { FormAlert } from "~/components/form";
import { readForm } from "~/utils/forms.server";
import { now } from "~/utils/clock.server";
import { formatDateTime } from "~/utils/dates";
import { pageTitle } from "~/utils/meta";
import { forbidden, notFound } from "~/utils/params.server";
import type { QuizAnswer } from "~/store/schema";
import { useRef } from "react";
import { useSavedChoices } from "~/utils/saved-draft";
import { withStoreErrors } from "~/utils/store-errors.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => args.data?.title ?? m["quiz.title"]);

function quizOf(param: string | undefined): QuizId {
  return param && isQuizId(param) ? param : notFound();
}

function titleOf(quiz: QuizId, request: Request): string {
  const m = requestMessages(request);
  if (quiz === FINAL_EXAM) return m["quiz.final"];
  return m["quiz.moduleQuiz"](getCourseware(requestLang(request)).find((mod) => mod.slug === quiz)?.title ?? quiz);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "take:quizzes");
  const quiz = quizOf(params.quiz);
  const lang = requestLang(request);
  const at = now();
  const state = await getQuizState(user.id, quiz, at);
  const rules = quizRules(quiz);
  return {
    quiz,
    title: titleOf(quiz, request),
    serverNow: at.toISOString(),
    rules: { ...rules, passPercent: Math.round(rules.passMark * 100) },
    submittedCount: state.submittedCount,
    best: state.best,
    cooldownUntil: state.cooldownUntil,
    last: state.lastSubmitted ? { id: state.lastSubmitted.id, percent: state.lastSubmitted.result!.percent, passed: state.lastSubmitted.result!.passed } : null,
    // Only the drawn questions and their options, in the order shown: no answers, no explanations.
    attempt: state.active ? { id: state.active.id, questions: await questionsForTaking(state.active, lang) } : null,
  };
}

/**
 * Answers from the form: `a.<key>` for chosen options, `o.<key>.<option>` for each step's position. Kept in Maps:
 * a field name is the trainee's input, and `o.__proto__.x` must be a key like any other, not the prototype.
 */
function answersFrom(form: FormData): Record<string, QuizAnswer> {
  const answers = new Map<string, QuizAnswer>();
  const positions = new Map<string, Array<[string, number]>>();
  for (const [name, value] of form) {
    if (typeof value !== "string") continue;
    if (name.startsWith("a.")) {
      const key = name.slice(2);
      const existing = answers.get(key);
      answers.set(key, existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value]);
    } else if (name.startsWith("o.")) {
      const rest = name.slice(2);
      const dot = rest.lastIndexOf(".");
      const key = rest.slice(0, dot);
      positions.set(key, [...(positions.get(key) ?? []), [rest.slice(dot + 1), Number(value)]]);
    }
  }
  for (const [key, list] of positions) {
    // A step without a position, or two steps in one position, makes an answer the grader will refuse.
    const valid = list.every(([, p]) => Number.isInteger(p) && p >= 1 && p <= list.length) && new Set(list.map(([, p]) => p)).size === list.length;
    answers.set(key, valid ? [...list].sort((a, b) => a[1] - b[1]).map(([id]) => id) : list.map(([id]) => id).concat(list[0][0]));
  }
  // Object.fromEntries defines own properties, so a key named __proto__ stays a plain (undrawn, refused) key.
  return Object.fromEntries(answers);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const user = await requirePermission(request, "take:quizzes");
    const quiz = quizOf(params.quiz);
    const m = requestMessages(request);
    const form = await readForm(request, m);
    const at = now();

    if (form.get("intent") === "start") {
      const started = await startQuiz(user.id, quiz, at);
      if (!started.ok) return data({ error: m["quiz.error.cooldown"], keys: [] as string[], answers: {} as Record<string, QuizAnswer> }, { status: 429 });
      return redirect(`/quiz/${quiz}`);
    }

    const attemptId = String(form.get("attemptId") ?? "");
    const owner = attemptId ? await findQuizAttemptOwner(attemptId) : null;
    if (!owner || owner.quiz !== quiz) notFound();
    if (owner.userId !== user.id) forbidden();
    const answers = answersFrom(form);
    const result = await submitQuiz(user.id, attemptId, answers, at);
    if (result.ok) return redirect(`/quiz/${quiz}/result/${attemptId}`);
    const attempt = await getQuizAttempt(user.id, attemptId);
    const total = attempt?.questions.length ?? 0;
    switch (result.error) {
      case "not-found":
        notFound();
      // falls through (notFound throws)
      case "already-submitted":
        return data({ error: m["quiz.error.alreadySubmitted"], keys: [], answers }, { status: 409 });
      case "not-drawn":
        return data({ error: m["quiz.error.notDrawn"], keys: result.keys, answers: {} }, { status: 400 });
      case "missing":
        return data({ error: m["quiz.error.missing"](Math.min(result.keys.length, total)), keys: result.keys, answers }, { status: 400 });
      case "invalid":
        return data({ error: m["quiz.error.invalid"], keys: result.keys, answers }, { status: 400 });
    }
  });
}

export default function TakeQuiz() {
  const { quiz, title, attempt, cooldownUntil, serverNow, last, rules, submittedCount, best } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const m = useMessages();
  const lang = useLang();
  const flagged = new Set(actionData?.keys ?? []);
  const given = (actionData?.answers ?? {}) as Record<string, QuizAnswer>;
  const chosen = (key: string, id: string) => {
    const a = given[key];
    return Array.isArray(a) ? a.includes(id) : a === id;
  };
  // An order question's answer, when it came back whole, is its steps in order: each step's position.
  const position = (key: string, id: string, steps: number) => {
    const a = given[key];
    return Array.isArray(a) && a.length === steps && a.includes(id) ? String(a.indexOf(id) + 1) : "";
  };
  const form = useRef<HTMLFormElement>(null);
  useSavedChoices(form, attempt?.id ?? "");
  return (
    <div className="quiz">
      <p>
        <Link to="/quiz">← {m["quiz.back"]}</Link>
      </p>
      <h1>{title}</h1>
      <FormAlert message={actionData?.error} />
      {attempt ? (
        <Form method="post" className="form quiz-form" ref={form}>
          <input type="hidden" name="attemptId" value={attempt.id} />
          <ol className="quiz-questions">
            {attempt.questions.map((q, i) => (
              <li key={q.key} className={`card quiz-question${flagged.has(q.key) ? " quiz-question--flagged" : ""}`} data-type={q.type}>
                <QuizQuestionFields question={q} number={i + 1} total={attempt.questions.length} chosen={chosen} position={position} />
              </li>
            ))}
          </ol>
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {m["quiz.submit"]}
          </button>
        </Form>
      ) : (
        <>
          <QuizRules quiz={quiz} rules={rules} submittedCount={submittedCount} best={best} />
          {cooldownUntil ? (
            <section className="card">
              <p>{m["quiz.cooldown"](formatDateTime(cooldownUntil, lang))}</p>
              <Countdown until={cooldownUntil} serverNow={serverNow} />
              {last ? (
                <p>
                  <Link to={`/quiz/${quiz}/result/${last.id}`}>
                    {m["quiz.lastResult"]}
                    {m.colon}
                    {last.percent}%
                  </Link>
                </p>
              ) : null}
            </section>
          ) : (
            <Form method="post" className="card">
              <input type="hidden" name="intent" value="start" />
              {last ? (
                <p>
                  <Link to={`/quiz/${quiz}/result/${last.id}`}>
                    {m["quiz.lastResult"]}
                    {m.colon}
                    {last.percent}% · {last.passed ? m["quiz.passed"] : m["quiz.notYet"]}
                  </Link>
                </p>
              ) : null}
              <button type="submit" className="button primary">
                {last ? m["quiz.retake"] : m["quiz.start"]}
              </button>
            </Form>
          )}
        </>
      )}
    </div>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** What the quiz is, from the rules the server enforces: size, pass mark, cooldown, and the trainee's record. */
function QuizRules({ quiz, rules, submittedCount, best }: Pick<LoaderData, "quiz" | "rules" | "submittedCount" | "best">) {
  const m = useMessages();
  return (
    <section className="card quiz-rules" aria-labelledby="quiz-rules-title">
      <h2 id="quiz-rules-title">{m["quiz.rules.title"]}</h2>
      <dl className="facts">
        <dt>{m["quiz.rules.questions"]}</dt>
        <dd>{m["quiz.rules.questionsValue"](rules.questions)}</dd>
        <dt>{m["quiz.rules.passMark"]}</dt>
        <dd>{m["quiz.rules.passMarkValue"](rules.passPercent, rules.minimumCorrect, rules.questions)}</dd>
        <dt>{m["quiz.rules.cooldown"]}</dt>
        <dd>{m["quiz.rules.cooldownValue"](rules.cooldownMinutes)}</dd>
        <dt>{m["quiz.rules.attempts"]}</dt>
        <dd>{m["quiz.rules.attemptsValue"](submittedCount)}</dd>
        {best ? (
          <>
            <dt>{m["quiz.rules.best"]}</dt>
            <dd>
              <Link to={`/quiz/${quiz}/result/${best.id}`}>
                {best.percent}% · {best.passed ? m["quiz.passed"] : m["quiz.notYet"]}
              </Link>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
